import type { NotebookCalls } from '../../notebook/calls';
import { setTrained, workerState, type Handlers, concurrent } from '../worker-state';

/** Files above this are not read whole just to hash them (it would double the memory the table uses). */
const HASH_MAX_BYTES = 512 * 1024 * 1024;

export const notebookHandlers: Handlers<NotebookCalls> = {
  'dataset-fingerprint': concurrent(async ({ datasetId, inlineMaxBytes }) => {
    const loaded = workerState.dataset;
    if (!loaded || loaded.summary.id !== datasetId || !loaded.file) return null;
    const file = loaded.file;
    if (file.size > HASH_MAX_BYTES) return { name: file.name, bytes: file.size, sha256: null, text: null };
    const bytes = await file.arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    let text: string | null = null;
    if (file.size <= inlineMaxBytes) {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch (error) {
        // Not UTF-8: such a file is shared by reference (name and SHA-256) instead of inline.
        console.info(`${file.name} is not UTF-8 text (${error instanceof Error ? error.message : String(error)}); it will be shared by reference.`);
      }
    }
    return { name: file.name, bytes: file.size, sha256, text };
  }),

  async 'forget-model'() {
    setTrained(null);
    return null;
  },
};
