import type { Handler } from '../worker-state';
import { searchTable } from '../search-runner';

export const searchHandlers: { search: Handler<'search'> } = {
  async search(job, signal, progress) {
    return searchTable(job, signal, progress, 'auto');
  },
};
