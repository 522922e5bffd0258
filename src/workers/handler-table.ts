/**
 * Every worker call and its handler, merged from the handler modules (one per feature): the one list of
 * call names. The type below fails to compile when a call in protocol.ts has no handler; which calls run
 * beside the TF.js queue is read from the handlers themselves (`concurrent(...)` in worker-state.ts).
 */
import type { CallName } from './protocol';
import { runsConcurrently, type Handler } from './worker-state';
import { tableHandlers } from './handlers/table-handlers';
import { trainHandlers } from './handlers/train-handlers';
import { modelHandlers } from './handlers/model-handlers';
import { imageHandlers } from './handlers/image-handlers';
import { exportHandlers } from './handlers/export-handlers';
import { predictHandlers } from './handlers/predict-handlers';
import { notebookHandlers } from './handlers/notebook-handlers';
import { searchHandlers } from './handlers/search-handlers';

export type HandlerTable = { [K in CallName]: Handler<K> };

export const handlers: HandlerTable = {
  ...tableHandlers,
  ...trainHandlers,
  ...modelHandlers,
  ...imageHandlers,
  ...exportHandlers,
  ...predictHandlers,
  ...notebookHandlers,
  ...searchHandlers,
};

/** Every call name, from the table (not a second list). */
export const CALL_NAMES = Object.keys(handlers) as CallName[];

/** Calls that never touch TensorFlow.js, so they run at once (derived from the handlers' marks). */
export const CONCURRENT_CALLS: ReadonlySet<CallName> = new Set(CALL_NAMES.filter((name) => runsConcurrently(handlers[name])));
