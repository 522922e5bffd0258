// Runs the CNN-on-WASM kernel profile (not part of `npm test`: it only prints a table):
//   nice npx vitest run --config scripts/measure/cnn-wasm-profile.vitest.config.ts
import { mergeConfig } from 'vitest/config';
import base from '../../vite.config';

export default mergeConfig(base, { test: { include: ['scripts/measure/cnn-wasm-profile.test.ts'], testTimeout: 600_000 } });
