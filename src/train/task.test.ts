import { describe, expect, it } from 'vitest';
import { profileColumn } from '../data/profile';
import { checkTargetForTask, chooseTask } from './task';

function numeric(name: string, values: number[]) {
  return profileColumn({ name, storage: 'numeric', values: Float64Array.from(values), missing: 0 });
}

describe('chooseTask', () => {
  it('numeric with many distinct values → regression, with a reason naming the column', () => {
    const d = chooseTask(
      numeric(
        'price',
        Array.from({ length: 200 }, (_, i) => i * 1.5),
      ),
    );
    expect(d.task).toBe('regression');
    expect(d.reason).toMatch(/"price" is numeric with 200 distinct values/);
  });
  it('numeric with few distinct values → classification', () => {
    expect(chooseTask(numeric('grade', [1, 2, 3, 1, 2, 3])).task).toBe('classification');
  });
  it('more than 20 distinct non-integers → regression; 150 distinct integers → regression', () => {
    expect(
      chooseTask(
        numeric(
          'x',
          Array.from({ length: 30 }, (_, i) => i + 0.5),
        ),
      ).task,
    ).toBe('regression');
    expect(
      chooseTask(
        numeric(
          'n',
          Array.from({ length: 150 }, (_, i) => i),
        ),
      ).task,
    ).toBe('regression');
    expect(
      chooseTask(
        numeric(
          'n',
          Array.from({ length: 50 }, (_, i) => i),
        ),
      ).task,
    ).toBe('classification');
  });
  it('an explicit choice wins', () => {
    expect(chooseTask(numeric('grade', [1, 2, 3]), 'regression').task).toBe('regression');
    expect(
      chooseTask(
        numeric(
          'price',
          Array.from({ length: 200 }, (_, i) => i * 1.5),
        ),
        'classification',
      ).task,
    ).toBe('classification');
  });
});

describe('checkTargetForTask (regression)', () => {
  it('refuses all-equal targets, naming the column', () => {
    const check = checkTargetForTask(numeric('y', [4, 4, 4]), 'regression');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(/Every value of "y" is 4/);
  });
  it('accepts a numeric column', () => {
    expect(checkTargetForTask(numeric('y', [1, 2, 3]), 'regression').ok).toBe(true);
  });
});
