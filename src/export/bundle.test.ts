import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { strToU8, zipSync } from 'fflate';
import { buildModel } from '../models/build-model';
import { DEFAULT_MLP } from '../models/spec';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { prepareTable } from '../preprocess/prepare';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { tableReader } from '../preprocess/feature-reader';
import { transformRows } from '../preprocess/transform';
import { toArtifacts, fromArtifacts } from '../train/model-io';
import { computeTrainingReference } from '../predict/training-reference';
import { bundleFiles, shardNames, writeBundleZip, type BundleInput } from './write-bundle';
import { readBundle } from './read-bundle';
import { assembleBundle, checkPreprocessing, parseJsonFile } from './validate-bundle';
import { metricsFile } from './metrics-file';
import { PREDICT_SNIPPET } from './readme';
import { loadBundle, predict } from './snippet/predict-with-bundle.mjs';

const CSV = `size,colour,weight,label
1.0,red,10,small
1.2,red,11,small
0.9,blue,,small
1.1,green,9,small
1.3,red,12,small
0.8,blue,10,small
1.05,red,10.5,small
5.0,blue,50,big
5.5,green,55,big
4.8,blue,,big
5.2,__proto__,52,big
6.0,blue,60,big
5.1,green,51,big
4.9,blue,49,big
`;

let input: BundleInput;
let model: tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const parsed = parseCsvText(CSV, 'toy.csv');
  const profiles = profileTable(parsed.table);
  const prepared = prepareTable(parsed.table, profiles, { ...DEFAULT_PREPARE, target: 'label', testFraction: 0.2, validationFraction: 0 });
  model = buildModel({ ...DEFAULT_MLP, hidden: [4], dropout: 0 }, [prepared.fitted.inputSize], 2, 3);
  const artifacts = await toArtifacts({ model, preprocessing: prepared.fitted, exampleShape: [prepared.fitted.inputSize], classes: prepared.fitted.target.classes });
  const train = Int32Array.from(prepared.split.train, (i) => prepared.tableRows[i]);
  input = {
    artifacts,
    metrics: metricsFile(null),
    reference: computeTrainingReference(prepared.fitted, tableReader(parsed.table), train),
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    title: 'Toy model',
  };
});

const zipOf = (files: Map<string, Uint8Array>) => {
  const zippable: Record<string, Uint8Array> = {};
  for (const [name, bytes] of files) zippable[name] = bytes;
  return new Blob([zipSync(zippable) as Uint8Array<ArrayBuffer>]);
};
const picked = (files: Map<string, Uint8Array>, name = 'model.zip') => [{ name, blob: zipOf(files) }];

