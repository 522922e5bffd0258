#!/usr/bin/env node
// Writes the small image fixtures the e2e tests load (committed; rerun to regenerate, output is identical):
//   e2e/fixtures/images/shapes/<circle|square|triangle>/NN.png  16×16 RGB PNGs, 12 per class, seeded
//   e2e/fixtures/images/shapes.zip                                the same folder as a zip
//   e2e/fixtures/images/truncated.zip                             that zip cut short (a broken download)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { createRandom } from './lib/random.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'fixtures', 'images');
const SIZE = 16;
const PER_CLASS = 12;

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
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGB PNG from HWC pixels. */
function encodePng(width, height, rgb) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 3)] = 0; // filter: none
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (1 + width * 3) + 1);
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const inside = {
  circle: (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
  square: (x, y, cx, cy, r) => Math.abs(x - cx) <= r * 0.85 && Math.abs(y - cy) <= r * 0.85,
  triangle: (x, y, cx, cy, r) => y >= cy - r && y <= cy + r && Math.abs(x - cx) <= ((y - (cy - r)) / (2 * r)) * r,
};

/** A light background with one dark-ish shape; shape colour varies but leans per class, so a tiny CNN learns it. */
function drawShape(kind, random) {
  const rgb = new Uint8Array(SIZE * SIZE * 3);
  const r = 3.5 + random() * 2.5;
  const cx = r + random() * (SIZE - 1 - 2 * r);
  const cy = r + random() * (SIZE - 1 - 2 * r);
  const hue = { circle: [200, 60, 60], square: [60, 160, 70], triangle: [60, 80, 200] }[kind];
  const colour = hue.map((v) => Math.max(0, Math.min(255, v + Math.round((random() - 0.5) * 80))));
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const noise = Math.round((random() - 0.5) * 30);
      const value = inside[kind](x + 0.5, y + 0.5, cx, cy, r) ? colour : [235, 235, 230];
      for (let c = 0; c < 3; c++) rgb[(y * SIZE + x) * 3 + c] = Math.max(0, Math.min(255, value[c] + noise));
    }
  }
  return rgb;
}

// Only what this script writes: the folder also holds the images page object (images-page.ts).
rmSync(join(OUT, 'shapes'), { recursive: true, force: true });
const random = createRandom(20240611);
/** @type {import("fflate").Zippable} */
const entries = {};
for (const kind of Object.keys(inside)) {
  mkdirSync(join(OUT, 'shapes', kind), { recursive: true });
  for (let i = 0; i < PER_CLASS; i++) {
    const png = encodePng(SIZE, SIZE, drawShape(kind, random));
    const name = `${String(i + 1).padStart(2, '0')}.png`;
    writeFileSync(join(OUT, 'shapes', kind, name), png);
    entries[`shapes/${kind}/${name}`] = [new Uint8Array(png), { mtime: new Date('2024-01-01T00:00:00Z') }];
  }
}
const zip = zipSync(entries, { level: 6 });
writeFileSync(join(OUT, 'shapes.zip'), zip);
writeFileSync(join(OUT, 'truncated.zip'), zip.subarray(0, Math.floor(zip.length * 0.6)));
process.stdout.write(`Wrote ${Object.keys(entries).length} PNGs, shapes.zip (${zip.length} bytes) and truncated.zip to ${OUT}\n`);
