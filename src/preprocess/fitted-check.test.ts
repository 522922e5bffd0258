import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkPreprocessing } from '../export/validate-bundle';
import { validateNotebook } from '../notebook/validate';
import { fittedPreprocessorProblem } from './fitted-check';
import type { FittedPreprocessor } from './fitted';

type Doc = { results: { preprocessing: FittedPreprocessor } };
const fixture = (): Doc => JSON.parse(readFileSync(new URL('../notebook/fixtures/v1-breast-cancer.json', import.meta.url), 'utf8')) as Doc;
const fitted = () => fixture().results.preprocessing;

/** One hostile change per field; links (notebook schema) and bundles (preprocessing.json) must both refuse it, with the same reason. */
const cases: [string, (p: FittedPreprocessor) => void, RegExp][] = [
  ['scale 0', (p) => p.features[0].kind === 'numeric' && (p.features[0].scale = 0), /scale/],
  ['duplicate feature names', (p) => (p.features[1] = { ...p.features[1], name: p.features[0].name }), /appears twice|name/],
  ['inputSize off by one', (p) => (p.inputSize += 1), /inputSize|inputs/],
  ['an input name missing', (p) => p.inputNames.pop(), /inputNames|names for/],
  ['one class', (p) => (p.target.classes = [p.target.classes[0]]), /at least two/],
  ['duplicate classes', (p) => (p.target.classes = [p.target.classes[0], p.target.classes[0]]), /twice/],
  ['regression without stats', (p) => (p.target = { name: 'y', classes: [], task: 'regression' }), /statistics|stats/],
  ['regression std 0', (p) => (p.target = { name: 'y', classes: [], task: 'regression', stats: { mean: 0, std: 0, min: 0, max: 1 } }), /std/],
  [
    'categorical shares above 1',
    (p) => (p.features[0] = { kind: 'categorical', name: p.features[0].name, categories: ['a', 'b'], fill: 'a', frequencies: [0.5, 1.5] }),
    /shares|between 0 and 1|frequencies/,
  ],
  ['categorical frequencies missing', (p) => (p.features[0] = { kind: 'categorical', name: p.features[0].name, categories: ['a', 'b'], fill: 'a', frequencies: [1] }), /frequencies/],
];

describe('one check for fitted preprocessing (links and bundles)', () => {
  it('accepts the real fixture everywhere', () => {
    expect(fittedPreprocessorProblem(fitted())).toBeNull();
    expect(() => checkPreprocessing(fitted())).not.toThrow();
    expect(validateNotebook(fixture()).ok).toBe(true);
  });

  it.each(cases)('refuses %s in a link and in a bundle', (_name, spoil, reason) => {
    const p = fitted();
    spoil(p);
    expect(fittedPreprocessorProblem(p)).toMatch(reason);
    expect(() => checkPreprocessing(p)).toThrow(reason);
    const doc = fixture();
    spoil(doc.results.preprocessing);
    const opened = validateNotebook(doc);
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.message).toMatch(reason);
  });
});