describe('model bundle: write and read back', () => {
  it('writes model.json as TensorFlow.js does, one shard, preprocessing, metrics and a README embedding the snippet', () => {
    const files = bundleFiles(input);
    expect([...files.keys()].filter((n) => !n.startsWith('pytorch/')).sort()).toEqual(['README.md', 'group1-shard1of1.bin', 'metrics.json', 'model.json', 'preprocessing.json']);
    expect([...files.keys()].filter((n) => n.startsWith('pytorch/')).sort()).toEqual([
      'pytorch/README.md',
      'pytorch/model.py',
      'pytorch/predict.py',
      'pytorch/preprocess.py',
      'pytorch/preprocessing.json',
      'pytorch/studio.json',
      'pytorch/tau_safetensors.py',
      'pytorch/tau_text.py',
      'pytorch/train.py',
      'pytorch/weights.safetensors',
    ]);
    const modelJson = JSON.parse(new TextDecoder().decode(files.get('model.json')));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.convertedBy).toBeNull();
    expect(modelJson.weightsManifest[0].paths).toEqual(['group1-shard1of1.bin']);
    expect(modelJson.modelTopology.class_name).toBe('Sequential');
    const readme = new TextDecoder().decode(files.get('README.md'));
    expect(readme).toContain(PREDICT_SNIPPET.trim());
    expect(readme).toContain('tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras');
    const pre = JSON.parse(new TextDecoder().decode(files.get('preprocessing.json')));
    expect(pre.kind).toBe('tabular');
    expect(pre.monitoring.features.map((f: { name: string }) => f.name)).toEqual(['size', 'colour', 'weight']);
  });

  it('splits weights into 4 MB shards named as tensorflowjs_converter does', () => {
    expect(shardNames(10)).toEqual(['group1-shard1of1.bin']);
    expect(shardNames(4 * 1024 * 1024 + 1)).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']);
  });

  it('round-trips through the zip: same artifacts, same predictions', async () => {
    const zip = writeBundleZip(input);
    const bundle = await readBundle([{ name: 'toy.zip', blob: new Blob([zip as Uint8Array<ArrayBuffer>]) }]);
    expect(bundle.artifacts.classes).toEqual(input.artifacts.classes);
    expect(bundle.preprocessing.kind === 'tabular' && bundle.preprocessing.monitoring?.rows).toBeGreaterThan(0);
    expect(new Uint8Array(bundle.artifacts.weightData)).toEqual(new Uint8Array(input.artifacts.weightData));
    const restored = await fromArtifacts(bundle.artifacts);
    const x = tf.tensor2d([[0.5, 1, 0, 0, -1]]);
    expect(Array.from((restored.model.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
    restored.model.dispose();
    x.dispose();
  });

  it('accepts the loose files picked together, and a zip with the bundle inside one folder', async () => {
    const files = bundleFiles(input);
    const loose = [...files].filter(([name]) => !name.startsWith('pytorch/')).map(([name, bytes]) => ({ name, blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }));
    expect((await readBundle(loose)).artifacts.classes).toEqual(['big', 'small']);
    const nested = new Map([...files].map(([name, bytes]) => [`my-model/${name}`, bytes]));
    expect((await readBundle(picked(nested))).artifacts.exampleShape).toEqual([input.artifacts.preprocessing?.inputSize]);
  });

  it('the README snippet predicts what the app predicts, from raw rows with missing and unseen values', async () => {
    const files = bundleFiles(input);
    const bundle = await loadBundle(async (name) => files.get(name) as Uint8Array);
    const rows = [
      { size: '1.1', colour: 'red', weight: '10' },
      { size: '5', colour: 'purple', weight: 'NA' },
      new Map<string, unknown>([
        ['size', 4.9],
        ['colour', '__proto__'],
        ['weight', ''],
      ]),
    ];
    const snippet = predict(bundle, rows);
    const fitted = input.artifacts.preprocessing!;
    const records = rows.map((r) => new Map(Object.entries(r instanceof Map ? Object.fromEntries(r) : r)) as Map<string, string | number | null>);
    // The app reads "NA" and "" as missing at parse time; give the app's reader the parsed cells.
    records[1].set('weight', null);
    records[2].set('weight', null);
    const reader = { rowCount: 3, column: (name: string) => (row: number) => records[row].get(name) ?? null };
    const { features, problems } = transformRows(fitted, reader, [0, 1, 2]);
    expect(problems).toEqual([]);
    const app = (model.predict(tf.tensor2d(features, [3, fitted.inputSize])) as tf.Tensor).dataSync();
    snippet.forEach((p, i) => {
      input.artifacts.classes.forEach((c, k) => expect(Math.abs(p.probabilities[c] - app[i * 2 + k])).toBeLessThan(1e-6));
    });
    expect(Object.keys(snippet[0].probabilities)).toEqual(['big', 'small']);
    bundle.model.dispose();
  });
});

describe('model bundle: validation', () => {
  const files = () => new Map(bundleFiles(input));
  const edit = (name: string, change: (json: Record<string, unknown>) => void) => {
    const f = files();
    const json = JSON.parse(new TextDecoder().decode(f.get(name)));
    change(json);
    f.set(name, strToU8(JSON.stringify(json)));
    return f;
  };

  it('names a missing model.json, preprocessing.json or weight file', async () => {
    const noModel = files();
    noModel.delete('model.json');
    await expect(readBundle(picked(noModel))).rejects.toThrow(/has no model\.json, so it is not a model bundle/);
    const noPre = files();
    noPre.delete('preprocessing.json');
    await expect(readBundle(picked(noPre))).rejects.toThrow(/has no preprocessing\.json/);
    const noShard = files();
    noShard.delete('group1-shard1of1.bin');
    await expect(readBundle(picked(noShard))).rejects.toThrow(/lacks the weight file group1-shard1of1\.bin/);
    const noMetrics = files();
    noMetrics.delete('metrics.json');
    expect((await readBundle(picked(noMetrics))).notes.join(' ')).toMatch(/metrics\.json is missing/);
  });

  it('refuses truncated weights, and shapes that do not match the preprocessing', async () => {
    const truncated = files();
    truncated.set('group1-shard1of1.bin', truncated.get('group1-shard1of1.bin')!.slice(0, 40));
    await expect(readBundle(picked(truncated))).rejects.toThrow(/hold 40 bytes but model\.json describes \d+ bytes/);
    const wider = edit('preprocessing.json', (p) => {
      (p.features as { categories?: string[] }[])[1].categories!.push('yellow');
      (p.features as { frequencies?: number[] }[])[1].frequencies!.push(0);
      p.inputSize = (p.inputSize as number) + 1;
      (p.inputNames as string[]).push('colour=yellow');
    });
    await expect(readBundle(picked(wider))).rejects.toThrow(/The model takes 5 inputs but preprocessing\.json produces 6/);
    const moreClasses = edit('preprocessing.json', (p) => {
      (p.target as { classes: string[] }).classes.push('huge');
    });
    await expect(readBundle(picked(moreClasses))).rejects.toThrow(/The model predicts 2 classes but preprocessing\.json names 3/);
  });

  it('checks the model itself with TensorFlow.js too (input shape vs the bundle)', async () => {
    const bundle = assembleBundle(files(), 'test');
    await expect(fromArtifacts({ ...bundle.artifacts, exampleShape: [9] })).rejects.toThrow(/expects inputs of shape \[5\]/);
  });

  it('survives hostile JSON: broken syntax, wrong types, __proto__ keys, huge lists, deep nesting', async () => {
    const broken = files();
    broken.set('model.json', strToU8('{"format": "layers-model", '));
    await expect(readBundle(picked(broken))).rejects.toThrow(/model\.json is not valid JSON/);
    const wrongType = edit('preprocessing.json', (p) => {
      (p.features as Record<string, unknown>[])[0].scale = 'big';
    });
    await expect(readBundle(picked(wrongType))).rejects.toThrow(/features\[0\]\.scale" should be a finite number but is the text "big"/);
    const polluted = checkPreprocessing(JSON.parse(`{"__proto__": {"polluted": true}, ${new TextDecoder().decode(files().get('preprocessing.json')).trim().slice(1)}`));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(polluted)).toBe(Object.prototype);
    expect((polluted as unknown as Record<string, unknown>).polluted).toBeUndefined();
    const huge = edit('preprocessing.json', (p) => {
      (p.target as { classes: string[] }).classes = Array.from({ length: 5000 }, (_, i) => `c${i}`);
    });
    await expect(readBundle(picked(huge))).rejects.toThrow(/"target\.classes" has 5,000 entries, more than the 1,000 allowed/);
    const deep = files();
    deep.set('metrics.json', strToU8('['.repeat(200_000) + ']'.repeat(200_000)));
    const outcome = await readBundle(picked(deep)).then(
      (b) => b.notes.join(' '),
      (e: Error) => e.message,
    );
    expect(outcome).toMatch(/metrics\.json (is not valid JSON|is not Tau Studio metrics)/);
    expect(() => parseJsonFile('x.json', new Uint8Array(17 * 1024 * 1024))).toThrow(/x\.json is 17\.0 MB; JSON files in a model bundle may be at most 16 MB/);
    const escape = edit('model.json', (m) => {
      (m.weightsManifest as { paths: string[] }[])[0].paths = ['../../etc/passwd'];
    });
    await expect(readBundle(picked(escape))).rejects.toThrow(/not a plain file name inside the bundle/);
    const graph = edit('model.json', (m) => {
      m.format = 'graph-model';
    });
    await expect(readBundle(picked(graph))).rejects.toThrow(/graph model/);
    const quantized = edit('model.json', (m) => {
      (m.weightsManifest as { weights: Record<string, unknown>[] }[])[0].weights[0].quantization = { dtype: 'uint8' };
    });
    // Quantized weights are read (float16, uint8 with scale and min); a uint8 entry without its scale is not.
    await expect(readBundle(picked(quantized))).rejects.toThrow(/quantization\.scale/);
  });

  it('refuses zips that are not bundles or are too large, and ambiguous picks', async () => {
    await expect(readBundle([{ name: 'notes.zip', blob: new Blob(['not a zip at all'.repeat(10)]) }])).rejects.toThrow(/notes\.zip/);
    await expect(readBundle([{ name: 'big.zip', blob: new Blob([new Uint8Array(201 * 1024 * 1024)]) }])).rejects.toThrow(/big\.zip is 201 MiB; model bundles may be at most 200 MiB/);
    const two = new Map(
      [...files()].flatMap(
        ([name, bytes]) =>
          [
            [`a/${name}`, bytes],
            [`b/${name}`, bytes],
          ] as [string, Uint8Array][],
      ),
    );
    await expect(readBundle(picked(two))).rejects.toThrow(/holds 2 model\.json files/);
    await expect(
      readBundle([
        { name: 'a.zip', blob: new Blob(['x']) },
        { name: 'model.json', blob: new Blob(['{}']) },
      ]),
    ).rejects.toThrow(/Pick either one \.zip/);
    await expect(readBundle([])).rejects.toThrow(/No files were picked/);
  });
});
