import type { ClassificationReport } from '../evaluate';
import { describe, expect, it } from 'vitest';
import { createNotebook, NOTEBOOK_VERSION, SECTION_ORDER } from './document';
import { validateNotebook } from './validate';
import { currentDocument, tinyModel, v1Document } from './test-utils/fixtures';

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

function expectInvalid(input: unknown, ...fragments: string[]) {
  const result = validateNotebook(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  for (const fragment of fragments) expect(result.message).toContain(fragment);
  return result;
}

describe('validateNotebook', () => {
  it('accepts a new notebook unchanged', () => {
    const doc = createNotebook('Mine');
    const result = validateNotebook(roundTrip(doc));
    expect(result.ok && result.value).toEqual(doc);
  });

  it('accepts a document with results after a JSON round trip, metrics intact', () => {
    const doc = currentDocument();
    const result = validateNotebook(roundTrip(doc));
    if (!result.ok) throw new Error(result.message);
    expect((result.value.results?.metrics as ClassificationReport | undefined)?.accuracy).toBeCloseTo(0.9473684210526315, 15);
    expect((result.value.results?.metrics as ClassificationReport | undefined)?.confusionMatrix).toEqual((doc.results?.metrics as ClassificationReport | undefined)?.confusionMatrix);
    expect(JSON.stringify(result.value)).toBe(JSON.stringify(doc));
  });

  it('fills absent optional fields from defaults and restores every section', () => {
    const result = validateNotebook({ format: 'tau-notebook', version: NOTEBOOK_VERSION });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.cells.map((c) => c.type)).toEqual(['markdown', ...SECTION_ORDER]);
    expect(result.value.prepare.seed).toBe(42);
    expect(result.value.results).toBeNull();
    expect(result.value.trainedModel).toBeNull();
    expect(result.value.revenue.currency).toBe('EUR');
  });

  it('refuses other formats and newer versions with a reason', () => {
    expectInvalid([], 'not a Tau Studio notebook');
    expectInvalid({ format: 'excalidraw', version: 2 }, 'not a Tau Studio notebook');
    expectInvalid({ format: 'tau-notebook', version: '2' }, 'not a version number');
    const newer = expectInvalid({ format: 'tau-notebook', version: NOTEBOOK_VERSION + 1 }, 'newer Tau Studio');
    expect(newer?.code).toBe('newer_version');
  });

  it('names the path and the problem for wrong types', () => {
    const doc = roundTrip(currentDocument());
    (doc.prepare as Record<string, unknown>).seed = '42';
    expectInvalid(doc, 'prepare.seed', 'expected a finite number');
    const doc2 = roundTrip(currentDocument());
    ((doc2.results as Record<string, unknown>).metrics as Record<string, unknown>).accuracy = 'high';
    expectInvalid(doc2, 'results.metrics.accuracy');
    const doc3 = roundTrip(currentDocument());
    (doc3.training as Record<string, unknown>).epochs = 1e9;
    expectInvalid(doc3, 'training.epochs');
    expectInvalid({ ...roundTrip(createNotebook()), cells: 'all of them' }, 'cells: expected a list');
    expectInvalid({ ...roundTrip(createNotebook()), title: 5 }, 'title: expected text');
  });

  it('keeps a result’s WASM thread count and refuses an impossible one (a link or file is hostile)', () => {
    const doc = roundTrip(currentDocument());
    (doc.results as Record<string, unknown>).threads = 2;
    const kept = validateNotebook(doc);
    if (!kept.ok) throw new Error(kept.message);
    expect(kept.value.results?.threads).toBe(2);
    for (const threads of [0, 2.5, 1e9, '2']) {
      const bad = roundTrip(currentDocument());
      (bad.results as Record<string, unknown>).threads = threads;
      expectInvalid(bad, 'results.threads');
    }
  });

  it('refuses huge arrays and strings before walking them', () => {
    const cells = new Array(1_000_001).fill({ id: 'a', type: 'markdown', text: '' });
    expectInvalid({ ...roundTrip(createNotebook()), cells }, 'cells', 'at most 1,000');
    const doc = roundTrip(currentDocument());
    ((doc.results as Record<string, unknown>).training as Record<string, unknown>).history = new Array(20_000).fill(0);
    expectInvalid(doc, 'results.training.history', 'at most 10,000');
    expectInvalid({ ...roundTrip(createNotebook()), title: 'x'.repeat(10_000) }, 'title', 'longer than');
  });

  it('never lets __proto__ or constructor keys reach a prototype, at any depth', () => {
    const hostile = JSON.parse(
      `{"format":"tau-notebook","version":2,"__proto__":{"polluted":"top"},"constructor":{"prototype":{"polluted":"ctor"}},
        "prepare":{"__proto__":{"target":"fromProto","polluted":"prepare"},"seed":7},
        "cells":[{"__proto__":{"type":"markdown"},"id":"c1","type":"markdown","text":"hi"}],
        "revenue":{"__proto__":{"polluted":"revenue"}}}`,
    ) as unknown;
    const result = validateNotebook(hostile);
    if (!result.ok) throw new Error(result.message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(result.value.prepare.target).toBeNull();
    expect(result.value.prepare.seed).toBe(7);
    expect(Object.keys(result.value)).not.toContain('__proto__');
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.value.prepare)).toBe(Object.prototype);
    expect(result.value.cells[0]).toEqual({ id: 'c1', type: 'markdown', text: 'hi' });
  });

  it('keeps a class literally named __proto__ as ordinary per-class data', () => {
    const doc = roundTrip(currentDocument());
    const metrics = (doc.results as Record<string, unknown>).metrics as Record<string, unknown>;
    const perClass = metrics.perClass as Record<string, unknown>;
    const text = JSON.stringify(perClass).replace('"benign"', '"__proto__"');
    metrics.perClass = JSON.parse(text);
    (metrics.confusionMatrix as { labels: string[] }).labels[0] = '__proto__';
    const result = validateNotebook(doc);
    if (!result.ok) throw new Error(result.message);
    const kept = (result.value.results!.metrics as ClassificationReport).perClass;
    expect(Object.getPrototypeOf(kept)).toBeNull();
    expect(Object.keys(kept)).toEqual(['__proto__', 'malignant']);
    expect(kept['__proto__'].support).toBe((JSON.parse(text) as Record<string, { support: number }>).__proto__.support);
    expect(({} as Record<string, unknown>).support).toBeUndefined();
  });

  it('refuses a per-class table that misses a label', () => {
    const doc = roundTrip(currentDocument());
    const metrics = (doc.results as Record<string, unknown>).metrics as Record<string, Record<string, unknown>>;
    delete metrics.perClass.benign;
    expectInvalid(doc, 'perClass must have an entry for every label');
  });

  it('refuses sample paths and non-web data addresses', () => {
    expectInvalid({ ...roundTrip(createNotebook()), dataset: { kind: 'sample', name: 'x', file: '../../etc/passwd' } }, 'dataset.file');
    expectInvalid({ ...roundTrip(createNotebook()), dataset: { kind: 'url', name: 'x', url: 'javascript:alert(1)' } }, 'only https://');
    expectInvalid({ ...roundTrip(createNotebook()), dataset: { kind: 'file', name: 'x.csv', bytes: 3, sha256: 'abc' } }, 'SHA-256');
    expectInvalid({ ...roundTrip(createNotebook()), dataset: { kind: 'shell', name: 'x' } }, 'dataset.kind');
    const ok = validateNotebook({ ...roundTrip(createNotebook()), dataset: { kind: 'url', name: 'x', url: 'https://example.org/data.csv' } });
    expect(ok.ok).toBe(true);
  });

  it('keeps embedded weights of the stored results and drops weights of other results', () => {
    const doc = currentDocument();
    const matching = validateNotebook(roundTrip({ ...doc, trainedModel: tinyModel(doc.results!.finishedAt) }));
    expect(matching.ok && matching.value.trainedModel?.weightSpecs).toHaveLength(2);
    const stale = validateNotebook(roundTrip({ ...doc, trainedModel: tinyModel('2020-01-01T00:00:00.000Z') }));
    if (!stale.ok) throw new Error(stale.message);
    expect(stale.value.trainedModel).toBeNull();
    expect(stale.warnings.join()).toContain('belong to other results');
  });

  it('refuses model topologies that would build unknown layers or allocate gigabytes', () => {
    const doc = currentDocument();
    const model = roundTrip(tinyModel(doc.results!.finishedAt));
    const layer = (model.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers[0];
    layer.config.units = 1e9;
    expectInvalid({ ...roundTrip(doc), trainedModel: model }, 'trainedModel.modelTopology', 'units');
    layer.config.units = 2;
    layer.class_name = 'Lambda';
    expectInvalid({ ...roundTrip(doc), trainedModel: model }, 'layer type Tau Studio does not build');
    const truncated = roundTrip(tinyModel(doc.results!.finishedAt));
    truncated.weightsBase64 = (truncated.weightsBase64 as string).slice(0, 40);
    expectInvalid({ ...roundTrip(doc), trainedModel: truncated }, 'the weights are 30 bytes but the specs describe 248');
  });

  it('drops duplicate and unknown cells with a warning, and repairs duplicate ids', () => {
    const doc = roundTrip(createNotebook());
    const cells = doc.cells as { id: string; type: string }[];
    cells.push({ id: cells[1].id, type: 'dataset' }, { id: 'x1', type: 'spreadsheet' }, { id: cells[0].id, type: 'markdown' });
    const result = validateNotebook(doc);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.cells.filter((c) => c.type === 'dataset')).toHaveLength(1);
    expect(result.value.cells).toHaveLength(SECTION_ORDER.length + 2);
    expect(new Set(result.value.cells.map((c) => c.id)).size).toBe(result.value.cells.length);
    expect(result.warnings.join('\n')).toMatch(/second "dataset".*\n.*unknown type "spreadsheet"/);
  });

  it('migrates the v1 fixture', () => {
    const result = validateNotebook(v1Document());
    if (!result.ok) throw new Error(result.message);
    expect(result.migratedFrom).toBe(1);
    expect(result.value.version).toBe(NOTEBOOK_VERSION);
  });
});

describe('sections added after a document was made', () => {
  it('go in their pipeline place, after the section before them', () => {
    const doc = roundTrip(createNotebook());
    const cells = doc.cells as { id: string; type: string; text?: string }[];
    const missing = SECTION_ORDER[SECTION_ORDER.length - 2];
    doc.cells = cells.filter((c) => c.type !== missing);
    const result = validateNotebook(doc);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.cells.map((c) => c.type)).toEqual(['markdown', ...SECTION_ORDER]);
  });
});
