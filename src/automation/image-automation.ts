import { useStudio } from '../store/studio-store';
import { validateImageSettings, type ImageSettings } from '../data/images/settings';
import type { ImageDatasetSummary } from '../data/images/summary';
import { trainAutomation, type TrainOptions, type TrainOutput } from './train-automation';
import { fail, type AutomationResult } from './result';
import { parseCnnLayers } from '../models/cnn-layers-text';
import type { CnnSpec } from '../models/spec';
import { CNN_PRESETS, type CnnPresetId } from '../train/image-presets';
import { sleep } from '../lib/yield';

/** Runner flags that apply before images are loaded (they decide how images are decoded). */
export interface ImageLoadFlags {
  width?: number;
  height?: number;
  channels?: ImageSettings['channels'];
  classNames?: string[];
  labelColumn?: string;
}

export interface ImageTrainFlags {
  augmentation?: Partial<ImageSettings['augmentation']>;
  /** A CNN preset id or a layer list in the text form of cnn-layers-text.ts. */
  cnn?: string;
}

/** The CNN that --cnn names, or what is wrong with it. */
function cnnFromText(text: string, current: CnnSpec): { ok: true; spec: CnnSpec } | { ok: false; message: string } {
  if (Object.hasOwn(CNN_PRESETS, text)) return { ok: true, spec: structuredClone(CNN_PRESETS[text as CnnPresetId].spec) };
  const parsed = parseCnnLayers(text);
  if (!parsed.ok) return { ok: false, message: `--cnn: ${parsed.message} Or name a preset: ${Object.keys(CNN_PRESETS).join(', ')}.` };
  return { ok: true, spec: { ...current, layers: parsed.layers } };
}

/** What `tau train` learns about an image set before training (also printed by `tau inspect` for images). */
export function imageInspectOutput(summary: ImageDatasetSummary) {
  return {
    kind: summary.kind,
    name: summary.name,
    source: summary.source,
    images: summary.rows,
    width: summary.width,
    height: summary.height,
    channels: summary.channels,
    classes: summary.classes.map((name, i) => ({ name, images: summary.classCounts[i] })),
    skipped: summary.skipped,
    warnings: summary.warnings,
    bytes: summary.bytes,
    loadSeconds: summary.loadSeconds,
  };
}

export type ImageInspectOutput = ReturnType<typeof imageInspectOutput>;

/** Waits for the load the image inputs started; returns the image summary or the load error. */
async function waitForImageDataset(): Promise<AutomationResult<ImageInspectOutput>> {
  const started = Date.now();
  for (;;) {
    const s = useStudio.getState();
    if (!s.imageLoading && (s.dataset?.kind === 'images' || s.loadError)) break;
    if (!s.imageLoading && Date.now() - started > 5000) return fail('no_file', 'No images were given to the app.');
    await sleep(25);
  }
  const { dataset, loadError } = useStudio.getState();
  if (loadError) return fail(loadError.code, loadError.message);
  if (dataset?.kind !== 'images') return fail('no_dataset', 'No images are loaded.');
  return { ok: true, value: imageInspectOutput(dataset) };
}

export const imageAutomation = {
  waitForImageDataset,

  /** Sets size, channels and label options through the same store actions as the image loader's fields. */
  prepareImageLoad(flags: ImageLoadFlags): AutomationResult<null> {
    const store = useStudio.getState();
    const patch: Partial<ImageSettings> = {
      ...(flags.width !== undefined ? { width: flags.width } : {}),
      ...(flags.height !== undefined ? { height: flags.height } : {}),
      ...(flags.channels !== undefined ? { channels: flags.channels } : {}),
    };
    const problem = validateImageSettings({ ...store.notebook.images, ...patch });
    if (problem) return fail('invalid_input', problem);
    store.setImageSettings(patch);
    store.setImageLoadOptions({
      ...(flags.classNames ? { classNames: flags.classNames } : {}),
      ...(flags.labelColumn ? { labelColumn: flags.labelColumn } : {}),
    });
    return { ok: true, value: null };
  },

  /** `tau train` on images: augmentation, then the same training options and JSON as tables. */
  async trainImages(options: TrainOptions & ImageTrainFlags): Promise<AutomationResult<TrainOutput>> {
    const store = useStudio.getState();
    if (store.dataset?.kind !== 'images') return fail('no_dataset', 'Load images before training.');
    if (options.augmentation) {
      const augmentation = { ...store.notebook.images.augmentation, ...options.augmentation };
      const problem = validateImageSettings({ ...store.notebook.images, augmentation });
      if (problem) return fail('invalid_input', problem);
      store.setAugmentation(augmentation);
    }
    if (options.cnn !== undefined) {
      const cnn = cnnFromText(options.cnn, store.notebook.model.cnn);
      if (!cnn.ok) return fail('invalid_input', cnn.message);
      store.setModelSpec(cnn.spec);
    }
    return trainAutomation.train(options);
  },
};
