import * as tf from '@tensorflow/tfjs';

const EVAL_CHUNK = 4096;
/** Input values per evaluation chunk: 4096 table rows, but ~670 28×28 images, so a CNN's activations fit in GPU memory. */
const EVAL_CHUNK_VALUES = 2 ** 19;

/** Rows per chunk when evaluating or predicting examples of `exampleSize` values. */
export function evalChunkRows(exampleSize: number): number {
  return Math.max(1, Math.min(EVAL_CHUNK, Math.floor(EVAL_CHUNK_VALUES / Math.max(1, exampleSize))));
}

/** Class probabilities for `rows` (all rows when omitted), computed in chunks and read back once. */
export async function predictProbabilities(model: tf.LayersModel, features: Float32Array, exampleShape: number[], rows?: Int32Array): Promise<Float32Array> {
  const size = exampleShape.reduce((a, b) => a * b, 1);
  const count = rows ? rows.length : features.length / size;
  const parts: tf.Tensor[] = [];
  const rowsPerChunk = evalChunkRows(size);
  for (let start = 0; start < count; start += rowsPerChunk) {
    const end = Math.min(count, start + rowsPerChunk);
    const chunk = new Float32Array((end - start) * size);
    for (let i = start; i < end; i++) {
      const r = rows ? rows[i] : i;
      chunk.set(features.subarray(r * size, (r + 1) * size), (i - start) * size);
    }
    parts.push(tf.tidy(() => model.predict(tf.tensor(chunk, [end - start, ...exampleShape])) as tf.Tensor)); // spread-ok: a shape
  }
  if (parts.length === 0) return new Float32Array(0);
  const all = parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  const values = (await all.data()) as Float32Array;
  if (all !== parts[0]) all.dispose();
  parts.forEach((p) => p.dispose());
  return values;
}
