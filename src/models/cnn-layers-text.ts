/**
 * A compact text form of a CNN layer list ("conv32,pool,conv64,pool,fc128"), for the runner's --cnn
 * flag and the bench: short enough to type, exact enough to rebuild the same model elsewhere.
 */
import { validateModelSpec, type Activation, type CnnLayerSpec } from './spec';

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'elu', 'sigmoid'];

const TOKEN_HELP = 'conv<filters>[x<kernel>][:<activation>], pool[<size>], bn, dropout<rate>, fc<units>[:<activation>] — e.g. conv32,pool,conv64,pool,fc128';

export type CnnLayersParse = { ok: true; layers: CnnLayerSpec[] } | { ok: false; message: string };

function parseActivation(text: string | undefined, token: string): Activation | string {
  if (text === undefined) return 'relu';
  return (ACTIVATIONS as readonly string[]).includes(text) ? (text as Activation) : `"${token}": the activation must be one of ${ACTIVATIONS.join(', ')}.`;
}

function parseToken(token: string): CnnLayerSpec | string {
  const [head, activationText] = token.split(':');
  let match: RegExpExecArray | null;
  if ((match = /^conv(\d+)(?:x(\d+))?$/.exec(head))) {
    const activation = parseActivation(activationText, token);
    if (!ACTIVATIONS.includes(activation as Activation)) return activation;
    return { type: 'conv', filters: Number(match[1]), kernel: match[2] === undefined ? 3 : Number(match[2]), activation: activation as Activation };
  }
  if ((match = /^(?:fc|dense)(\d+)$/.exec(head))) {
    const activation = parseActivation(activationText, token);
    if (!ACTIVATIONS.includes(activation as Activation)) return activation;
    return { type: 'dense', units: Number(match[1]), activation: activation as Activation };
  }
  if (activationText !== undefined) return `"${token}": only conv and fc layers take an activation.`;
  if ((match = /^(?:pool|maxpool)(\d+)?$/.exec(head))) return { type: 'maxpool', size: match[1] === undefined ? 2 : Number(match[1]) };
  if (head === 'bn' || head === 'batchnorm') return { type: 'batchnorm' };
  if ((match = /^dropout(\d*\.?\d+)$/.exec(head))) return { type: 'dropout', rate: Number(match[1]) };
  return `"${token}" is not a layer. Layers are ${TOKEN_HELP}.`;
}

/** Parses "conv32,pool,conv64,pool,fc128" into layers, or says which token is wrong and why. */
export function parseCnnLayers(text: string): CnnLayersParse {
  const tokens = text
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  if (tokens.length === 0) return { ok: false, message: `Give at least one layer: ${TOKEN_HELP}.` };
  const layers: CnnLayerSpec[] = [];
  for (const token of tokens) {
    const layer = parseToken(token);
    if (typeof layer === 'string') return { ok: false, message: layer };
    layers.push(layer);
  }
  const problem = validateModelSpec({ kind: 'cnn', l2: 0, layers });
  return problem ? { ok: false, message: problem } : { ok: true, layers };
}

/** The text form of layers; parseCnnLayers(formatCnnLayers(l)) gives l back. */
export function formatCnnLayers(layers: readonly CnnLayerSpec[]): string {
  return layers
    .map((l) => {
      const activation = (a: Activation) => (a === 'relu' ? '' : `:${a}`);
      switch (l.type) {
        case 'conv':
          return `conv${l.filters}${l.kernel === 3 ? '' : `x${l.kernel}`}${activation(l.activation)}`;
        case 'dense':
          return `fc${l.units}${activation(l.activation)}`;
        case 'maxpool':
          return l.size === 2 ? 'pool' : `pool${l.size}`;
        case 'batchnorm':
          return 'bn';
        case 'dropout':
          return `dropout${l.rate}`;
      }
    })
    .join(',');
}
