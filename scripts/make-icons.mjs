#!/usr/bin/env node
// Draws the Tau Studio icon (a white τ on the accent blue) as SVG and as PNGs for the web app
// manifest, the favicon and iOS, with no image tools: shapes are rounded rectangles rendered by a
// signed distance with 4×4 supersampling, and PNGs are encoded here (RGBA, zlib from node:zlib).
// Output is committed (public/icons); rerun after changing the design: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = resolve(fileURLToPath(new URL('../public/icons', import.meta.url)));
const ACCENT = [0x2f, 0x6f, 0xdf];
const WHITE = [0xff, 0xff, 0xff];

/** The τ in a unit square: [x0, y0, x1, y1, cornerRadius]. */
const GLYPH = [
  [0.2, 0.27, 0.8, 0.39, 0.06], // the bar
  [0.43, 0.3, 0.56, 0.72, 0.065], // the stem
  [0.43, 0.62, 0.68, 0.74, 0.06], // the foot that turns right
];

/** Signed distance to a rounded rectangle (negative inside). */
/** @param {number} x @param {number} y @param {number[]} rect [x0, y0, x1, y1, radius] */
function roundedRect(x, y, [x0, y0, x1, y1, r]) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** maskable: full-bleed background and the glyph shrunk into the 80 % safe circle. */
function shapes(maskable) {
  const background = maskable ? [0, 0, 1, 1, 0] : [0.02, 0.02, 0.98, 0.98, 0.2];
  const scale = maskable ? 0.72 : 1;
  const glyph = GLYPH.map(([x0, y0, x1, y1, r]) => [0.5 + (x0 - 0.5) * scale, 0.5 + (y0 - 0.5) * scale, 0.5 + (x1 - 0.5) * scale, 0.5 + (y1 - 0.5) * scale, r * scale]);
  return { background, glyph };
}

function render(size, maskable) {
  const { background, glyph } = shapes(maskable);
  const rgba = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          if (roundedRect(x, y, background) <= 0) {
            bg++;
            if (glyph.some((g) => roundedRect(x, y, g) <= 0)) fg++;
          }
        }
      }
      const i = (py * size + px) * 4;
      const alpha = bg / (n * n);
      const white = bg === 0 ? 0 : fg / bg;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(ACCENT[c] * (1 - white) + WHITE[c] * white);
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function svg(maskable) {
  const { background, glyph } = shapes(maskable);
  /** @param {number[]} box @param {string} fill */
  const rect = ([x0, y0, x1, y1, r], fill) =>
    `<rect x="${+(x0 * 512).toFixed(2)}" y="${+(y0 * 512).toFixed(2)}" width="${+((x1 - x0) * 512).toFixed(2)}" height="${+((y1 - y0) * 512).toFixed(2)}" rx="${+(r * 512).toFixed(2)}" fill="${fill}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${rect(background, '#2f6fdf')}${glyph.map((g) => rect(g, '#fff')).join('')}</svg>\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'icon.svg'), svg(false));
  /** @type {[string, number, boolean][]} */
  const icons = [
    ['icon-192.png', 192, false],
    ['icon-512.png', 512, false],
    ['maskable-512.png', 512, true],
    ['apple-touch-icon.png', 180, true],
    ['favicon-32.png', 32, false],
  ];
  for (const [name, size, maskable] of icons) {
    writeFileSync(join(out, name), encodePng(size, size, render(size, maskable)));
  }
  console.log(`icons written to ${out}`);
}
