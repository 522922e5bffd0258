import { strToU8 } from 'fflate';
import { DataError } from '../../lib/errors';
import { BUNDLE_FILES, BUNDLE_LIMITS, type ModelJson } from '../bundle-format';
import { checkModelJson, parseJsonFile } from '../validate-bundle';
import { readSafetensors } from './safetensors';
import { decodeCheckpointTensor, readQuantizationMetadata } from './decode-tensors';
import { fromTorchLayout, readTopology, UnsupportedLayerError } from './topology';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (message: string): never => {
  throw new DataError('checkpoint_invalid', message);
};

/** The exported project's description of the model (beside weights.safetensors and preprocessing.json). */
const PROJECT_JSON = 'studio.json';

/** Whether the picked files are a PyTorch checkpoint (a .safetensors file) rather than a TF.js bundle. */
export function isCheckpoint(files: ReadonlyMap<string, Uint8Array>): boolean {
  return [...files.keys()].some((name) => name.toLowerCase().endsWith('.safetensors')) && !files.has(BUNDLE_FILES.model);
}

/**
 * Turns the safetensors + JSON pair written by the exported train.py back into TF.js bundle files
 * (model.json, weights, preprocessing.json), which then go through the bundle's usual checks.
 * Also reads the PyTorch project's own `weights.safetensors` + `studio.json` (+ `preprocessing.json`),
 * which a quantized export stores as F16 or U8 (codes with per-tensor scale/min in `__metadata__`):
 * tensors are decoded to float32 as predict.py decodes them. Every tensor's name, dtype and shape is
 * checked against the model's topology before any weight buffer is allocated.
 */
