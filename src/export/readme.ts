import snippetSource from './snippet/predict-with-bundle.mjs?raw';
import type { PreprocessingFile } from './bundle-format';

/** The tested snippet, verbatim: README.md embeds exactly the module the parity test runs. */
export const PREDICT_SNIPPET = snippetSource;

interface ReadmeInput {
  title: string;
  classes: string[];
  preprocessing: PreprocessingFile;
  shards: string[];
}

/** A raw example row for the README: training means for numbers, the most frequent category otherwise. */
function exampleRow(preprocessing: PreprocessingFile): string {
  if (preprocessing.kind === 'image') return '';
  const entries = preprocessing.features.map(
    (f) => [f.name, f.kind === 'numeric' ? Number(f.mean.toPrecision(4)) : f.kind === 'text' ? f.terms.slice(0, 3).join(' ') || 'some text' : f.fill] as const,
  );
  return JSON.stringify(Object.fromEntries(entries));
}

export function bundleReadme({ title, classes, preprocessing, shards }: ReadmeInput): string {
  const image = preprocessing.kind === 'image' ? preprocessing.image : null;
  const inputs =
    preprocessing.kind === 'image'
      ? `images of ${preprocessing.image.width}×${preprocessing.image.height} pixels, ${preprocessing.image.channels === 1 ? 'grayscale' : 'RGB'} (input: height × width × channels, pixel / 255)`
      : `${preprocessing.features.length} columns: ${preprocessing.features.map((f) => `${f.name} (${f.kind})`).join(', ')}`;
  const usage = image
    ? `// pixels: Uint8Array of ${image.height} × ${image.width} × ${image.channels} values (HWC), already resized
console.log(predict(bundle, [pixels]));`
    : `console.log(predict(bundle, [${exampleRow(preprocessing)}]));`;
  const regression = preprocessing.kind === 'tabular' && preprocessing.target.task === 'regression' ? preprocessing.target : null;
  const what = regression
    ? `A regression model exported from Tau Studio. It predicts the number "${regression.name}" (training range ${regression.stats?.min ?? '?'} to ${regression.stats?.max ?? '?'}) from ${inputs}.`
    : `A classifier exported from Tau Studio. It predicts ${classes.length} classes (${classes.slice(0, 10).join(', ')}${classes.length > 10 ? ', …' : ''}) from ${inputs}.`;
  const output = regression
    ? `The last layer is linear with one output: the predicted "${regression.name}" in its original units (the target's standardization is folded into the weights).${regression.interval ? ` A ${Math.round(regression.interval.level * 100)}% prediction interval is value + \`target.interval.lower\` … value + \`target.interval.upper\` (validation residual quantiles).` : ''}`
    : 'The last layer is a softmax: outputs are class probabilities in the order of `preprocessing.json` → `target.classes`.';
  return `# ${title}

${what}

| File | What it is |
| --- | --- |
| \`model.json\`, ${shards.map((s) => `\`${s}\``).join(', ')} | The TensorFlow.js LayersModel (topology and float32 weights), as \`tf.loadLayersModel\` and \`tensorflowjs_converter\` read it. ${output} |
| \`preprocessing.json\` | How a raw row becomes the model input: column order, types, missing-value fill, scaling (\`(x - center) / scale\`), one-hot categories, class labels${image ? ', image size and pixel scaling' : ', and training statistics for drift checks ("monitoring")'}. |
| \`metrics.json\` | ${regression ? 'Test MAE, RMSE, R², MAPE, median absolute error and the training-mean baseline' : 'Test metrics and confusion matrix'} from Tau Studio, with the training settings, backend and seed. |

## Predict in JavaScript (browser or Node)

\`npm install @tensorflow/tfjs\` (the pure-JavaScript package; \`@tensorflow/tfjs-node\` is not needed). Save this as
\`predict-with-bundle.mjs\` (it is the exact code Tau Studio tests against its own predictions):

\`\`\`js
${PREDICT_SNIPPET.trimEnd()}
\`\`\`

In Node, next to the unzipped bundle folder \`my-model/\`:

\`\`\`js
import { readFile } from 'node:fs/promises';
import { loadBundle, predict } from './predict-with-bundle.mjs';

const bundle = await loadBundle((name) => readFile(\`my-model/\${name}\`));
${usage}
\`\`\`

In a browser (with a bundler, or an import map for \`@tensorflow/tfjs\`), serve the folder and pass
\`(name) => fetch('/my-model/' + name).then((r) => r.arrayBuffer())\` to \`loadBundle\`. The model alone also loads with
\`tf.loadLayersModel('/my-model/model.json')\`; the inputs must then be prepared as \`encodeRow\` does.

## Convert to Keras

\`\`\`sh
pip install tensorflowjs
tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras model.json model.h5
\`\`\`

In Python, \`tf.keras.models.load_model('model.h5')\` then predicts on inputs prepared as \`preprocessing.json\` describes
(the same steps as \`encodeRow\` above).
`;
}
