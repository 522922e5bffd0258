import { describe, expect, it } from 'vitest';
import { errorMessage } from './errors';
import { formatBytes } from './format';

describe('formatBytes', () => {
  it('formats byte counts in binary units', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(1024 ** 2), formatBytes(2 * 1024 ** 3), formatBytes(300 * 1024 ** 2)]).toEqual(['512 B', '1.5 KiB', '1 MiB', '2 GiB', '300 MiB']);
  });

  it('never prints NaN or negative sizes', () => {
    expect([formatBytes(Number.NaN), formatBytes(-1), formatBytes(Number.POSITIVE_INFINITY)]).toEqual(['—', '—', '—']);
  });
});

describe('errorMessage', () => {
  it('reads the message of anything thrown', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('text')).toBe('text');
  });
});
