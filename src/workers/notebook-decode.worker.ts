/// <reference lib="webworker" />
/**
 * A small worker that decodes large notebook links and stored notebooks (inflate, JSON, validation) so the
 * page's main thread stays free. Thin: the work is notebook/session/decoder.ts. Separate from the studio
 * worker, whose thread may be busy starting TensorFlow.js when a link is opened.
 */
import type { DecodeRequest } from '../notebook/session/decoder';
import { handleDecodeRequest } from '../notebook/session/decode-request';
import { toWire } from '../notebook/session/decode-wire';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  // An accepted notebook goes back as JSON text (see toWire): cheaper for the page than a structured clone.
  self.postMessage(toWire(handleDecodeRequest(event.data)));
};
