#!/usr/bin/env node
// Serves the built app (dist/) on localhost with the cross-origin isolation headers the WASM backend
// needs for threads. Used by `npm run preview`, the headless runner, e2e tests and the bench.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.zip': 'application/zip',
};

/**
 * The built app's Content-Security-Policy (also in index.html as a meta tag by vite.config.ts): no inline
 * or foreign script, WebAssembly compiled from fetched bytes only ('wasm-unsafe-eval', which the WASM
 * backend needs), workers from this origin or blob: (the threaded WASM backend), no plugins, no <base>.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data: https: http://localhost:* http://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
/**
 * Where the built app lives; TAU_DIST_DIR lets parallel checkouts/builds not overwrite each other.
 * Builds run with --emptyOutDir, so a folder that holds the project (an empty TAU_DIST_DIR resolves to
 * the project root) would be wiped: refuse it.
 */
export const distDir = resolveDistDir(process.env.TAU_DIST_DIR);

function resolveDistDir(configured) {
  const dir = resolve(projectRoot, configured && configured.trim() !== '' ? configured : 'dist');
  if (projectRoot === dir || projectRoot.startsWith(dir + sep)) {
    throw new Error(`TAU_DIST_DIR=${JSON.stringify(configured)} points at ${dir}, which contains the project; the build empties that folder. Unset it or name a folder of its own (e.g. dist-other).`);
  }
  return dir;
}

/** Starts a static server for `root`; resolves to { url, close }. Port 0 picks a free port. */
export function startServer({ root = distDir, port = 0, host = 'localhost' } = {}) {
  const base = resolve(root);
  const server = createServer((request, response) => {
    let url;
    let decoded;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
      decoded = decodeURIComponent(url.pathname);
    } catch {
      // A malformed escape ("/%E0%A4%A") used to throw here and crash the server for everyone.
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request: malformed address');
      return;
    }
    if (decoded.includes('\0')) {
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
      return;
    }
    let path = normalize(join(base, decoded));
    if (path !== base && !path.startsWith(base + sep)) {
      response.writeHead(403).end('Forbidden');
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': statSync(path).size,
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
      ...(extname(path).toLowerCase() === '.html' ? { 'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` } : {}),
      'X-Content-Type-Options': 'nosniff',
    });
    createReadStream(path).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolvePromise({ url: `http://${host}:${actualPort}/`, port: actualPort, close: () => /** @type {Promise<void>} */ (new Promise((r) => server.close(() => r()))) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const portFlag = process.argv.indexOf('--port');
  const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : 4173;
  if (!existsSync(join(distDir, 'index.html'))) {
    console.error(`${distDir} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const { url } = await startServer({ port });
  console.log(`Tau Studio (built) at ${url}`);
}
