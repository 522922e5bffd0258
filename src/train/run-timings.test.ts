import { describe, expect, it } from 'vitest';
import { RunClock, phasesOf } from './run-timings';

describe('run timings', () => {
  it('orders marks from both threads by the run, names phases between neighbours and keeps the first of each mark', () => {
    const clock = new RunClock();
    clock.mark('call', 1000);
    clock.mark('result', 4000);
    clock.mark('rendered', 4100);
    const worker = new RunClock();
    worker.mark('worker-received', 1010);
    worker.mark('runtime-loaded', 1500);
    worker.mark('backend-ready', 1700);
    worker.mark('prepared', 1800);
    worker.mark('first-batch-start', 1850);
    worker.mark('first-batch', 1900);
    worker.mark('first-batch', 2500); // a later candidate's first batch does not move it
    worker.mark('trained', 3500);
    worker.mark('evaluated', 3900);
    const { phases, totalSeconds, untilFirstBatchSeconds, untilFirstBatchStartSeconds } = phasesOf([...clock.marks, ...worker.marks]);
    expect(phases).toEqual({
      'call→worker-received': 0.01,
      'worker-received→runtime-loaded': 0.49,
      'runtime-loaded→backend-ready': 0.2,
      'backend-ready→prepared': 0.1,
      'prepared→first-batch-start': 0.05,
      'first-batch-start→first-batch': 0.05,
      'first-batch→trained': 1.6,
      'trained→evaluated': 0.4,
      'evaluated→result': 0.1,
      'result→rendered': 0.1,
    });
    expect(totalSeconds).toBe(3.1);
    expect(untilFirstBatchSeconds).toBe(0.9);
    expect(untilFirstBatchStartSeconds).toBe(0.85);
  });

  it('splits the result message from the store update when the page marked its arrival', () => {
    const { phases } = phasesOf([
      { name: 'result', at: 1300 },
      { name: 'call', at: 0 },
      { name: 'received', at: 1100 },
      { name: 'evaluated', at: 1000 },
      { name: 'rendered', at: 1400 },
    ]);
    expect(phases).toEqual({ 'call→evaluated': 1, 'evaluated→received': 0.1, 'received→result': 0.2, 'result→rendered': 0.1 });
  });

  it('skips marks that did not happen and reports no first batch when there was none', () => {
    const { phases, untilFirstBatchSeconds, untilFirstBatchStartSeconds } = phasesOf([
      { name: 'call', at: 0 },
      { name: 'result', at: 500 },
    ]);
    expect(phases).toEqual({ 'call→result': 0.5 });
    expect(untilFirstBatchSeconds).toBeNull();
    expect(untilFirstBatchStartSeconds).toBeNull();
  });
});
