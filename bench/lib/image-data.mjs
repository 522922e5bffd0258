// Image workload data: an IDX pair (as Fashion-MNIST ships) of deterministic 28×28 grayscale images.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom as random } from '../../scripts/lib/random.mjs';

/** Ten classes of noisy stripes at different angles: learnable, and the same bytes every run. */
export function syntheticIdx(dir, count) {
  const images = join(dir, `bench${count}-images-idx3-ubyte`);
  const labels = join(dir, `bench${count}-labels-idx1-ubyte`);
  if (existsSync(images) && existsSync(labels)) return { images, labels };
  const next = random(3);
  const imageBytes = Buffer.alloc(16 + count * 784);
  imageBytes.writeUInt32BE(0x00000803, 0);
  imageBytes.writeUInt32BE(count, 4);
  imageBytes.writeUInt32BE(28, 8);
  imageBytes.writeUInt32BE(28, 12);
  const labelBytes = Buffer.alloc(8 + count);
  labelBytes.writeUInt32BE(0x00000801, 0);
  labelBytes.writeUInt32BE(count, 4);
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    labelBytes[8 + i] = label;
    const angle = (label / 10) * Math.PI;
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const stripe = Math.sin((x * Math.cos(angle) + y * Math.sin(angle)) * 0.9) > 0 ? 200 : 40;
        imageBytes[16 + i * 784 + y * 28 + x] = Math.max(0, Math.min(255, stripe + (next() - 0.5) * 120));
      }
    }
  }
  writeFileSync(images, imageBytes);
  writeFileSync(labels, labelBytes);
  return { images, labels };
}
