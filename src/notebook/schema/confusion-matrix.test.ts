import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateNotebook } from '../validate';

const fixture = () =>
  JSON.parse(readFileSync(new URL('../fixtures/v1-breast-cancer.json', import.meta.url), 'utf8')) as { results: { metrics: { confusionMatrix: { labels: string[]; matrix: unknown } } } };

function withMatrix(matrix: unknown) {
  const doc = fixture();
  doc.results.metrics.confusionMatrix.matrix = matrix;
  return validateNotebook(doc);
}

describe('confusion matrix in a stored result (one-pass count parser)', () => {
  it('accepts the fixture and copies the counts', () => {
    const doc = fixture();
    const result = validateNotebook(doc);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.value.results?.metrics && 'confusionMatrix' in result.value.results.metrics ? result.value.results.metrics.confusionMatrix.matrix : null).toEqual(
        doc.results.metrics.confusionMatrix.matrix,
      );
  });

  it.each([
    [
      'a negative count',
      [
        [-1, 0],
        [0, 1],
      ],
      'matrix[0][0]',
    ],
    [
      'a fraction',
      [
        [1.5, 0],
        [0, 1],
      ],
      'matrix[0][0]',
    ],
    [
      'a string',
      [
        [1, '2'],
        [0, 1],
      ],
      'matrix[0][1]',
    ],
    [
      'NaN (as null in JSON)',
      [
        [1, 0],
        [null, 1],
      ],
      'matrix[1][0]',
    ],
    ['a row that is not a list', [[1, 0], 7], 'matrix[1]'],
    ['not a list', { 0: [1] }, 'matrix'],
    ['a ragged row', [[1, 0], [1]], '2 × 2'],
    ['too many rows', Array.from({ length: 1001 }, () => [0, 0]), 'at most 1,000'],
  ])('refuses %s and says where', (_name, matrix, where) => {
    const result = withMatrix(matrix);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(where);
  });
});
