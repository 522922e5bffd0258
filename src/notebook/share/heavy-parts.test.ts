import { describe, expect, it } from 'vitest';
import { currentDocument, tinyModel } from '../test-utils/fixtures';
import { heavyPartsOf } from './heavy-parts';
import { AUTO_LOAD } from '../../settings/limits';

describe('heavyPartsOf: what a link may load without a click', () => {
  it('small inline data and a small model load by themselves', () => {
    const base = currentDocument();
    const doc = { ...base, dataset: { kind: 'file' as const, name: 't.csv', bytes: 12, inline: 'a,b\n1,x\n2,y\n' }, trainedModel: tinyModel(base.results!.finishedAt) };
    expect(heavyPartsOf(doc)).toBeNull();
  });

  it('wide or large inline data and a large model wait, with rows, columns and parameters', () => {
    const base = currentDocument();
    const columns = AUTO_LOAD.inlineColumns + 1;
    const inline = `${Array.from({ length: columns }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 3 }, () => new Array(columns).fill('1').join(',')).join('\n')}\n`;
    const model = tinyModel(base.results!.finishedAt);
    const layers = (model.modelTopology.config as { layers: { config: Record<string, unknown> }[] }).layers;
    layers[0].config.units = 2000;
    layers[0].config.batch_input_shape = [null, 1000];
    const heavy = heavyPartsOf({ ...base, dataset: { kind: 'file', name: 'w.csv', bytes: inline.length, inline }, trainedModel: model });
    expect(heavy?.data).toEqual({ rows: 3, columns, bytes: inline.length });
    expect(heavy?.model).toEqual({ parameters: 1000 * 2000 + 2000 });
  });
});
