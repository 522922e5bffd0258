/**
 * Initial JavaScript ≤ 150 KB gzip (issue 19) holds only while the heavy parts stay behind dynamic
 * `import()`. This walks the static import graph from src/main.tsx (what Vite puts in the first chunk)
 * and fails when a module that must stay lazy becomes reachable — a cheaper, build-free check than
 * `node scripts/measure/initial-js.mjs` on a build, which measures the bytes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('.', import.meta.url).pathname;

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return `npm:${spec.replace(/^((@[^/]+\/)?[^/]+).*/, '$1')}`;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every module reachable from `entry` through static, value (not `import type`) imports, with the path that reached it. */
export function staticImportGraph(entry: string): Map<string, string | null> {
  const parent = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (file.startsWith('npm:') || !/\.(ts|tsx)$/.test(file)) continue;
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const target = resolveImport(file, match[1]);
      if (target === null || parent.has(target)) continue;
      parent.set(target, file);
      queue.push(target);
    }
  }
  return parent;
}

function chain(graph: Map<string, string | null>, module: string): string {
  const steps: string[] = [];
  for (let at: string | null | undefined = module; at; at = graph.get(at)) steps.push(at.startsWith('npm:') ? at : relative(srcDir, at));
  return steps.reverse().join(' → ');
}

describe('initial JavaScript (static imports from src/main.tsx)', () => {
  const graph = staticImportGraph(resolve(srcDir, 'main.tsx'));

  it('reaches the app shell and every notebook section', () => {
    for (const module of ['ui/App.tsx', 'ui/data/DataSection.tsx', 'ui/train/TrainSection.tsx', 'ui/evaluate/EvaluateSection.tsx', 'automation/install.ts', 'npm:react-dom']) {
      expect(graph.has(module.startsWith('npm:') ? module : resolve(srcDir, module)), module).toBe(true);
    }
  });

  it('does not reach TF.js, charts, decimal arithmetic, the runner automation, or panels shown only after data or a model', () => {
    const lazy = [
      'npm:@tensorflow/tfjs',
      'npm:recharts',
      'npm:decimal.js',
      'automation/automation.ts',
      'revenue/money.ts',
      'ui/revenue/RevenuePanel.tsx',
      'ui/search/SearchPanel.tsx',
      'ui/predict/PredictForm.tsx',
      'ui/predict/BatchPanel.tsx',
      'ui/images/ImageModelSection.tsx',
      'ui/images/ImagePrepareSection.tsx',
      // fflate builds its Huffman and bit-reversal tables when its module evaluates (~150 ms on a loaded
      // machine, before the first render): links, zips and exports load it when they need it.
      'npm:fflate',
    ];
    const reached = lazy.filter((m) => graph.has(m.startsWith('npm:') ? m : resolve(srcDir, m)));
    expect(reached.map((m) => chain(graph, m.startsWith('npm:') ? m : resolve(srcDir, m)))).toEqual([]);
  });
});
