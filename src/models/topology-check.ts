/**
 * Checks a Keras topology (a link's embedded model, an imported bundle's model.json) before TF.js sees
 * it: known layer classes only, no single size that could allocate gigabytes, and the parameters it
 * declares within the one parameter budget. Links and bundles use the same checks.
 */
import { checkParameterBudget } from '../settings/limits';
import { countTopologyParameters } from './parameter-count';

/** Layer classes Tau Studio builds; a topology naming anything else is refused before TF.js sees it. */
const LAYER_CLASSES = new Set([
  'Sequential',
  'Model',
  'InputLayer',
  'Dense',
  'Dropout',
  'Conv2D',
  'MaxPooling2D',
  'BatchNormalization',
  'Flatten',
  'Activation',
  'Embedding',
  'Conv1D',
  'GlobalMaxPooling1D',
]);
/** Layer sizes above this would allocate huge tensors while TF.js builds the model. */
const MAX_LAYER_SIZE = 100_000;

/** Walks a Keras topology: known layer classes only, and no size that could allocate gigabytes. */
export function checkTopology(topology: unknown): string | null {
  const stack: unknown[] = [topology];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      // One by one: push(...node) throws RangeError for a huge array.
      for (const item of node) stack.push(item);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    const config = Object.hasOwn(record, 'config') ? record.config : undefined;
    if (typeof record.class_name === 'string' && typeof config === 'object' && config !== null && Object.hasOwn(config, 'name') && !LAYER_CLASSES.has(record.class_name)) {
      // Only layers have a config with a name; initializers and regularizers do not.
      return `the model uses a layer type Tau Studio does not build (${record.class_name.slice(0, 40)})`;
    }
    for (const [key, value] of Object.entries(record)) {
      if ((key === 'units' || key === 'filters' || key === 'output_dim') && (typeof value !== 'number' || value > MAX_LAYER_SIZE))
        return `a layer's ${key} (${String(value).slice(0, 20)}) is too large`;
      // An embedding's rows: the text vocabulary (at most 100,000 words) plus padding and out-of-vocabulary ids.
      if (key === 'input_dim' && (typeof value !== 'number' || value > MAX_LAYER_SIZE + 2)) return `a layer's input_dim (${String(value).slice(0, 20)}) is too large`;
      if ((key === 'batch_input_shape' || key === 'kernel_size') && Array.isArray(value) && value.some((d) => typeof d === 'number' && d > MAX_LAYER_SIZE)) return `a layer's ${key} is too large`;
      stack.push(value);
    }
  }
  return null;
}

/** The parameters the topology declares, counted before TF.js builds (and allocates) anything. */
export function checkTopologyBudget(topology: unknown): string | null {
  const parameters = countTopologyParameters(topology);
  if (parameters === null) return 'the model topology declares layers whose sizes cannot be followed from its input shape, so its size cannot be checked before loading it';
  return checkParameterBudget(parameters, 'The model');
}
