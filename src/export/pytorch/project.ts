import { strToU8 } from 'fflate';
import type { ModelArtifacts } from '../model-artifacts';
import type { MetricsFile, PreprocessingFile } from '../bundle-format';
import { DEFAULT_TRAIN } from '../../train/settings';
import { float32Bytes, writeSafetensors, type NamedTensor } from './safetensors';
import { float16Bits, quantizeWeights, type QuantizeDtype } from '../quantize';
import { QUANTIZATION_METADATA_KEY } from './decode-tensors';
import { readTopology, toTorchLayout, type TorchTopology, type WeightMapping } from './topology';
import { modelPy } from './model-py';
import { pytorchReadme } from './readme';
import preprocessPy from './python/preprocess.py?raw';
import predictPy from './python/predict.py?raw';
import trainPy from './python/train.py?raw';
import safetensorsPy from './python/tau_safetensors.py?raw';
import textPy from './python/tau_text.py?raw';

/** Where the PyTorch project lives inside the model zip. */
export const PYTORCH_FOLDER = 'pytorch/';

export { TESTED_VERSIONS } from './readme';

/** studio.json: what the Python code needs besides the weights and preprocessing.json. */
export interface StudioJson {
  format: 'tau-pytorch-project';
  version: 1;
  task: 'classification' | 'regression';
  classes: string[];
  inputShape: number[];
  training: { optimizer: string; learningRate: number; batchSize: number; epochs: number; seed: number; l2: number; loss: string };
  /** The TensorFlow.js side, so checkpoints written by train.py import back into the studio. */
  tfjs: { modelTopology: object; weightSpecs: ModelArtifacts['weightSpecs'] };
  weights: WeightMapping[];
  /** How weights.safetensors stores the weights (absent: float32); the generated code decodes them to float32. */
  weightsQuantization?: QuantizeDtype;
}

export interface PytorchProjectInput {
  artifacts: ModelArtifacts;
  preprocessing: PreprocessingFile;
  metrics: MetricsFile | null;
  title: string;
  /** Store weights.safetensors as float16 (F16) or uint8 (U8 codes, per-tensor scale and min), as the TF.js bundle does. */
  quantize?: QuantizeDtype;
}

/** The __metadata__ key of a quantized weights.safetensors: JSON {tensor: {dtype: "uint8", scale, min}}. */
export { QUANTIZATION_METADATA_KEY };

/** TF.js weights (float32, manifest order) by name. */
export function weightsByName(artifacts: ModelArtifacts): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  const view = new DataView(artifacts.weightData);
  let offset = 0;
  for (const spec of artifacts.weightSpecs) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype !== 'float32') throw new Error(`Weight ${spec.name} is ${spec.dtype}; the PyTorch export needs float32 weights.`);
    if (offset + n * 4 > artifacts.weightData.byteLength) throw new Error('The weight data is shorter than its manifest.');
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = view.getFloat32(offset + i * 4, true);
    out.set(spec.name, values);
    offset += n * 4;
  }
  return out;
}

