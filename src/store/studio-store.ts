import { create } from 'zustand';
import { createDatasetSlice } from './dataset-slice';
import { createNotebookSlice } from './notebook-slice';
import { createTrainingSlice } from './training-slice';
import type { StudioStore } from './types';

export type { StudioStore } from './types';
export { worker } from './worker-access';

/** The studio's single store: slices combined once. */
export const useStudio = create<StudioStore>()((...args) => ({
  ...createNotebookSlice(...args),
  ...createDatasetSlice(...args),
  ...createTrainingSlice(...args),
}));
