import { DataError } from '../../lib/errors';
import { workerState, type Handler } from '../worker-state';
import { searchTable } from '../search-runner';

export const searchHandlers: { search: Handler<'search'> } = {
  async search(job, signal, progress) {
    if (workerState.images) throw new DataError('model_mismatch', 'Model search works on tables; for images train the CNN.');
    return searchTable(job, signal, progress, 'auto');
  },
};
