/**
 * Counts a model's parameters before anything is built: TF.js allocates every declared weight while it
 * builds a model (units × inputs is not capped there), so a 5 KB link or bundle could ask for gigabytes.
 * Both the studio's own specs and Keras topologies (links, imported bundles) are counted here and held
 * to PARAMETER_BUDGET.
 */
import type { ModelSpec } from './spec';

/** Parameters of the model buildModel(spec, inputShape, classCount) would build. */
export function countSpecParameters(spec: ModelSpec, inputShape: readonly number[], classCount: number, vocabularySize = 0): number {
  const dense = (inputs: number, units: number) => inputs * units + units;
  switch (spec.kind) {
    case 'logreg':
    case 'linear':
      return dense(product(inputShape), classCount);
    case 'mlp': {
      let inputs = product(inputShape);
      let total = 0;
      for (const units of spec.hidden) {
        total += dense(inputs, units);
        inputs = units;
      }
      return total + dense(inputs, classCount);
    }
    case 'textcnn':
      return vocabularySize * spec.embeddingDim + spec.kernel * spec.embeddingDim * spec.filters + spec.filters + dense(spec.filters, classCount);
    case 'cnn': {
      let [h, w, c] = inputShape.length === 3 ? inputShape : [1, 1, product(inputShape)];
      let flat: number | null = null;
      let total = 0;
      for (const layer of spec.layers) {
        if (layer.type === 'conv' && flat === null) {
          total += layer.kernel * layer.kernel * c * layer.filters + layer.filters;
          c = layer.filters;
        } else if (layer.type === 'maxpool' && flat === null) {
          h = Math.floor(h / layer.size);
          w = Math.floor(w / layer.size);
        } else if (layer.type === 'batchnorm') {
          total += 4 * (flat ?? c);
        } else if (layer.type === 'dense') {
          const inputs: number = flat ?? h * w * c;
          total += dense(inputs, layer.units);
          flat = layer.units;
        }
      }
      return total + dense(flat ?? h * w * c, classCount);
    }
  }
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, Json>, k: string): Json => (Object.hasOwn(o, k) ? o[k] : undefined);
const pair = (v: Json, fallback: number): [number, number] => {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]];
  return [fallback, fallback];
};

/** A 1-D size written as a number or a one-element list ([5]). */
const firstOf = (v: Json, fallback: number): number => (typeof v === 'number' ? v : Array.isArray(v) && typeof v[0] === 'number' ? v[0] : fallback);

/**
 * Parameters a Keras topology (TF.js model.json "modelTopology") declares, following its layers in order
 * from the declared input shape; null when the shapes cannot be followed (then the caller refuses).
 */
export function countTopologyParameters(topology: Json): number | null {
  if (!isRecord(topology)) return null;
  // model.json nests the model under "model_config" in some writers.
  const root = isRecord(own(topology, 'model_config')) ? (own(topology, 'model_config') as Record<string, Json>) : topology;
  const config = own(root, 'config');
  const layers = Array.isArray(config) ? config : isRecord(config) ? own(config, 'layers') : undefined;
  if (!Array.isArray(layers)) return null;
  let shape: number[] | null = null;
  let total = 0;
  for (const layer of layers) {
    if (!isRecord(layer)) return null;
    const cls = own(layer, 'class_name');
    const cfg = own(layer, 'config');
    if (!isRecord(cfg)) return null;
    const declared = own(cfg, 'batch_input_shape') ?? own(cfg, 'batch_shape');
    if (Array.isArray(declared)) {
      const dims = declared.slice(1);
      if (!dims.every((d): d is number => typeof d === 'number' && Number.isInteger(d) && d > 0)) return null;
      shape = dims;
    }
    if (cls === 'InputLayer') continue;
    if (!shape) return null;
    const last = shape[shape.length - 1];
    switch (cls) {
      case 'Dense': {
        const units = own(cfg, 'units');
        if (typeof units !== 'number' || !(units > 0)) return null;
        total += last * units + (own(cfg, 'use_bias') === false ? 0 : units);
        shape = [...shape.slice(0, -1), units];
        break;
      }
      case 'Conv2D': {
        const filters = own(cfg, 'filters');
        if (typeof filters !== 'number' || !(filters > 0) || shape.length !== 3 || own(cfg, 'data_format') === 'channels_first') return null;
        const [kh, kw] = pair(own(cfg, 'kernel_size'), 1);
        const [sh, sw] = pair(own(cfg, 'strides'), 1);
        total += kh * kw * last * filters + (own(cfg, 'use_bias') === false ? 0 : filters);
        const same = own(cfg, 'padding') === 'same';
        const out = (n: number, k: number, s: number) => (same ? Math.ceil(n / s) : Math.max(0, Math.floor((n - k) / s) + 1));
        shape = [out(shape[0], kh, sh), out(shape[1], kw, sw), filters];
        break;
      }
      case 'MaxPooling2D': {
        if (shape.length !== 3) return null;
        const [ph, pw] = pair(own(cfg, 'pool_size'), 2);
        const strides = own(cfg, 'strides');
        const [sh, sw] = strides === null || strides === undefined ? [ph, pw] : pair(strides, ph);
        const same = own(cfg, 'padding') === 'same';
        const out = (n: number, k: number, s: number) => (same ? Math.ceil(n / s) : Math.max(0, Math.floor((n - k) / s) + 1));
        shape = [out(shape[0], ph, sh), out(shape[1], pw, sw), last];
        break;
      }
      case 'BatchNormalization':
        total += 4 * last;
        break;
      case 'Embedding': {
        // Text CNN: [length] token ids → [length, output_dim].
        const inputDim = own(cfg, 'input_dim');
        const outputDim = own(cfg, 'output_dim');
        if (typeof inputDim !== 'number' || typeof outputDim !== 'number' || !(inputDim > 0) || !(outputDim > 0) || shape.length !== 1) return null;
        total += inputDim * outputDim;
        shape = [shape[0], outputDim];
        break;
      }
      case 'Conv1D': {
        const filters = own(cfg, 'filters');
        if (typeof filters !== 'number' || !(filters > 0) || shape.length !== 2) return null;
        const k = firstOf(own(cfg, 'kernel_size'), 1);
        const s = firstOf(own(cfg, 'strides'), 1);
        total += k * last * filters + (own(cfg, 'use_bias') === false ? 0 : filters);
        shape = [own(cfg, 'padding') === 'same' ? Math.ceil(shape[0] / s) : Math.max(0, Math.floor((shape[0] - k) / s) + 1), filters];
        break;
      }
      case 'GlobalMaxPooling1D':
        if (shape.length !== 2) return null;
        shape = [last];
        break;
      case 'Flatten':
        shape = [product(shape)];
        break;
      case 'Dropout':
      case 'Activation':
        break;
      default:
        return null;
    }
    if (!Number.isFinite(total)) return null;
  }
  return total;
}
