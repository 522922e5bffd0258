/**
 * A corpus of hostile inputs, generated (never stored as binaries): notebook links, CSV files in legacy
 * encodings or with traps, images whose headers lie, and model bundles. Unit tests check each against
 * the validators; e2e/tests/hostile.spec.ts opens each in real Chromium.
 */
import { deflateSync, zipSync } from 'fflate';
import { crc32 } from '../data/images/crc32';
import { bytesToBase64Url } from '../notebook/share/base64';

export interface HostileLink {
  kind: 'link';
  name: string;
  fragment: string;
  /** What a person should see: a refusal (link-error), a notice, a section error, or the click gate. */
  /** refused: link-error, nothing opened; model-dropped: opened without its (refused) model; gated: waits for a click. */
  expect: 'refused' | 'opened' | 'gated' | 'model-dropped';
}

export interface HostileFile {
  kind: 'csv' | 'bundle' | 'image-zip';
  name: string;
  bytes: Uint8Array;
  /** Text the page should show somewhere after loading it (a decoded value, or the refusal). */
  shows: RegExp;
  /** CSVs in a legacy encoding: the encoding the studio must detect (the value of its encoding choice). */
  encoding?: string;
}

export function linkFragment(json: string, version: number | string): string {
  const compressed = deflateSync(new TextEncoder().encode(json));
  return `#nb=${version}.${bytesToBase64Url(compressed)}.${crc32(compressed).toString(16).padStart(8, '0')}`;
}

type Doc = Record<string, unknown> & { results: Record<string, unknown> & { metrics: Record<string, unknown> }; cells: { id: string; type: string; text?: string }[] };

