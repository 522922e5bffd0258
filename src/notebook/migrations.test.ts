import { describe, expect, it } from 'vitest';
import { NOTEBOOK_VERSION } from './document';
import { migrateNotebook, MIGRATIONS } from './migrations';
import { v1Document } from './test-utils/fixtures';

describe('notebook migrations', () => {
  it('has one step for every older version', () => {
    for (let v = 1; v < NOTEBOOK_VERSION; v++) expect(typeof MIGRATIONS[v]).toBe('function');
  });

  it('v1 → v2 adds an empty trainedModel and changes nothing else', () => {
    const v1 = v1Document();
    const v2 = MIGRATIONS[1](v1);
    expect(v2.version).toBe(2);
    expect(v2.trainedModel).toBeNull();
    const { version: _a, trainedModel: _b, ...rest2 } = v2;
    const { version: _c, ...rest1 } = v1;
    void [_a, _b, _c];
    expect(rest2).toEqual(rest1);
    expect(v1.version).toBe(1);
  });

  it('v1 → v2 tolerates a damaged v1 document (validation comes after)', () => {
    expect(MIGRATIONS[1]({ format: 'tau-notebook', version: 1, results: 'garbage' })).toEqual({ format: 'tau-notebook', version: 2, results: 'garbage', trainedModel: null });
  });

  it('runs the chain from the stated version and reports it', () => {
    const migrated = migrateNotebook(v1Document());
    expect(migrated.ok && migrated.from).toBe(1);
    expect(migrated.ok && migrated.value.version).toBe(NOTEBOOK_VERSION);
    const current = migrateNotebook({ format: 'tau-notebook', version: NOTEBOOK_VERSION });
    expect(current.ok && current.from).toBe(NOTEBOOK_VERSION);
  });

  it('refuses versions it cannot read', () => {
    for (const version of [0, -1, 1.5, '1', null]) {
      const result = migrateNotebook({ format: 'tau-notebook', version });
      expect(result.ok).toBe(false);
    }
    const newer = migrateNotebook({ format: 'tau-notebook', version: NOTEBOOK_VERSION + 1 });
    expect(!newer.ok && newer.code).toBe('newer_version');
  });
});
