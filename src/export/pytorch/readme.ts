import type { PreprocessingFile } from '../bundle-format';
import type { StudioJson } from './project';
import type { TorchTopology } from './topology';

/** Versions the generated project was tested with (README.md states them). */
export const TESTED_VERSIONS = { python: '3.11', torch: '1.13', numpy: '1.24', pandas: '1.5' } as const;

interface ReadmeInput {
  title: string;
  task: StudioJson['task'];
  topology: TorchTopology;
  preprocessing: PreprocessingFile;
  training: StudioJson['training'];
  classes: string[];
  quantize?: StudioJson['weightsQuantization'];
}

/** README.md of the PyTorch project: what is in the folder and the commands, tested as written. */
export function pytorchReadme({ title, task, topology, preprocessing, training, classes, quantize }: ReadmeInput): string {
  const quantized = quantize
    ? `\n## Quantized weights\n\n\`weights.safetensors\` stores the weights as ${quantize === 'float16' ? 'float16 (F16 tensors)' : "uint8 codes (U8 tensors; value = code × scale + min per tensor, with scale and min in the header's `__metadata__.tau_quantization`)"}, like the
TensorFlow.js bundle next to it. \`tau_safetensors.load_file\` decodes them to float32, so predictions equal the studio's quantized model;
they differ from the float32 model by the rounding of the weights. \`train.py\` trains and checkpoints in float32.\n`
    : '';
  const input =
    preprocessing.kind === 'image'
      ? `a pixel CSV: a label column (label, class, …) and ${preprocessing.image.height * preprocessing.image.width * preprocessing.image.channels} pixel columns (0–255, height × width × channels order)`
      : `a CSV with the columns ${preprocessing.features.map((f) => f.name).join(', ')}${task === 'classification' ? ` (and the target ${preprocessing.target.name} for training)` : ''}`;
  return `# ${title} — PyTorch project

Exported from Tau Studio: the same model (${topology.layers.length} layers, ${task}${task === 'classification' ? `, classes ${classes.slice(0, 10).join(', ')}${classes.length > 10 ? ', …' : ''}` : ''}), the same
preprocessing and the same training settings, as plain PyTorch. Dependencies: \`torch\`, \`numpy\`, \`pandas\` only
(tested with Python ${TESTED_VERSIONS.python}, torch ${TESTED_VERSIONS.torch}, numpy ${TESTED_VERSIONS.numpy}, pandas ${TESTED_VERSIONS.pandas}; Debian's python3-torch, python3-pandas).

| File | What it is |
| --- | --- |
| \`model.py\` | the architecture, layer by layer (\`TauModel\`), and \`build_model(weights)\` |
| \`weights.safetensors\` | the trained weights (safetensors; read by \`tau_safetensors.py\`, no extra package) |
| \`preprocess.py\` + \`preprocessing.json\` | the fitted preprocessing, exactly as the studio applies it |
| \`tau_text.py\` | text columns: the studio's tokenizer (Unicode word boundaries; Chinese/Japanese/Thai split over the fitted vocabulary, an approximation of the browser's dictionary segmenter, see its docstring), TF-IDF and token ids |
| \`predict.py\` | predictions for a CSV |
| \`train.py\` | continue training, on one or many processes, with checkpoints |
| \`studio.json\` | task, classes, training settings and the TensorFlow.js topology (for importing back) |

Input: ${input}.

## Predict

\`\`\`sh
python predict.py --data rows.csv --out predictions.csv
\`\`\`

One output row per input row: \`prediction\`${task === 'classification' ? ', one `p_<class>` probability per class' : ''} and \`problem\` (why a row
has no prediction, e.g. a value that is not a number). The probabilities equal the studio's to within 1e-4.

## Train

\`\`\`sh
python train.py --data big.csv --epochs 5 --out run/                  # one process
python train.py --data big.csv --epochs 5 --out run/ --nproc 4        # 4 local processes (gloo on CPU, nccl on GPUs)
python train.py --data big.csv --epochs 10 --out run/ --resume        # continue from run/
# any launcher that sets RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT (torchrun, SLURM, …):
torchrun --nproc_per_node=4 train.py --data big.csv --epochs 5 --out run/
\`\`\`

Settings from the studio: ${training.optimizer === 'sgd' ? 'SGD with momentum 0.9' : 'Adam (β 0.9/0.999, ε 1e-7)'}, learning rate ${training.learningRate},
batch size ${training.batchSize} per process, L2 ${training.l2} on the kernels, seed ${training.seed}. The CSV is read in chunks
(\`--chunk-rows\`), each chunk shuffled and dealt out between processes, so no process holds the whole file.
The studio's early stopping and learning-rate halving use its validation split; here \`--epochs\` decides.
After every epoch \`run/\` gets \`epoch-NNNN.safetensors\` + \`epoch-NNNN.json\` (and \`latest.*\`); the script prints
the studio's evaluation (${task === 'classification' ? 'accuracy, macro-F1' : 'MAE, R²'}) on \`--eval-data\` (default: the training CSV).

## Back into the studio

In Tau Studio, "Import model" → pick \`run/latest.safetensors\` and \`run/latest.json\` together.
The weights are checked (names, shapes, sizes) before they are used.

Note: PyTorch updates batch-norm running variances with the unbiased batch variance; TensorFlow.js with
the biased one. Predictions are identical; continued training differs by that factor n/(n-1).
${quantized}`;
}
