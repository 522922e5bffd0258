import { create } from 'zustand';
import { createDatasetSlice } from './dataset-slice';
import { createNotebookSlice } from './notebook-slice';
import { createTrainingSlice } from './training-slice';
import { createImagesSlice } from './images-slice';
import { createModelsSlice } from './models-slice';
import { createPredictionSlice } from './prediction-slice';
import { createPersistenceSlice } from './persistence-slice';
import { createSharingSlice } from './sharing-slice';
import { createSearchSlice } from './search-slice';
import type { StudioStore } from './types';

export type { StudioStore } from './types';
export { worker } from './worker-access';

/** A store made of every slice (tests make fresh ones; the page uses `useStudio`). */
export const createStudioStore = () =>
  create<StudioStore>()((...args) => ({
    ...createNotebookSlice(...args),
    ...createDatasetSlice(...args),
    ...createTrainingSlice(...args),
    ...createImagesSlice(...args),
    ...createModelsSlice(...args),
    ...createPredictionSlice(...args),
    ...createPersistenceSlice(...args),
    ...createSharingSlice(...args),
    ...createSearchSlice(...args),
  }));

/** The studio's single store: slices combined once. */
export const useStudio = createStudioStore();
