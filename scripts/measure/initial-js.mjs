#!/usr/bin/env node
// Gzip size of the JavaScript that dist/index.html loads before the app is interactive: its module
// script(s) plus every <link rel="modulepreload">. Lazy chunks (the zh-CN catalogue, the service
// worker registration, TF.js in the worker) are not counted. Usage: node scripts/measure/initial-js.mjs [distDir]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = resolve(process.argv[2] ?? process.env.TAU_DIST_DIR ?? 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = new Set();
for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) files.add(m[1]);
for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) files.add(m[1]);
let raw = 0;
let gzip = 0;
const rows = [];
for (const file of files) {
  const bytes = readFileSync(join(dist, file.replace(/^\.\//, '')));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += gz;
  rows.push({ file, bytes: bytes.length, gzip: gz });
}
console.log(JSON.stringify({ dist, files: rows, totalBytes: raw, totalGzip: gzip }, null, 2));
