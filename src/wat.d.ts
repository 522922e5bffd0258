/** WebAssembly text assembled at build time by the `tau:wat` Vite plugin (vite.config.ts). */
declare module '*.wat' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
