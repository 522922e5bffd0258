#!/usr/bin/env node
// Writes a class-balanced Fashion-MNIST subset as an IDX pair the studio loads (`tau train --data …`):
//   node scripts/measure/fashion-subset.mjs [--per-class 500] [--source /usr/share/datasets/fashion-mnist] [--out dir]
// Takes the first N images of each class from the training file, in file order (deterministic).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const perClass = Number(flag('per-class', '500'));
const source = flag('source', '/usr/share/datasets/fashion-mnist');
const out = flag('out', `/tmp/tau-measure/fashion-${perClass * 10}`);

const images = gunzipSync(readFileSync(join(source, 'train-images-idx3-ubyte.gz')));
const labels = gunzipSync(readFileSync(join(source, 'train-labels-idx1-ubyte.gz')));
const count = labels.readUInt32BE(4);
const [rows, cols] = [images.readUInt32BE(8), images.readUInt32BE(12)];
const size = rows * cols;
const taken = new Array(10).fill(0);
const picked = [];
for (let i = 0; i < count && picked.length < perClass * 10; i++) {
  const label = labels[8 + i];
  if (taken[label] < perClass) {
    taken[label]++;
    picked.push(i);
  }
}
const imageOut = Buffer.alloc(16 + picked.length * size);
images.copy(imageOut, 0, 0, 16);
imageOut.writeUInt32BE(picked.length, 4);
const labelOut = Buffer.alloc(8 + picked.length);
labels.copy(labelOut, 0, 0, 8);
labelOut.writeUInt32BE(picked.length, 4);
picked.forEach((index, i) => {
  images.copy(imageOut, 16 + i * size, 16 + index * size, 16 + (index + 1) * size);
  labelOut[8 + i] = labels[8 + index];
});
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'subset-images-idx3-ubyte.gz'), gzipSync(imageOut));
writeFileSync(join(out, 'subset-labels-idx1-ubyte.gz'), gzipSync(labelOut));
process.stdout.write(`${JSON.stringify({ out, images: picked.length, perClass: taken })}\n`);