/** Link attacks built on a real version-1 document (`base`, parsed JSON of src/notebook/fixtures/v1-breast-cancer.json). */
export function hostileLinks(base: Doc): HostileLink[] {
  const copy = (): Doc => structuredClone(base);
  const v1 = (name: string, doc: Doc, expect: HostileLink['expect']): HostileLink => ({ kind: 'link', name, fragment: linkFragment(JSON.stringify(doc), 1), expect });
  const links: HostileLink[] = [];

  // 1,000 classes: the confusion matrix spread blanked the page.
  const many = copy();
  const classes = Array.from({ length: 1000 }, (_, i) => `class_${i}`);
  const cm = { precision: 0.5, recall: 0.5, f1: 0.5, support: 1 };
  many.results.classes = classes;
  many.results.metrics = {
    ...many.results.metrics,
    perClass: Object.fromEntries(classes.map((c) => [c, cm])),
    confusionMatrix: { labels: classes, matrix: classes.map((_, r) => classes.map((__, c) => (r === c ? 1 : 0))) },
  };
  delete many.results.metrics.roc;
  delete many.results.metrics.rocAuc;
  delete many.results.metrics.logLoss;
  (many.results as Record<string, unknown>).preprocessing = null;
  links.push(v1('1,000-class results', many, 'opened'));

  const model = (topology: unknown, weights = 'AAAAAAAAAAA=') => ({
    resultsFinishedAt: base.results.finishedAt,
    modelTopology: topology,
    weightSpecs: [{ name: 'd/kernel', shape: [2], dtype: 'float32' }],
    weightsBase64: weights,
    exampleShape: [30],
    classes: ['benign', 'malignant'],
    preprocessing: null,
  });
  // A topology with a 150,000-element array: stack.push(...node) threw out of the validator.
  const wide = copy();
  wide.trainedModel = model({ class_name: 'Sequential', config: { name: 's', layers: new Array(150_000).fill(0) } });
  links.push(v1('very wide model topology', wide, 'model-dropped'));
  // A topology nested 20,000 levels deep (written as text: JSON.stringify itself overflows on it): the validator
  // walked it recursively.
  const deep = copy();
  deep.trainedModel = model('TOPOLOGY');
  const nested = `{"class_name":"Sequential","config":{"name":"s","layers":[${'{"config":{"layers":['.repeat(20_000)}{}${']}}'.repeat(20_000)}]}}`;
  links.push({ kind: 'link', name: 'deeply nested model topology', fragment: linkFragment(JSON.stringify(deep).replace('"TOPOLOGY"', nested), 1), expect: 'model-dropped' });
  // 10 billion declared weights in a 5 KB link.
  const huge = copy();
  huge.trainedModel = model({ class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd', units: 99_999, batch_input_shape: [null, 99_999] } }] } });
  links.push(v1('10-billion-parameter model', huge, 'model-dropped'));
  // Image safety caps raised to 2^53.
  const caps = copy();
  caps.images = { ...(caps.images as object), maxTotalBytes: 2 ** 53, maxPixelsPerImage: 2 ** 53 };
  links.push(v1('image caps raised to 2^53', caps, 'opened'));
  // 20,000 columns of inline data (refused), and 500 (waits for a click).
  const wideCsv = (columns: number) =>
    `${Array.from({ length: columns }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 3 }, (_, r) => Array.from({ length: columns }, (__, c) => String((r + c) % 7)).join(',')).join('\n')}\n`;
  const cols20k = copy();
  const text20k = wideCsv(20_000);
  cols20k.dataset = { kind: 'file', name: 'wide.csv', bytes: text20k.length, inline: text20k };
  links.push(v1('inline CSV with 20,000 columns', cols20k, 'refused'));
  const cols500 = copy();
  const text500 = wideCsv(500);
  cols500.dataset = { kind: 'file', name: 'wide500.csv', bytes: text500.length, inline: text500 };
  links.push(v1('inline CSV with 500 columns', cols500, 'gated'));
  // 100,000 "[" in a note: quadratic link parsing froze every render.
  const brackets = copy();
  brackets.cells = brackets.cells.map((c) => (c.type === 'markdown' ? { ...c, text: '['.repeat(50_000) + '[a]('.repeat(12_500) } : c));
  links.push(v1('note of 100,000 "["', brackets, 'opened'));
  // A script in a note stays text.
  const script = copy();
  script.cells = script.cells.map((c) => (c.type === 'markdown' ? { ...c, text: '<img src=x onerror="window.pwned=1"> [x](javascript:window.pwned=1)' } : c));
  links.push(v1('script in a note', script, 'opened'));
  // Damaged and fake links.
  const good = linkFragment(JSON.stringify(copy()), 1);
  links.push({ kind: 'link', name: 'wrong checksum', fragment: good.replace(/\.[0-9a-f]{8}$/, '.00000000'), expect: 'refused' });
  links.push({ kind: 'link', name: 'not JSON', fragment: linkFragment('{"format": "tau-notebook", ', 1), expect: 'refused' });
  links.push({ kind: 'link', name: 'future version', fragment: linkFragment(JSON.stringify(copy()), 99), expect: 'refused' });
  links.push({ kind: 'link', name: 'deep nesting', fragment: linkFragment(`{"format":"tau-notebook","version":1,"title":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, 1), expect: 'refused' });
  return links;
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

export function hostileCsvs(): HostileFile[] {
  return [
    // "Zürich" and "José" in Windows-1252, as Excel saves it.
    {
      kind: 'csv',
      name: 'latin1.csv',
      bytes: new Uint8Array([...ascii('name,city,n\nJos'), 0xe9, ...ascii(',Z'), 0xfc, ...ascii('rich,1\nAna,K'), 0xf6, ...ascii('ln,2\nBo,Par,3\n')]),
      shows: /Zürich/,
      encoding: 'windows-1252',
    },
    // Windows-1252's own bytes (0x80–0x9F, which Latin-1 leaves to control codes): "€", "–" and curly quotes.
    {
      kind: 'csv',
      name: 'cp1252.csv',
      bytes: new Uint8Array([...ascii('item,price\n'), 0x93, ...ascii('Caf'), 0xe9, 0x94, ...ascii(',3 '), 0x80, ...ascii('\nTea '), 0x96, ...ascii(' green,2 '), 0x80, ...ascii('\n')]),
      shows: /3 €/,
      encoding: 'windows-1252',
    },
    // "城市,人口 / 北京,2154 / 上海,2487" in GBK.
    {
      kind: 'csv',
      name: 'gbk.csv',
      bytes: new Uint8Array([
        0xb3, 0xc7, 0xca, 0xd0, 0x2c, 0xc8, 0xcb, 0xbf, 0xda, 0x0a, 0xb1, 0xb1, 0xbe, 0xa9, 0x2c, 0x32, 0x31, 0x35, 0x34, 0x0a, 0xc9, 0xcf, 0xba, 0xa3, 0x2c, 0x32, 0x34, 0x38, 0x37, 0x0a, 0xb9, 0xe3,
        0xd6, 0xdd, 0x2c, 0x31, 0x38, 0x38, 0x31, 0x0a,
      ]),
      shows: /北京/,
      encoding: 'gb18030',
    },
    // "名前,年齢 / さくら,12 / たろう,30" in Shift-JIS.
    {
      kind: 'csv',
      name: 'sjis.csv',
      bytes: new Uint8Array([
        0x96, 0xbc, 0x91, 0x4f, 0x2c, 0x94, 0x4e, 0x97, 0xee, 0x0a, 0x82, 0xb3, 0x82, 0xad, 0x82, 0xe7, 0x2c, 0x31, 0x32, 0x0a, 0x82, 0xbd, 0x82, 0xeb, 0x82, 0xa4, 0x2c, 0x33, 0x30, 0x0a,
      ]),
      shows: /さくら/,
      encoding: 'shift_jis',
    },
    { kind: 'csv', name: 'utf16.csv', bytes: utf16le('\ufeffa,b\n1,x\n2,y\n3,z\n'), shows: /UTF-16/, encoding: 'utf-16le' },
    { kind: 'csv', name: 'spaces.csv', bytes: new TextEncoder().encode('a,b\n1,x\n        ,y\n3,z\n'), shows: /missing/ },
    { kind: 'csv', name: 'binary.csv', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 9, 9, 9]), shows: /binary data/ },
    {
      kind: 'csv',
      name: 'wide.csv',
      bytes: new TextEncoder().encode(
        `${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 5000 }, (_, i) => String(i % 3)).join(',')}\n${Array.from({ length: 5000 }, (_, i) => String(i % 5)).join(',')}\n`,
      ),
      shows: /Showing 60 of 5,000 columns/,
    },
  ];
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[2 * i] = text.charCodeAt(i) & 0xff;
    out[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
}

/** A GIF whose logical screen is 1×1 but whose first frame is 60,000 × 60,000 pixels. */
export function lyingGif(): Uint8Array {
  return new Uint8Array([...ascii('GIF89a'), 1, 0, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 0x60, 0xea, 0x60, 0xea, 0, 2, 2, 0x4c, 1, 0, 0x3b]);
}

/** Model bundles: a huge declared model and a layer type Tau Studio does not build. */
export function hostileBundles(): HostileFile[] {
  const bundle = (topology: unknown) =>
    zipSync({
      'model.json': new TextEncoder().encode(
        JSON.stringify({ format: 'layers-model', modelTopology: topology, weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'd/kernel', shape: [2], dtype: 'float32' }] }] }),
      ),
      'weights.bin': new Uint8Array(8),
      'preprocessing.json': new TextEncoder().encode('{}'),
    });
  return [
    {
      kind: 'bundle',
      name: 'huge-model.zip',
      bytes: bundle({ class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd', units: 99_999, batch_input_shape: [null, 99_999] } }] } }),
      shows: /parameters|model/i,
    },
    {
      kind: 'bundle',
      name: 'lambda-model.zip',
      bytes: bundle({ class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Lambda', config: { name: 'l', batch_input_shape: [null, 2] } }] } }),
      shows: /Lambda|not build|preprocessing/i,
    },
    {
      kind: 'image-zip',
      name: 'lying-gif.zip',
      bytes: zipSync({ 'a/1.gif': lyingGif(), 'a/2.gif': lyingGif(), 'b/1.gif': lyingGif() }),
      shows: /pixels|too large|could not|no images|unreadable|skipped/i,
    },
  ];
}