/** The model's weights as a PyTorch state dict in safetensors form (float32, or quantized like the TF.js bundle). */
export function torchWeights(artifacts: ModelArtifacts, topology: TorchTopology, quantize?: QuantizeDtype): Uint8Array {
  const byName = weightsByName(artifacts);
  // uint8: the same per-tensor codes, scale and min as the TF.js bundle's manifest, so both decode to the same floats.
  const codes = new Map<string, { values: Float32Array; scale: number; min: number }>();
  if (quantize === 'uint8') {
    const q = quantizeWeights(artifacts, 'uint8');
    const bytes = new Uint8Array(q.weightData);
    let offset = 0;
    for (const spec of q.weightSpecs) {
      const n = spec.shape.reduce((a, b) => a * b, 1);
      codes.set(spec.name, { values: Float32Array.from(bytes.subarray(offset, offset + n)), scale: spec.quantization?.scale ?? 1, min: spec.quantization?.min ?? 0 });
      offset += n;
    }
  }
  const quantization: Record<string, { dtype: 'uint8'; scale: number; min: number }> = {};
  const tensors: NamedTensor[] = topology.weights.map((mapping) => {
    const values = byName.get(mapping.tfjs);
    if (!values) throw new Error(`The model has no weight ${mapping.tfjs}, which its topology implies.`);
    const expected = mapping.tfjsShape.reduce((a, b) => a * b, 1);
    if (values.length !== expected) throw new Error(`Weight ${mapping.tfjs} has ${values.length} values; its layer needs [${mapping.tfjsShape.join(', ')}].`);
    if (quantize === 'float16') {
      const torchValues = toTorchLayout(values, mapping);
      const data = new Uint8Array(torchValues.length * 2);
      const view = new DataView(data.buffer);
      for (let i = 0; i < torchValues.length; i++) view.setUint16(i * 2, float16Bits(torchValues[i]), true);
      return { name: mapping.torch, dtype: 'F16', shape: mapping.torchShape, data };
    }
    const coded = codes.get(mapping.tfjs);
    if (coded) {
      // Codes (0..255) are exact in float32, so the layout change moves them unchanged.
      quantization[mapping.torch] = { dtype: 'uint8', scale: coded.scale, min: coded.min };
      return { name: mapping.torch, dtype: 'U8', shape: mapping.torchShape, data: Uint8Array.from(toTorchLayout(coded.values, mapping)) };
    }
    return { name: mapping.torch, dtype: 'F32', shape: mapping.torchShape, data: float32Bytes(toTorchLayout(values, mapping)) };
  });
  const metadata: Record<string, string> = { format: 'pt', producer: 'Tau Studio' };
  if (quantize) metadata.tau_weights = quantize;
  if (quantize === 'uint8') metadata[QUANTIZATION_METADATA_KEY] = JSON.stringify(quantization);
  return writeSafetensors(tensors, metadata);
}

function taskOf(preprocessing: PreprocessingFile, metrics: MetricsFile | null): 'classification' | 'regression' {
  const fromFile = (preprocessing as { task?: unknown }).task ?? (metrics?.evaluation as { task?: unknown } | undefined)?.task;
  return fromFile === 'regression' ? 'regression' : 'classification';
}

function trainingSettings(metrics: MetricsFile | null): StudioJson['training'] {
  const evaluation = metrics?.evaluation;
  const settings = (evaluation?.settings ?? {}) as Partial<Record<string, unknown>>;
  const model = (evaluation?.model ?? {}) as Partial<Record<string, unknown>>;
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return {
    optimizer: settings.optimizer === 'sgd' ? 'sgd' : 'adam',
    learningRate: num(settings.learningRate, DEFAULT_TRAIN.learningRate),
    batchSize: num(settings.batchSize, DEFAULT_TRAIN.batchSize),
    epochs: num(settings.epochs, DEFAULT_TRAIN.epochs),
    seed: num(settings.seed, DEFAULT_TRAIN.seed),
    l2: num(model.l2, 0),
    loss: typeof settings.loss === 'string' ? settings.loss : typeof model.loss === 'string' ? model.loss : 'crossentropy',
  };
}

/** Every file of the PyTorch project, by name (relative to the project folder). */
export function pytorchProjectFiles(input: PytorchProjectInput): Map<string, Uint8Array> {
  const { artifacts, preprocessing, metrics } = input;
  const topology = readTopology(artifacts.modelTopology, artifacts.exampleShape);
  const task = taskOf(preprocessing, metrics);
  const training = trainingSettings(metrics);
  if (task === 'regression' && training.loss === 'crossentropy') training.loss = 'mse';
  const studio: StudioJson = {
    format: 'tau-pytorch-project',
    version: 1,
    task,
    classes: artifacts.classes,
    inputShape: artifacts.exampleShape,
    training,
    tfjs: { modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs },
    weights: topology.weights,
    ...(input.quantize ? { weightsQuantization: input.quantize } : {}),
  };
  const files = new Map<string, Uint8Array>();
  files.set('model.py', strToU8(modelPy(topology)));
  files.set('preprocess.py', strToU8(preprocessPy));
  files.set('predict.py', strToU8(predictPy));
  files.set('train.py', strToU8(trainPy));
  files.set('tau_safetensors.py', strToU8(safetensorsPy));
  files.set('tau_text.py', strToU8(textPy));
  files.set('weights.safetensors', torchWeights(artifacts, topology, input.quantize));
  files.set('preprocessing.json', strToU8(`${JSON.stringify(preprocessing, null, 2)}\n`));
  files.set('studio.json', strToU8(`${JSON.stringify(studio, null, 1)}\n`));
  files.set('README.md', strToU8(pytorchReadme({ title: input.title, task, topology, preprocessing, training, classes: artifacts.classes, quantize: input.quantize })));
  return files;
}
