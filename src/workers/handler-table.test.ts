import { describe, expect, expectTypeOf, it } from 'vitest';
import { CALL_NAMES, CONCURRENT_CALLS, handlers, type HandlerTable } from './handler-table';
import type { CallName, TableCalls } from './protocol';
import { concurrent, runsConcurrently, type Handler, type Handlers } from './worker-state';

describe('the worker handler table (the one list of call names)', () => {
  it('has exactly one handler per call of the protocol (a call without a handler does not compile)', () => {
    expectTypeOf<keyof HandlerTable>().toEqualTypeOf<CallName>();
    expectTypeOf(handlers).toEqualTypeOf<HandlerTable>();
    // A handler module typed Handlers<Calls> must name every call of its Calls: a missing one is a type error.
    // @ts-expect-error 'rows' is missing
    const incomplete: Handlers<TableCalls> = { 'load-table': handlers['load-table'] };
    void incomplete;
    expect(new Set(CALL_NAMES).size).toBe(CALL_NAMES.length);
    expect(CALL_NAMES).toContain('train');
  });

  it('reads which calls skip the TF.js queue from the handlers themselves, so a new call needs no second edit', () => {
    expect([...CONCURRENT_CALLS].sort()).toEqual(['dataset-fingerprint', 'image-pixels', 'image-samples', 'load-images', 'load-table', 'probe-backends', 'rows', 'run-timings']);
    for (const name of ['train', 'predict-record', 'load-model', 'search'] as const) expect(CONCURRENT_CALLS.has(name)).toBe(false);
    const plain: Handler<'rows'> = async () => [];
    const marked = concurrent<'rows'>(async () => []);
    expect([runsConcurrently(plain), runsConcurrently(marked)]).toEqual([false, true]);
  });
});
