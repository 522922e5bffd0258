/**
 * Turning untrusted notebook text (a link, stored JSON) into a validated document, behind one interface so the
 * page can do it off the main thread. A 25 KB link can unpack to megabytes (a result with 1,000 classes is a
 * 1,000 × 1,000 confusion matrix): inflating, parsing and validating that took ~1.8 s of one main-thread task.
 * Links, and stored notebooks over 256 KB, go to `offThread`; small stored notebooks are parsed at once
 * (store/startup.ts gives the page a dedicated worker, workers/notebook-decode.worker.ts). Plain TypeScript.
 */
import { decodeNotebookLink, type LinkDecoding } from '../share/link-codec';
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
  decodeLink: (text) => Promise.resolve(decodeNotebookLink(text)),
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

/** What the worker does with one request (plain, so Node tests run it without a worker). */
export function handleDecodeRequest(request: DecodeRequest): DecodeResponse {
  try {
    return { id: request.id, result: request.kind === 'link' ? decodeNotebookLink(request.text) : parseStored(request.text) };
  } catch (error) {
    // The decoders return refusals for bad input; anything thrown is a bug, reported as a refusal with its message.
    const message = `It could not be read (${error instanceof Error ? error.message : String(error)}).`;
    return { id: request.id, result: { ok: false, code: 'decode_failed', message, errors: [message] } };
  }
}
