// Bundles scripts/gpu/webgpu-dawn.ts (and the studio modules it imports, TF.js included) into one ESM file
// for Node, so the GPU machine needs only node, dawn.node and this file. Usage: node scripts/gpu/build.mjs <outdir>
import { build } from 'vite';
import { resolve } from 'node:path';

const outDir = resolve(process.argv[2] ?? '.gpu');
await build({
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  // The fused WASM trainer (.wat) never runs on WebGPU: an empty module keeps wabt out of this bundle.
  plugins: [{ name: 'gpu:no-wat', load: (id) => (id.endsWith('.wat') ? 'export default new Uint8Array(0);' : null) }],
  build: {
    ssr: resolve('scripts/gpu/webgpu-dawn.ts'),
    outDir,
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'webgpu-dawn.mjs', format: 'es', codeSplitting: false } },
  },
  ssr: { noExternal: true, target: 'node' },
});
console.log(`built ${outDir}/webgpu-dawn.mjs`);
