import type { StateCreator } from 'zustand';
import type { DatasetSlice } from './dataset-slice';
import type { NotebookSlice } from './notebook-slice';
import type { TrainingSlice } from './training-slice';
import type { ImagesSlice } from './images-slice';
import type { ModelsSlice } from './models-slice';
import type { PredictionSlice } from './prediction-slice';
import type { PersistenceSlice } from './persistence-slice';
import type { SharingSlice } from './sharing-slice';
import type { SearchSlice } from './search-slice';

/**
 * The one studio store, combined from slices. Each slice declares its state and actions and writes only
 * its own keys; the notebook document (NotebookSlice.notebook) is the source of truth they all read.
 * A new feature adds its slice type here and its creator in studio-store.ts.
 */
export type StudioStore = NotebookSlice & DatasetSlice & TrainingSlice & ImagesSlice & ModelsSlice & PredictionSlice & PersistenceSlice & SharingSlice & SearchSlice;

export type SliceCreator<T> = StateCreator<StudioStore, [], [], T>;
