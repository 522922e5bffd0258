import { describe, expect, it } from 'vitest';
import { throttleBatchProgress } from './progress-throttle';
import type { JobProgress } from '../train/job';

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