export function checkpointBundleFiles(files: ReadonlyMap<string, Uint8Array>): { files: Map<string, Uint8Array>; note: string } {
  const weightsNames = [...files.keys()].filter((n) => n.toLowerCase().endsWith('.safetensors'));
  if (weightsNames.length !== 1) fail(`Pick one .safetensors file with its .json (you picked ${weightsNames.length} .safetensors files).`);
  const weightsName = weightsNames[0];
  const stem = weightsName.slice(0, -'.safetensors'.length);
  const jsons = [...files.keys()].filter((n) => n.toLowerCase().endsWith('.json'));
  const jsonName = jsons.includes(`${stem}.json`) ? `${stem}.json` : jsons.includes(PROJECT_JSON) ? PROJECT_JSON : jsons.length === 1 ? jsons[0] : null;
  if (!jsonName) return fail(`${weightsName} needs its JSON file (${stem}.json, written beside it by train.py, or the project's ${PROJECT_JSON}); pick both together.`);
  const info = parseJsonFile(jsonName, files.get(jsonName) as Uint8Array);
  // The exported project itself: studio.json is the "studio" section, preprocessing.json lies beside it.
  const project = isObject(info) && info.format === 'tau-pytorch-project';
  if (!isObject(info) || (!project && info.format !== 'tau-pytorch-checkpoint'))
    return fail(`${jsonName} is not a Tau Studio PyTorch checkpoint or project (its "format" should be "tau-pytorch-checkpoint" or "tau-pytorch-project").`);
  if (info.version !== 1) fail(`${jsonName} has version ${String(info.version)}; this Tau Studio reads version 1.`);
  const studio = project ? info : info.studio;
  if (!isObject(studio) || !isObject(studio.tfjs))
    return fail(`${jsonName} has no "${project ? 'tfjs' : 'studio.tfjs'}" section (the model topology); it was not written by the exported PyTorch project.`);
  const inputShape = studio.inputShape;
  if (!Array.isArray(inputShape) || inputShape.length === 0 || inputShape.length > BUNDLE_LIMITS.tensorDimensions || !inputShape.every((d) => Number.isInteger(d) && d >= 1 && d <= 1e6)) {
    return fail(`${jsonName}: "studio.inputShape" should be a list of whole numbers.`);
  }
  // The same checks as model.json of a bundle (names, shapes, float32, counts).
  const model = checkModelJson({ format: 'layers-model', modelTopology: studio.tfjs.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: studio.tfjs.weightSpecs }] });
  const totalValues = model.weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
  if (totalValues * 4 > BUNDLE_LIMITS.totalBytes) fail(`${jsonName} describes ${totalValues.toLocaleString('en-US')} weights, more than a model bundle may hold.`);
  let topology;
  try {
    topology = readTopology(model.modelTopology, inputShape as number[]);
  } catch (error) {
    if (error instanceof UnsupportedLayerError) return fail(`${jsonName}: ${error.message}`);
    throw error;
  }
  const { tensors, metadata } = readSafetensors(files.get(weightsName) as Uint8Array, weightsName);
  const quantization = readQuantizationMetadata(metadata, tensors, weightsName);
  const mappings = new Map(topology.weights.map((m) => [m.tfjs, m]));
  const stored = new Set<string>();
  const parts: Float32Array[] = [];
  for (const spec of model.weightSpecs) {
    const mapping = mappings.get(spec.name);
    if (!mapping) return fail(`${jsonName}: weight ${spec.name} does not belong to any layer of the model.`);
    if (mapping.tfjsShape.join('x') !== spec.shape.join('x')) fail(`${jsonName}: weight ${spec.name} has shape [${spec.shape.join(', ')}] but its layer needs [${mapping.tfjsShape.join(', ')}].`);
    const tensor = tensors.get(mapping.torch);
    if (!tensor) return fail(`${weightsName} has no tensor "${mapping.torch}" (the model's ${spec.name}). Pick the .safetensors written together with ${jsonName}.`);
    if (tensor.shape.join('x') !== mapping.torchShape.join('x'))
      fail(`${weightsName}: "${mapping.torch}" has shape [${tensor.shape.join(', ')}] but the model needs [${mapping.torchShape.join(', ')}].`);
    if (tensor.dtype !== 'F32') stored.add(tensor.dtype === 'F16' ? 'float16' : 'uint8');
    parts.push(fromTorchLayout(decodeCheckpointTensor(tensor, quantization, weightsName), mapping));
  }
  const weights = new Float32Array(totalValues);
  let offset = 0;
  for (const part of parts) {
    weights.set(part, offset);
    offset += part.length;
  }
  const bytes = new Uint8Array(weights.byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < weights.length; i++) view.setFloat32(i * 4, weights[i], true);
  const modelJson: ModelJson = {
    format: 'layers-model',
    generatedBy: 'Tau Studio (from a PyTorch checkpoint)',
    convertedBy: null,
    modelTopology: model.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: model.weightSpecs }],
  };
  const out = new Map<string, Uint8Array>();
  out.set(BUNDLE_FILES.model, strToU8(JSON.stringify(modelJson)));
  out.set('weights.bin', bytes);
  const decoded = stored.size > 0 ? ` Its weights are stored quantized (${[...stored].join(', ')}); they were decoded to float32 as predict.py decodes them.` : '';
  if (project) {
    const preprocessingBytes = files.get(BUNDLE_FILES.preprocessing);
    if (!preprocessingBytes) return fail(`${jsonName} is the PyTorch project's description; pick ${BUNDLE_FILES.preprocessing} from the same folder together with it and ${weightsName}.`);
    out.set(BUNDLE_FILES.preprocessing, preprocessingBytes);
    return { files: out, note: `Imported from a PyTorch project (${weightsName}); its test metrics are not known here.${decoded}` };
  }
  if (!isObject(info.preprocessing)) return fail(`${jsonName} has no "preprocessing" section.`);
  out.set(BUNDLE_FILES.preprocessing, strToU8(JSON.stringify(info.preprocessing)));
  const epoch = typeof info.epoch === 'number' ? info.epoch : null;
  return { files: out, note: `Imported from a PyTorch checkpoint (${weightsName}${epoch !== null ? `, epoch ${epoch}` : ''}); its test metrics are not known here.${decoded}` };
}
