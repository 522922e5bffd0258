/**
 * Turning untrusted notebook text (a link, stored JSON) into a validated document, behind one interface so the
 * page can do it off the main thread. A 25 KB link can unpack to megabytes (a result with 1,000 classes is a
 * 1,000 × 1,000 confusion matrix): inflating, parsing and validating that took ~1.8 s of one main-thread task.
 * Links, and stored notebooks over 256 KB, go to `offThread`; small stored notebooks are parsed at once
 * (store/startup.ts gives the page a dedicated worker, workers/notebook-decode.worker.ts). Plain TypeScript.
 */
import type { LinkDecoding } from '../share/link-codec';
import { validateNotebook, type NotebookValidation } from '../validate';

export interface NotebookDecoder {
  decodeLink(text: string): Promise<LinkDecoding>;
  parseStored(json: string): Promise<NotebookValidation>;
}

/** Stored text is untrusted too (another version, a damaged disk): a parse error becomes a refusal, never a crash. */
export function parseStored(json: string): NotebookValidation {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const message = `its stored text is damaged (${error instanceof Error ? error.message : String(error)}).`;
    return { ok: false, code: 'notebook_damaged', message, errors: [message] };
  }
  return validateNotebook(value);
}

/** Decodes on the calling thread (Node tests, and the fallback when no worker can start). */
export const inlineDecoder: NotebookDecoder = {
  // Loaded for a link only: the link decoder brings fflate, whose tables cost start-up time on every page.
  decodeLink: async (text) => (await import('../share/link-codec')).decodeNotebookLink(text),
  parseStored: (json) => Promise.resolve(parseStored(json)),
};

/** Notebook JSON up to this size is decoded on the page at once (a few milliseconds); larger goes off-thread. */
export const INLINE_DECODE_BYTES = 256 * 1024;

/**
 * Links always through `offThread`: their size says nothing about what they unpack to (25 KB of link held
 * ~4 MB of JSON), and inflating even the first 256 KB on the page took ~1 s there, because the capped inflater
 * works a compressed piece at a time. Stored JSON is handed over by its length; small notebooks (every start
 * reopens one) are parsed at once, without starting the worker.
 */
export function splitDecoder(offThread: NotebookDecoder, inlineBytes = INLINE_DECODE_BYTES): NotebookDecoder {
  return {
    decodeLink: (text) => offThread.decodeLink(text),
    parseStored(json) {
      // UTF-16 code units: at most 3 bytes each in UTF-8, at least 1.
      return json.length <= inlineBytes ? Promise.resolve(parseStored(json)) : offThread.parseStored(json);
    },
  };
}

/** The messages between the page and the decode worker. */
export type DecodeRequest = { id: number; kind: 'link' | 'stored'; text: string };
export type DecodeResponse = { id: number; result: LinkDecoding | NotebookValidation };
