/**
 * Gives Node the WebGPU API from dawn.node (Dawn, the WebGPU implementation inside Chrome, built for Node
 * by the `webgpu` npm package), before TF.js's WebGPU backend is imported: that backend registers itself
 * only when `navigator.gpu` exists at import time. A measurement harness only, never the product.
 */
import { createRequire } from 'node:module';

interface DawnModule {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

const path = process.env.DAWN_NODE;
if (!path) throw new Error('Set DAWN_NODE to the path of dawn.node (from the `webgpu` npm package).');
const dawn = createRequire(import.meta.url)(path) as DawnModule;
Object.assign(globalThis, dawn.globals);
Object.defineProperty(globalThis, 'navigator', { value: { gpu: dawn.create([]) }, configurable: true, writable: true });
