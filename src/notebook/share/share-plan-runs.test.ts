import { describe, expect, it } from 'vitest';
import { currentDocument } from '../test-utils/fixtures';
import { runFromResult, withoutCurves } from '../runs';
import { decodeNotebookLink } from './link-codec';
import { planShareLink } from './share-plan';

describe('share links with kept runs', () => {
  it('drops the runs’ curves before anything else, keeps their metrics, and says so', () => {
    const doc = currentDocument();
    const results = doc.results;
    if (!results) throw new Error('the fixture has results');
    // Long curves that do not compress away.
    const history = Array.from({ length: 300 }, (_, i) => ({
      ...results.training.history[0],
      epoch: i + 1,
      loss: Math.sin(i * 1.7) + 2,
      accuracy: Math.abs(Math.cos(i * 2.3)),
      valLoss: Math.sin(i * 0.37) + 2,
      valAccuracy: Math.abs(Math.cos(i * 0.91)),
    }));
    const runs = Array.from({ length: 6 }, (_, k) =>
      runFromResult({ ...results, training: { ...results.training, history: history.map((h) => ({ ...h, loss: h.loss + k / 7 })) } }, { id: `run-${k}` }),
    );
    const full = { ...doc, runs };
    const lean = planShareLink({ ...full, runs: withoutCurves(runs) });
    if (!lean.ok) throw new Error(lean.message);
    const plan = planShareLink(full, { maxChars: lean.link.chars + 10 });
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.notes.map((n) => n.about)).toContain('runs');
    const decoded = decodeNotebookLink(plan.link.fragment);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.value.runs?.every((r) => r.curves === undefined && r.dropped?.includes('curves'))).toBe(true);
    expect(decoded.value.runs?.map((r) => r.metrics)).toEqual(runs.map((r) => r.metrics));
    // With room, the curves stay.
    const roomy = planShareLink(full);
    expect(roomy.ok && roomy.notes.some((n) => n.about === 'runs')).toBe(false);
  });
});
