import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ModelArtifacts } from './model-artifacts';
import type { TrainingReference } from '../predict/training-reference';
import { BUNDLE_FILES, SHARD_BYTES, type MetricsFile, type ModelJson, type PreprocessingFile } from './bundle-format';
import { bundleReadme } from './readme';
import { quantizeWeights, type QuantizeDtype } from './quantize';
import { PYTORCH_FOLDER, pytorchProjectFiles } from './pytorch/project';
import { UnsupportedLayerError } from './pytorch/topology';

export interface BundleInput {
  artifacts: ModelArtifacts;
  metrics: MetricsFile;
  reference: TrainingReference | null;
  /** e.g. "TensorFlow.js tfjs-layers v4.22.0", as model.json records it. */
  generatedBy: string;
  /** Shown in README.md. */
  title: string;
  /** Store weights quantized (TF.js weights-manifest quantization, and the same codes in pytorch/weights.safetensors). */
  quantize?: QuantizeDtype;
  /** Leave out the pytorch/ folder (default: included, with weights quantized like the TF.js shards). */
  pytorch?: boolean;
}

/** Weight shard names as tensorflowjs_converter writes them: group1-shard1of3.bin … */
export function shardNames(byteLength: number, shardBytes = SHARD_BYTES): string[] {
  const count = Math.max(1, Math.ceil(byteLength / shardBytes));
  return Array.from({ length: count }, (_, i) => `group1-shard${i + 1}of${count}.bin`);
}

/** preprocessing.json for the artifacts: the fitted transforms (tables) or the input description (images). */
export function preprocessingFile(artifacts: ModelArtifacts, reference: TrainingReference | null): PreprocessingFile {
  if (artifacts.image) {
    return {
      format: 'tau-preprocessing',
      version: 1,
      kind: 'image',
      target: { name: 'class', classes: artifacts.classes },
      image: artifacts.image,
      pixelScale: 1 / 255,
      layout: 'HWC',
    };
  }
  if (!artifacts.preprocessing) throw new Error('A table model must carry its fitted preprocessing.');
  return { ...artifacts.preprocessing, kind: 'tabular', ...(reference ? { monitoring: reference } : {}) };
}

/** Every file of the bundle by name, as bytes. */
export function bundleFiles(input: BundleInput): Map<string, Uint8Array> {
  const { artifacts } = input;
  const quantized = input.quantize ? quantizeWeights(artifacts, input.quantize) : null;
  const weights = new Uint8Array(quantized ? quantized.weightData : artifacts.weightData);
  const paths = shardNames(weights.byteLength);
  const modelJson: ModelJson = {
    format: 'layers-model',
    generatedBy: input.generatedBy,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths, weights: quantized ? quantized.weightSpecs : artifacts.weightSpecs }],
  };
  const preprocessing = preprocessingFile(artifacts, input.reference);
  const files = new Map<string, Uint8Array>();
  files.set(BUNDLE_FILES.model, strToU8(JSON.stringify(modelJson)));
  paths.forEach((path, i) => files.set(path, weights.subarray(i * SHARD_BYTES, Math.min(weights.byteLength, (i + 1) * SHARD_BYTES))));
  files.set(BUNDLE_FILES.preprocessing, strToU8(`${JSON.stringify(preprocessing, null, 2)}\n`));
  files.set(BUNDLE_FILES.metrics, strToU8(`${JSON.stringify(input.metrics, null, 2)}\n`));
  let readme = bundleReadme({ title: input.title, classes: artifacts.classes, preprocessing, shards: paths });
  if (quantized) {
    readme += `\n## Quantized weights\n\nThe weights are stored as ${input.quantize} (TensorFlow.js weights-manifest quantization; \`tf.loadLayersModel\` decodes them to float32).${input.pytorch !== false ? ` The PyTorch project's weights.safetensors is quantized the same way and decoded to float32 on load.` : ''}\n`;
  }
  if (input.pytorch !== false) {
    try {
      for (const [name, bytes] of pytorchProjectFiles({ artifacts, preprocessing, metrics: input.metrics, title: input.title, quantize: input.quantize })) files.set(`${PYTORCH_FOLDER}${name}`, bytes);
      readme += `\n## PyTorch\n\n\`${PYTORCH_FOLDER}\` holds the same model as a PyTorch project (model.py, weights.safetensors, preprocess.py, predict.py, train.py with DistributedDataParallel); see ${PYTORCH_FOLDER}README.md.\n`;
    } catch (error) {
      if (!(error instanceof UnsupportedLayerError)) throw error;
      readme += `\n## PyTorch\n\nNo PyTorch project is included: ${error.message}\n`;
    }
  }
  files.set(BUNDLE_FILES.readme, strToU8(readme));
  return files;
}

/** The PyTorch project alone as a .zip (files under pytorch/), for "Download as PyTorch project". */
export function writePytorchZip(input: BundleInput): Uint8Array {
  const { artifacts } = input;
  const preprocessing = preprocessingFile(artifacts, input.reference);
  const zippable: Zippable = {};
  for (const [name, bytes] of pytorchProjectFiles({ artifacts, preprocessing, metrics: input.metrics, title: input.title, quantize: input.quantize })) {
    zippable[`${PYTORCH_FOLDER}${name}`] = [bytes, { level: name.endsWith('.safetensors') ? 0 : 6 }];
  }
  return zipSync(zippable, { mtime: new Date('2024-01-01T00:00:00Z') });
}

/** The bundle as one .zip (weights stored, text deflated). */
export function writeBundleZip(input: BundleInput): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, bytes] of bundleFiles(input)) {
    // Names are fixed by this module, never user strings, so a plain object is safe here.
    zippable[name] = [bytes, { level: name.endsWith('.bin') || name.endsWith('.safetensors') ? 0 : 6 }];
  }
  return zipSync(zippable, { mtime: new Date('2024-01-01T00:00:00Z') });
}
