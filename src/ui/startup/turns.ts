/**
 * Deferred parts of the page (`AfterStartup`) are revealed one at a time, each in its own commit (issue 13:
 * the main thread is never blocked for over a second; issue 19, 4b). Revealed together, every section below
 * the first one, the revenue panel with its recharts charts and decimal projections made one React commit
 * of 0.5–2.2 s after start-up (trace, round 6): a transition yields between components while it renders,
 * but its commit (DOM insertion, layout effects, recharts' store updates inside them) is one task. In turns,
 * each part commits alone and the browser gets a task in between.
 *
 * A turn ends when its holder calls `finish()` (its content committed, or it went away), or after
 * `TURN_LIMIT_MS` (a chunk that never loads must not hold back the rest of the page).
 */

import { sleep } from '../../lib/yield';

/** The longest one part may hold its turn. */
export const TURN_LIMIT_MS = 3000;

let chain: Promise<void> = Promise.resolve();
let queued = 0;

/**
 * Waits for this part's turn: resolves with `finish`, to call once its content has committed (idempotent).
 * Turns are given in the order they were asked for.
 */
export function takeTurn(): Promise<() => void> {
  queued++;
  let release: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    release = resolve;
  });
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    queued--;
    release();
  };
  const turn = chain.then(() => {
    setTimeout(finish, TURN_LIMIT_MS);
    return finish;
  });
  // A macrotask between two parts' commits: the browser may paint and handle input.
  chain = turn.then(() => ended).then(() => sleep(0));
  return turn;
}

/** Whether parts are still waiting for or holding a turn: a new part then queues behind them. */
export function turnsPending(): boolean {
  return queued > 0;
}
