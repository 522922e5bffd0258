import type { TorchActivation, TorchTopology } from './topology';

/**
 * model.py: the exported architecture written out layer by layer as a torch.nn.Module. The module's
 * forward() returns what the studio's model returns (softmax probabilities for classifiers), taking
 * examples in the studio's layout (channels last); permutes to PyTorch's channels-first layout are
 * written where convolutions need them.
 */
export function modelPy(topology: TorchTopology): string {
  const init: string[] = [];
  const forward: string[] = [];
  // PyTorch convolutions, pooling and batch norm over sequences/images work channels-first; dense layers,
  // flatten and softmax work on the last axis as Keras does. `channelsFirst` tracks where x is.
  let rank = topology.inputShape.length + (topology.integerInput ? 1 : 0);
  let channelsFirst = false;
  const toChannelsFirst = () => {
    if (channelsFirst || rank < 2) return;
    forward.push(
      rank === 3 ? 'x = x.permute(0, 3, 1, 2)  # channels last (as the studio feeds images) -> channels first' : 'x = x.permute(0, 2, 1)  # (batch, length, channels) -> (batch, channels, length)',
    );
    channelsFirst = true;
  };
  const toChannelsLast = (why: string) => {
    if (!channelsFirst || rank < 2) return;
    forward.push(rank === 3 ? `x = x.permute(0, 2, 3, 1)  # back to channels last: ${why}` : `x = x.permute(0, 2, 1)  # back to (batch, length, channels): ${why}`);
    channelsFirst = false;
  };
  let pools = 0;
  let dropouts = 0;
  for (const layer of topology.layers) {
    switch (layer.kind) {
      case 'dense':
        toChannelsLast('Linear acts on the last axis');
        init.push(`self.${layer.module} = nn.Linear(${layer.inFeatures}, ${layer.units})  # ${layer.tfName}`);
        forward.push(`x = ${activate(`self.${layer.module}(x)`, layer.activation)}`);
        break;
      case 'conv2d':
        toChannelsFirst();
        init.push(
          `self.${layer.module} = nn.Conv2d(${layer.inChannels}, ${layer.filters}, kernel_size=(${layer.kernel.join(', ')}), stride=(${layer.strides.join(', ')}), padding="${layer.padding}")  # ${layer.tfName}`,
        );
        forward.push(`x = ${activate(`self.${layer.module}(x)`, layer.activation)}`);
        break;
      case 'conv1d':
        toChannelsFirst();
        init.push(`self.${layer.module} = nn.Conv1d(${layer.inChannels}, ${layer.filters}, kernel_size=${layer.kernel}, stride=${layer.strides}, padding="${layer.padding}")  # ${layer.tfName}`);
        forward.push(`x = ${activate(`self.${layer.module}(x)`, layer.activation)}`);
        break;
      case 'batchnorm': {
        const cls = layer.rank === 3 ? 'BatchNorm2d' : 'BatchNorm1d';
        if (layer.rank > 1) toChannelsFirst();
        // Keras: moving = momentum * moving + (1 - momentum) * batch; PyTorch's momentum is the other weight.
        init.push(`# ${layer.tfName}: Keras momentum ${layer.momentum} is PyTorch momentum ${round(1 - layer.momentum)}; epsilon as in Keras.`);
        init.push(`self.${layer.module} = nn.${cls}(${layer.features}, eps=${pyNumber(layer.epsilon)}, momentum=${round(1 - layer.momentum)})`);
        forward.push(`x = self.${layer.module}(x)`);
        break;
      }
      case 'maxpool2d':
        toChannelsFirst();
        pools++;
        init.push(`self.maxpool_${pools} = nn.MaxPool2d(kernel_size=(${layer.pool.join(', ')}), stride=(${layer.strides.join(', ')}))`);
        forward.push(`x = self.maxpool_${pools}(x)`);
        break;
      case 'dropout':
        dropouts++;
        init.push(`self.dropout_${dropouts} = nn.Dropout(${pyNumber(layer.rate)})`);
        forward.push(`x = self.dropout_${dropouts}(x)`);
        break;
      case 'flatten':
        toChannelsLast('Keras flattens in (height, width, channels) order');
        forward.push('x = torch.flatten(x, 1)');
        rank = 1;
        break;
      case 'embedding':
        init.push(`self.${layer.module} = nn.Embedding(${layer.inputDim}, ${layer.outputDim})  # ${layer.tfName}`);
        forward.push(`x = self.${layer.module}(x.long())  # token ids -> (batch, length, ${layer.outputDim})`);
        rank = 2;
        channelsFirst = false;
        break;
      case 'globalmaxpool1d':
      case 'globalavgpool1d':
        toChannelsFirst();
        forward.push(layer.kind === 'globalmaxpool1d' ? 'x = torch.amax(x, dim=2)  # global max over the sequence' : 'x = torch.mean(x, dim=2)  # global average over the sequence');
        rank = 1;
        channelsFirst = false;
        break;
      case 'activation':
        forward.push(`x = ${activate('x', layer.activation)}`);
        break;
    }
  }
  toChannelsLast('the output is channels last');
  const kernels = topology.weights.filter((w) => /\/kernel$/.test(w.tfjs)).map((w) => `"${w.torch}"`);
  return `"""The model exported from Tau Studio, layer by layer (generated from its TensorFlow.js topology).

forward() takes a batch in the studio's layout (${topology.integerInput ? 'token ids' : topology.inputShape.length === 3 ? 'height x width x channels, pixels / 255' : 'the encoded feature columns of preprocess.py'})
and returns ${topology.outputActivation === 'softmax' ? 'class probabilities (softmax), as the studio does' : 'the model output, as the studio does'}.
"""
import torch
from torch import nn
import torch.nn.functional as F

from tau_safetensors import load_file

# One example's shape as the studio feeds it, e.g. (4,) or (28, 28, 1).
INPUT_SHAPE = (${topology.inputShape.join(', ')}${topology.inputShape.length === 1 ? ',' : ''})
OUTPUT_SIZE = ${topology.outputSize}
# Weights the studio's L2 penalty applies to (kernels; not biases or batch-norm parameters).
PENALIZED = [${kernels.join(', ')}]


class TauModel(nn.Module):
    def __init__(self):
        super().__init__()
${init.map((l) => `        ${l}`).join('\n') || '        pass'}

    def forward(self, x):
${forward.map((l) => `        ${l}`).join('\n')}
        return x


def build_model(weights_path=None):
    """The model, with the exported (or given) weights loaded."""
    model = TauModel()
    if weights_path is not None:
        load_weights(model, weights_path)
    return model


def load_weights(model, path):
    """Loads a safetensors state dict; every parameter and buffer must be present with its exact shape."""
    tensors = load_file(path)
    state = model.state_dict()
    for name, tensor in tensors.items():
        if name not in state:
            raise KeyError(f"{path}: unexpected tensor {name!r}")
        if tuple(tensor.shape) != tuple(state[name].shape):
            raise ValueError(f"{path}: {name} has shape {tuple(tensor.shape)}, the model needs {tuple(state[name].shape)}")
    missing = [name for name in state if name not in tensors and not name.endswith("num_batches_tracked")]
    if missing:
        raise KeyError(f"{path}: missing tensors {missing}")
    model.load_state_dict(tensors, strict=False)
    return model
`;
}

function activate(expr: string, activation: TorchActivation): string {
  switch (activation) {
    case 'linear':
      return expr;
    case 'relu':
      return `torch.relu(${expr})`;
    case 'tanh':
      return `torch.tanh(${expr})`;
    case 'sigmoid':
      return `torch.sigmoid(${expr})`;
    case 'elu':
      return `F.elu(${expr})`;
    case 'softmax':
      return `torch.softmax(${expr}, dim=-1)`;
  }
}

const round = (v: number) => pyNumber(Math.round(v * 1e9) / 1e9);

function pyNumber(v: number): string {
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}
