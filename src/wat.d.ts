/** WebAssembly text assembled at build time by the `tau:wat` Vite plugin (vite.config.ts). */
declare module '*.wat' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}

/** The same module with its multiply-adds as f32x4.relaxed_madd (relaxed SIMD; see vite.config.ts). */
declare module '*.wat?relaxed' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
