import { describe, expect, it, vi } from 'vitest';
import { PROGRESS_INTERVAL_MS } from '../settings/limits';
import { ProgressBuffer, throttleBatchProgress } from './progress-throttle';
import type { JobProgress } from './job';

const batch = (epoch: number, b: number, batches = 4): JobProgress => ({ phase: 'training', candidate: 'mlp', epoch, epochs: 2, batch: b, batches });

describe('throttleBatchProgress', () => {
  it('passes a batch update at most every interval, every epoch end, and every other phase', () => {
    let clock = 0;
    const sent: JobProgress[] = [];
    const progress = throttleBatchProgress(
      (p) => sent.push(p),
      100,
      () => clock,
    );
    progress(batch(1, 1)); // first: passes
    clock = 50;
    progress(batch(1, 2)); // too soon: dropped
    progress({ phase: 'evaluating', message: 'x' }); // other phases always pass
    clock = 160;
    progress(batch(1, 3)); // interval elapsed: passes
    clock = 170;
    progress(batch(1, 4)); // last batch of the epoch: passes although too soon
    clock = 180;
    progress(batch(2, 1)); // too soon after the epoch end: dropped
    expect(sent.map((p) => (p.phase === 'training' ? `${p.epoch}.${p.batch}` : p.phase))).toEqual(['1.1', 'evaluating', '1.3', '1.4']);
  });
});

describe('ProgressBuffer', () => {
  it('hands over everything pushed, in order, in one batch per interval, and the rest on flush', async () => {
    vi.useFakeTimers();
    try {
      const batches: number[][] = [];
      const buffer = new ProgressBuffer<number>((b) => batches.push(b));
      buffer.push(1);
      buffer.push(2);
      vi.advanceTimersByTime(PROGRESS_INTERVAL_MS - 1);
      expect(batches).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(batches).toEqual([[1, 2]]);
      buffer.push(3);
      buffer.flush();
      buffer.flush();
      expect(batches).toEqual([[1, 2], [3]]);
      vi.advanceTimersByTime(PROGRESS_INTERVAL_MS * 2);
      expect(batches).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('uses the one interval from the settings table on both sides', () => {
    expect(PROGRESS_INTERVAL_MS).toBeGreaterThan(0);
    let clock = 0;
    const sent: JobProgress[] = [];
    const progress = throttleBatchProgress(
      (p) => sent.push(p),
      undefined,
      () => clock,
    );
    progress(batch(1, 1));
    clock = PROGRESS_INTERVAL_MS - 1;
    progress(batch(1, 2));
    clock = PROGRESS_INTERVAL_MS;
    progress(batch(1, 3));
    expect(sent.map((p) => (p.phase === 'training' ? p.batch : -1))).toEqual([1, 3]);
  });
});
