import type { BatchPrediction, ImagePrediction, InferencePrecision, RecordPrediction } from '../predict/batch';
import type { WorkerFailure } from '../workers/protocol';
import type { SliceCreator } from './types';
import { failureOf, worker } from './worker-access';

export interface PredictionSlice {
  formPrediction: RecordPrediction | null;
  formError: WorkerFailure | null;
  batch: BatchPrediction | null;
  batchLoading: string | null;
  batchError: WorkerFailure | null;
  imagePredictions: ImagePrediction[] | null;
  imagesLoading: boolean;
  imagesError: WorkerFailure | null;
  /** One row from the form ([column, value] pairs; null = missing). Stale answers are dropped. */
  predictRecord(values: [string, string | null][]): Promise<RecordPrediction | null>;
  /** `precision`: opt-in WebGPU kernel inference (float16 where the adapter offers shader-f16). */
  predictCsv(file: File, precision?: InferencePrecision): Promise<BatchPrediction | null>;
  predictImages(files: File[]): Promise<ImagePrediction[] | null>;
  resetPredictions(): void;
}

export const createPredictionSlice: SliceCreator<PredictionSlice> = (set) => {
  let formSequence = 0;
  return {
    formPrediction: null,
    formError: null,
    batch: null,
    batchLoading: null,
    batchError: null,
    imagePredictions: null,
    imagesLoading: false,
    imagesError: null,

    async predictRecord(values) {
      const sequence = ++formSequence;
      try {
        const prediction = await worker().call('predict-record', { values }).promise;
        if (sequence === formSequence) set({ formPrediction: prediction, formError: null });
        return prediction;
      } catch (error) {
        if (sequence === formSequence) set({ formError: failureOf(error) });
        return null;
      }
    },

    async predictCsv(file, precision) {
      set({ batchLoading: file.name, batchError: null });
      try {
        const batch = await worker().call('predict-csv', { file, name: file.name, ...(precision && precision !== 'float32' ? { precision } : {}) }).promise;
        // The previous results stay until the new ones are complete.
        set({ batch, batchLoading: null });
        return batch;
      } catch (error) {
        set({ batchError: failureOf(error), batchLoading: null });
        return null;
      }
    },

    async predictImages(files) {
      set({ imagesLoading: true, imagesError: null });
      try {
        const predictions = await worker().call('predict-images', { files: files.map((f) => ({ name: f.name, blob: f })) }).promise;
        set({ imagePredictions: predictions, imagesLoading: false });
        return predictions;
      } catch (error) {
        set({ imagesError: failureOf(error), imagesLoading: false });
        return null;
      }
    },

    resetPredictions() {
      formSequence++;
      set({ formPrediction: null, formError: null, batch: null, batchError: null, imagePredictions: null, imagesError: null });
    },
  };
};
