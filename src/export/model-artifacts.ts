import type { FittedPreprocessor } from '../preprocess/fitted';
import type { ImageShape } from '../data/images/image-shape';

/**
 * A trained model as plain data: TensorFlow.js LayersModel topology and weights (the same content as
 * model.json + weight shards), plus what is needed to use it: preprocessing, class names, input shape.
 * The worker produces it for export and sharing, and restores a usable model from it.
 */
export interface ModelArtifacts {
  format: 'tau-model';
  version: 1;
  /** `modelTopology` of model.json (Keras-style JSON). */
  modelTopology: object;
  /** `weightsManifest[0].weights` of model.json: name, shape, dtype per tensor, in `weightData` order. */
  weightSpecs: { name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64' }[];
  /** All weights concatenated (little-endian float32), as TF.js writes weight shards. */
  weightData: ArrayBuffer;
  /** Shape of one example, e.g. [9] or [28, 28, 1]. */
  exampleShape: number[];
  classes: string[];
  /** Tabular models: the fitted preprocessing; image models: null. */
  preprocessing: FittedPreprocessor | null;
  /** Image models: how inputs are resized and scaled. */
  image?: ImageShape;
}
