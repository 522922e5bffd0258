import { describe, expect, it } from 'vitest';
import { imageSettings, trainSettings, embeddedModel } from '../notebook/schema/sections';
import { Issues, type Parser } from '../notebook/schema/parsers';
import { DEFAULT_IMAGE_SETTINGS, validateImageSettings } from '../data/images/settings';
import { DEFAULT_TRAIN, validateTrainSettings } from '../train/settings';
import { validateModelSpec } from '../models/spec';
import { checkModelJson } from '../export/validate-bundle';
import { tinyModel } from '../notebook/test-utils/fixtures';
import { IMAGE_CAPS, IMAGE_RANGES, MODEL_RANGES, TRAIN_RANGES } from './limits';

function parse<T>(parser: Parser<T>, value: unknown): { ok: true; value: T } | { ok: false; message: string } {
  const issues = new Issues();
  const out = parser(value, '$', issues);
  return issues.errors.length ? { ok: false, message: issues.errors[0] } : { ok: true, value: out as T };
}

describe('one set of limits: schema, runtime and runner agree', () => {
  it('image size: the schema refuses what the runtime refuses (was 4096 vs 512)', () => {
    const over = { ...DEFAULT_IMAGE_SETTINGS, width: IMAGE_RANGES.size.max + 1 };
    expect(validateImageSettings(over)).not.toBeNull();
    expect(parse(imageSettings, over).ok).toBe(false);
    const edge = { ...DEFAULT_IMAGE_SETTINGS, width: IMAGE_RANGES.size.max };
    expect(validateImageSettings(edge)).toBeNull();
    expect(parse(imageSettings, edge).ok).toBe(true);
  });

  it('shift and rotation: one range (was 1 vs 0.5 and 360 vs 180)', () => {
    for (const augmentation of [
      { horizontalFlip: false, shift: 0.6, rotation: 0 },
      { horizontalFlip: false, shift: 0, rotation: 200 },
    ]) {
      expect(validateImageSettings({ ...DEFAULT_IMAGE_SETTINGS, augmentation })).not.toBeNull();
      expect(parse(imageSettings, { ...DEFAULT_IMAGE_SETTINGS, augmentation }).ok).toBe(false);
    }
  });

  it('a document cannot raise the image safety caps (a link asking for 2^53 gets the cap)', () => {
    const parsed = parse(imageSettings, { ...DEFAULT_IMAGE_SETTINGS, maxTotalBytes: 2 ** 53, maxPixelsPerImage: 2 ** 53 });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value.maxTotalBytes).toBe(IMAGE_CAPS.maxTotalBytes);
    expect(parsed.value.maxPixelsPerImage).toBe(IMAGE_CAPS.maxPixelsPerImage);
    // Lowering is fine.
    const lower = parse(imageSettings, { ...DEFAULT_IMAGE_SETTINGS, maxPixelsPerImage: 1000 });
    expect(lower.ok && lower.value.maxPixelsPerImage).toBe(1000);
    expect(validateImageSettings({ ...DEFAULT_IMAGE_SETTINGS, maxTotalBytes: IMAGE_CAPS.maxTotalBytes + 1 })).toMatch(/cannot be raised/);
  });

  it('training settings: every edge of the table, in the schema and the runtime', () => {
    for (const [key, range] of Object.entries(TRAIN_RANGES) as [keyof typeof TRAIN_RANGES, (typeof TRAIN_RANGES)[keyof typeof TRAIN_RANGES]][]) {
      for (const [value, ok] of [
        [range.min, true],
        [range.max, true],
        [range.max * 2 + 1, false],
        [range.min - 1, false],
      ] as const) {
        const settings = { ...DEFAULT_TRAIN, [key]: value };
        expect(validateTrainSettings(settings) === null, `${key}=${value}`).toBe(ok);
        expect(parse(trainSettings, settings).ok, `${key}=${value} (schema)`).toBe(ok);
      }
    }
  });

  it('model sizes: the runtime check follows the table', () => {
    expect(validateModelSpec({ kind: 'mlp', hidden: [MODEL_RANGES.units.max], activation: 'relu', dropout: 0, l2: 0 })).toBeNull();
    expect(validateModelSpec({ kind: 'mlp', hidden: [MODEL_RANGES.units.max + 1], activation: 'relu', dropout: 0, l2: 0 })).toMatch(/units/);
  });

  it('parameter budget: a link whose 5 KB topology declares 10 billion weights is refused before loading', () => {
    const model = tinyModel('2024-01-01T00:00:00.000Z');
    const layers = (model.modelTopology.config as { layers: { config: Record<string, unknown> }[] }).layers;
    // units × inputs: each under the per-layer cap, the product far over the budget.
    layers[0].config.units = 99_999;
    layers[0].config.batch_input_shape = [null, 99_999];
    const parsed = parse(embeddedModel, model);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/parameters .* at most 67 million/);
  });

  it('parameter budget: an imported bundle gets the same layer checks and budget', () => {
    const topology = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd', units: 99_999, batch_input_shape: [null, 99_999] } }] } };
    const json = { format: 'layers-model', modelTopology: topology, weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'd/kernel', shape: [2, 2], dtype: 'float32' }] }] };
    expect(() => checkModelJson(json)).toThrow(/at most 67 million parameters/);
    const lambda = { ...json, modelTopology: { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Lambda', config: { name: 'l' } }] } } };
    expect(() => checkModelJson(lambda)).toThrow(/layer type Tau Studio does not build \(Lambda\)/);
  });
});

describe('inline data column cap', () => {
  it('refuses a link whose inline CSV has more columns than the table allows, keeps normal ones', async () => {
    const { datasetRef, inlineColumns } = await import('../notebook/schema/sections');
    const { DOCUMENT_LIMITS } = await import('./limits');
    const wide = `${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(19_999)}1\n`;
    expect(inlineColumns(wide)).toBe(20_000);
    const refused = parse(datasetRef, { kind: 'file', name: 'wide.csv', bytes: wide.length, inline: wide });
    expect(!refused.ok && refused.message).toMatch(/20,000 columns.*at most 1,000/);
    const fine = 'a\tb\tc\n1\t2\t3\n';
    expect(inlineColumns(fine)).toBe(3);
    expect(parse(datasetRef, { kind: 'file', name: 'ok.tsv', bytes: fine.length, inline: fine }).ok).toBe(true);
    expect(DOCUMENT_LIMITS.inlineColumns).toBe(1000);
  });
});
