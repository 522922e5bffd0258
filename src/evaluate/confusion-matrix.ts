/**
 * Confusion matrix as sklearn.metrics.confusion_matrix(y_true, y_pred,
 * labels=range(classCount)): rows are the true class, columns the predicted one.
 */

/** Throws unless every entry is an integer class index in [0, classCount). */
export function assertClassIndices(values: ArrayLike<number>, classCount: number, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v >= classCount) {
      throw new RangeError(`${name}[${i}] = ${v} is not a class index in [0, ${classCount})`);
    }
  }
}

export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classCount: number): number[][] {
  if (!Number.isInteger(classCount) || classCount < 1) {
    throw new RangeError(`classCount must be a positive integer, got ${classCount}`);
  }
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`yTrue has ${yTrue.length} entries but yPred has ${yPred.length}`);
  }
  assertClassIndices(yTrue, classCount, 'yTrue');
  assertClassIndices(yPred, classCount, 'yPred');
  // One flat typed array keeps the hot loop allocation-free (1e6 rows in a few ms);
  // Float64Array so counts cannot overflow as an Int32Array could.
  const counts = new Float64Array(classCount * classCount);
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i] * classCount + yPred[i]]++;
  const matrix: number[][] = [];
  for (let r = 0; r < classCount; r++) {
    matrix.push(Array.from(counts.subarray(r * classCount, (r + 1) * classCount)));
  }
  return matrix;
}

/**
 * Each row divided by its sum (per-class recall on the diagonal). A row with no
 * samples stays all zero instead of 0/0 = NaN, so charts never see NaN.
 */
export function rowNormalize(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => {
    let total = 0;
    for (const v of row) total += v;
    return total === 0 ? row.map(() => 0) : row.map((v) => v / total);
  });
}
