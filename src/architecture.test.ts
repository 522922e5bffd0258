/**
 * The layer rules of ARCHITECTURE.md are enforced by eslint.config.js; these tests lint small snippets
 * with the real config (ESLint's Node API) so a rule that silently stops matching fails here.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer boundaries (eslint.config.js)', () => {
  it('reports a domain folder importing the UI, the store or the worker', async () => {
    for (const [file, from] of [
      ['src/data/x.ts', '../ui/App'],
      ['src/train/x.ts', '../workers/protocol'],
      ['src/notebook/share/x.ts', '../../store/studio-store'],
      ['src/runtime/x.ts', '../automation/automation'],
    ]) {
      const found = await problems(file, `import { thing } from '${from}';\nexport const y = thing;\n`);
      expect(found, `${file} importing ${from}`).toEqual([expect.stringMatching(/^no-restricted-imports: .*domain code|^no-restricted-imports: .*never imports/)]);
    }
  });

  it('reports the UI importing TensorFlow.js or the TF.js runtime', async () => {
    expect(await problems('src/ui/x.tsx', "import * as tf from '@tensorflow/tfjs';\nexport const y = tf;\n")).toEqual([expect.stringMatching(/^no-restricted-imports: .*never loads TensorFlow\.js/)]);
    expect(await problems('src/ui/train/x.ts', "import { tf } from '../../runtime/tf-runtime';\nexport const y = tf;\n")).toHaveLength(1);
    expect(await problems('src/ui/train/x.ts', "import { describeProbe } from '../../runtime/backends';\nexport const y = describeProbe;\n")).toEqual([]);
  });

  it('accepts the allowed directions and reports spreading into push / Math.max', async () => {
    expect(await problems('src/train/x.ts', "import { buildModel } from '../models/build-model';\nimport { DataError } from '../lib/errors';\nexport const y = [buildModel, DataError];\n")).toEqual(
      [],
    );
    expect(await problems('src/store/x.ts', "import type { JobProgress } from '../workers/protocol';\nexport type Y = JobProgress;\n")).toEqual([]);
    const spread = await problems('src/evaluate/x.ts', 'export function f(a: number[], b: number[]): number {\n  a.push(...b);\n  return Math.max(...a);\n}\n');
    expect(spread).toEqual([expect.stringMatching(/^no-restricted-syntax: Do not spread into push/), expect.stringMatching(/^no-restricted-syntax: Do not spread into Math\.max/)]);
  });
});
