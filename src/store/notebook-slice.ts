import type { ModelChoice, ModelSpec } from '../models/spec';
import type { PrepareSettings } from '../preprocess/settings';
import { canBeFeature, includedByDefault } from '../preprocess/settings';
import { withFeaturesIncluded } from '../preprocess/bulk-features';
import type { TrainSettings } from '../train/settings';
import type { RevenueInputs } from '../revenue';
import { createNotebook, newId, type NotebookDocument } from '../notebook/document';
import type { SliceCreator, StudioStore } from './types';

export interface NotebookSlice {
  notebook: NotebookDocument;
  /** Applies `update` to the document and stamps updatedAt; every document change goes through here. */
  updateNotebook(update: (doc: NotebookDocument) => NotebookDocument): void;
  replaceNotebook(doc: NotebookDocument): void;
  setTitle(title: string): void;
  setPrepare(patch: Partial<PrepareSettings>): void;
  setFeatureIncluded(name: string, include: boolean): void;
  /** Includes or excludes every column (`names` null) or the columns named, in one change. */
  setFeaturesIncluded(names: readonly string[] | null, include: boolean): void;
  setModelChoice(choice: ModelChoice): void;
  setModelSpec(spec: ModelSpec): void;
  setTraining(patch: Partial<TrainSettings>): void;
  setRevenue(inputs: RevenueInputs): void;
  addNote(afterCellId: string): void;
  updateNote(id: string, text: string): void;
  removeNote(id: string): void;
}

export const createNotebookSlice: SliceCreator<NotebookSlice> = (set, get) => {
  const updateNotebook = (update: (doc: NotebookDocument) => NotebookDocument) => set((state: StudioStore) => ({ notebook: { ...update(state.notebook), updatedAt: new Date().toISOString() } }));
  return {
    notebook: createNotebook(),
    updateNotebook,
    replaceNotebook: (doc) => set({ notebook: doc }),
    setTitle: (title) => updateNotebook((doc) => ({ ...doc, title })),
    setPrepare: (patch) => updateNotebook((doc) => ({ ...doc, prepare: { ...doc.prepare, ...patch } })),
    setFeatureIncluded(name, include) {
      const dataset = get().dataset;
      const profile = dataset?.kind === 'table' ? dataset.profiles.find((p) => p.name === name) : undefined;
      if (profile && include && !canBeFeature(profile).ok) return;
      updateNotebook((doc) => {
        const others = doc.prepare.featureOverrides.filter((o) => o.name !== name);
        const isDefault = profile ? includedByDefault(profile, doc.prepare) === include : false;
        return { ...doc, prepare: { ...doc.prepare, featureOverrides: isDefault ? others : [...others, { name, include }] } };
      });
    },
    setFeaturesIncluded(names, include) {
      const dataset = get().dataset;
      if (dataset?.kind !== 'table') return;
      const only = names === null ? null : new Set(names);
      updateNotebook((doc) => ({ ...doc, prepare: { ...doc.prepare, featureOverrides: withFeaturesIncluded(dataset.profiles, doc.prepare, only, include) } }));
    },
    setModelChoice: (choice) => updateNotebook((doc) => ({ ...doc, model: { ...doc.model, choice } })),
    setModelSpec: (spec) => updateNotebook((doc) => ({ ...doc, model: { ...doc.model, [spec.kind]: spec } })),
    setTraining: (patch) => updateNotebook((doc) => ({ ...doc, training: { ...doc.training, ...patch } })),
    setRevenue: (inputs) => updateNotebook((doc) => ({ ...doc, revenue: inputs })),
    addNote(afterCellId) {
      updateNotebook((doc) => {
        const index = doc.cells.findIndex((c) => c.id === afterCellId);
        const cells = [...doc.cells];
        cells.splice(index + 1, 0, { id: newId('cell'), type: 'markdown', text: '' });
        return { ...doc, cells };
      });
    },
    updateNote: (id, text) => updateNotebook((doc) => ({ ...doc, cells: doc.cells.map((c) => (c.id === id && c.type === 'markdown' ? { ...c, text } : c)) })),
    removeNote: (id) => updateNotebook((doc) => ({ ...doc, cells: doc.cells.filter((c) => c.id !== id) })),
  };
};
