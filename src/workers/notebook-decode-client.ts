/**
 * The page's side of the notebook decode worker: a NotebookDecoder whose large inputs are decoded in
 * notebook-decode.worker.ts (started on first need, so the usual small notebook never starts it). If the worker
 * cannot start or fails, that request is decoded on the page instead (slower, never lost).
 */
import { inlineDecoder, splitDecoder, type DecodeRequest, type DecodeResponse, type NotebookDecoder } from '../notebook/session/decoder';
import { fromWire, type DecodeWire } from '../notebook/session/decode-wire';
import type { LinkDecoding } from '../notebook/share/link-codec';
import type { NotebookValidation } from '../notebook/validate';

interface Pending {
  request: DecodeRequest;
  resolve(result: DecodeResponse['result']): void;
}

class WorkerDecoder implements NotebookDecoder {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  decodeLink(text: string): Promise<LinkDecoding> {
    return this.send('link', text);
  }

  parseStored(json: string): Promise<NotebookValidation> {
    return this.send('stored', json) as Promise<NotebookValidation>;
  }

  private send(kind: DecodeRequest['kind'], text: string): Promise<DecodeResponse['result']> {
    const request: DecodeRequest = { id: this.nextId++, kind, text };
    return new Promise((resolve) => {
      this.pending.set(request.id, { request, resolve });
      try {
        this.start().postMessage(request);
      } catch (error) {
        this.fail(error);
      }
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./notebook-decode.worker.ts', import.meta.url), { type: 'module', name: 'tau-notebook-decode' });
    worker.onmessage = (event: MessageEvent<DecodeWire>) => {
      const pending = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      if (!pending) return;
      let response: DecodeResponse;
      try {
        response = fromWire(event.data);
      } catch (error) {
        // Text the worker made from a document it validated always parses; if not, decode on the page.
        this.pending.set(event.data.id, pending);
        this.fail(error);
        return;
      }
      pending.resolve(response.result);
    };
    worker.onerror = (event) => this.fail(event.message);
    this.worker = worker;
    return worker;
  }

  /** The worker is gone: every waiting request is decoded on the page, and the next one starts a new worker. */
  private fail(reason: unknown): void {
    console.warn('The notebook decode worker failed; decoding on the page instead.', reason);
    this.worker?.terminate();
    this.worker = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { request, resolve } of waiting) {
      void (request.kind === 'link' ? inlineDecoder.decodeLink(request.text) : inlineDecoder.parseStored(request.text)).then(resolve);
    }
  }
}

/** Small links and notebooks decode at once; larger ones in the worker. */
export function notebookDecoder(): NotebookDecoder {
  return typeof Worker === 'undefined' ? inlineDecoder : splitDecoder(new WorkerDecoder());
}
