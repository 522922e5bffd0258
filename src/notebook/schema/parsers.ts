/**
 * Tiny parser combinators for untrusted JSON (links, imported files, IndexedDB). Every parser copies
 * what it accepts into fresh objects, so unknown keys — `__proto__` and `constructor` included — are
 * never carried over. A value that is present but wrong records an error with its path; an absent
 * optional field takes its default (excalidraw's restore pattern: supplied ?? default, never crash).
 */

export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

export class Issues {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  /** Stop collecting after this many, so a hostile document cannot make a million messages. */
  constructor(private readonly maxErrors = 20) {}
  fail(path: string, message: string): Invalid {
    if (this.errors.length < this.maxErrors) this.errors.push(`${path || 'document'}: ${message}`);
    return INVALID;
  }
  warn(path: string, message: string): void {
    if (this.warnings.length < this.maxErrors) this.warnings.push(`${path || 'document'}: ${message}`);
  }
}

export type Parser<T> = (value: unknown, path: string, issues: Issues) => T | Invalid;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property only: `value.__proto__` or inherited names never count as present. */
export function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? `a list of ${value.length}` : typeof value === 'string' ? `text of ${value.length} characters` : typeof value;

export function string({ max, min = 0, pattern, hint }: { max: number; min?: number; pattern?: RegExp; hint?: string }): Parser<string> {
  return (value, path, issues) => {
    if (typeof value !== 'string') return issues.fail(path, `expected text, got ${describe(value)}`);
    if (value.length > max) return issues.fail(path, `text of ${value.length.toLocaleString('en-US')} characters is longer than the ${max.toLocaleString('en-US')} allowed`);
    if (value.length < min) return issues.fail(path, `text must have at least ${min} character${min === 1 ? '' : 's'}`);
    if (pattern && !pattern.test(value)) return issues.fail(path, hint ?? `"${value.slice(0, 60)}" has the wrong form`);
    return value;
  };
}

export function number({ min = -Infinity, max = Infinity, integer = false }: { min?: number; max?: number; integer?: boolean } = {}): Parser<number> {
  return (value, path, issues) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return issues.fail(path, `expected a finite number, got ${describe(value)}`);
    if (integer && !Number.isInteger(value)) return issues.fail(path, `expected a whole number, got ${value}`);
    if (value < min || value > max) return issues.fail(path, `${value} is outside ${min} to ${max}`);
    return value;
  };
}

/**
 * A measured number that may legitimately be NaN (JSON.stringify writes NaN as null), e.g. a metric
 * with nothing to average. null comes back as NaN; the UI prints it as "—".
 */
export const measure: Parser<number> = (value, path, issues) => {
  if (value === null) return NaN;
  if (typeof value !== 'number' || !Number.isFinite(value)) return issues.fail(path, `expected a number, got ${describe(value)}`);
  return value;
};

export const boolean: Parser<boolean> = (value, path, issues) => (typeof value === 'boolean' ? value : issues.fail(path, `expected true or false, got ${describe(value)}`));

export function oneOf<const T extends string | number>(allowed: readonly T[]): Parser<T> {
  return (value, path, issues) =>
    (allowed as readonly unknown[]).includes(value) ? (value as T) : issues.fail(path, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)?.slice(0, 40) ?? describe(value)}`);
}

export function nullable<T>(parser: Parser<T>): Parser<T | null> {
  return (value, path, issues) => (value === null ? null : parser(value, path, issues));
}

export function array<T>(item: Parser<T>, { max, min = 0 }: { max: number; min?: number }): Parser<T[]> {
  return (value, path, issues) => {
    if (!Array.isArray(value)) return issues.fail(path, `expected a list, got ${describe(value)}`);
    if (value.length > max) return issues.fail(path, `has ${value.length.toLocaleString('en-US')} entries; at most ${max.toLocaleString('en-US')} are allowed`);
    if (value.length < min) return issues.fail(path, `needs at least ${min} entries, has ${value.length}`);
    const out: T[] = [];
    let ok = true;
    for (let i = 0; i < value.length; i++) {
      const parsed = item(value[i], `${path}[${i}]`, issues);
      if (parsed === INVALID) {
        ok = false;
        // One bad entry is enough to reject; do not walk a huge list of bad ones.
        break;
      }
      out.push(parsed);
    }
    return ok ? out : INVALID;
  };
}

/** A field of an object: its parser, and what to use when it is absent (no default = required). */
export interface Field<T> {
  parse: Parser<T>;
  /** Called when the key is absent (or undefined). `undefined` result on an optional field omits the key. */
  missing?: () => T;
  /** Omit the key from the output when absent (for `field?:` properties). */
  optional?: boolean;
}

export const required = <T>(parse: Parser<T>): Field<T> => ({ parse });
export const withDefault = <T>(parse: Parser<T>, fallback: () => T): Field<T> => ({ parse, missing: fallback });
export const optional = <T>(parse: Parser<T>): Field<T | undefined> => ({ parse: parse as Parser<T | undefined>, optional: true });

type Shape<T> = { [K in keyof T]-?: Field<T[K]> };

/** A plain object with exactly these keys; anything else in the input is dropped. */
export function object<T>(shape: Shape<T>): Parser<T> {
  return (value, path, issues) => {
    if (!isRecord(value)) return issues.fail(path, `expected an object, got ${describe(value)}`);
    const entries: [string, unknown][] = [];
    let ok = true;
    for (const key of Object.keys(shape) as (keyof T & string)[]) {
      const field = shape[key];
      const given = own(value, key);
      const fieldPath = path ? `${path}.${key}` : key;
      if (given === undefined) {
        if (field.optional) continue;
        if (field.missing) {
          entries.push([key, field.missing()]);
          continue;
        }
        issues.fail(fieldPath, 'is missing');
        ok = false;
        continue;
      }
      const parsed = field.parse(given, fieldPath, issues);
      if (parsed === INVALID) ok = false;
      else if (!(field.optional && parsed === undefined)) entries.push([key, parsed]);
    }
    // fromEntries defines properties, so even a hostile key could never reach a prototype.
    return ok ? (Object.fromEntries(entries) as T) : INVALID;
  };
}

/** A tagged union: the tag's value picks the parser. */
export function union<T>(tag: string, variants: Record<string, Parser<T>>): Parser<T> {
  return (value, path, issues) => {
    if (!isRecord(value)) return issues.fail(path, `expected an object, got ${describe(value)}`);
    const kind = own(value, tag);
    const variant = typeof kind === 'string' && Object.hasOwn(variants, kind) ? variants[kind] : undefined;
    if (!variant) return issues.fail(path ? `${path}.${tag}` : tag, `expected one of ${Object.keys(variants).join(', ')}, got ${JSON.stringify(kind) ?? 'nothing'}`);
    return variant(value, path, issues);
  };
}

/** Adds a whole-value check (cross-field rules) after parsing. */
export function refine<T>(parser: Parser<T>, check: (value: T) => string | null): Parser<T> {
  return (value, path, issues) => {
    const parsed = parser(value, path, issues);
    if (parsed === INVALID) return INVALID;
    const problem = check(parsed);
    return problem ? issues.fail(path, problem) : parsed;
  };
}

/**
 * A record keyed by user data (class names). Built on a null prototype with defineProperty, so a key
 * such as `__proto__` is an ordinary entry and a missing key never resolves to an Object member.
 */
export function dictionary<T>(item: Parser<T>, { maxKeys, maxKeyLength }: { maxKeys: number; maxKeyLength: number }): Parser<Record<string, T>> {
  return (value, path, issues) => {
    if (!isRecord(value)) return issues.fail(path, `expected an object, got ${describe(value)}`);
    const keys = Object.keys(value);
    if (keys.length > maxKeys) return issues.fail(path, `has ${keys.length.toLocaleString('en-US')} entries; at most ${maxKeys} are allowed`);
    const out = Object.create(null) as Record<string, T>;
    for (const key of keys) {
      if (key.length > maxKeyLength) return issues.fail(path, `a key is longer than ${maxKeyLength} characters`);
      const parsed = item(value[key], `${path}[${JSON.stringify(key.slice(0, 40))}]`, issues);
      if (parsed === INVALID) return INVALID;
      Object.defineProperty(out, key, { value: parsed, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Arbitrary JSON (a model topology), copied with caps on depth and size. Prototype-related keys are
 * dropped (topologies never use them) so the copy is safe to hand to any library.
 */
export function jsonValue({ maxDepth, maxNodes }: { maxDepth: number; maxNodes: number }): Parser<unknown> {
  return (value, path, issues) => {
    let nodes = 0;
    const copy = (v: unknown, depth: number): unknown => {
      if (++nodes > maxNodes) throw new RangeError(`has more than ${maxNodes.toLocaleString('en-US')} values`);
      if (depth > maxDepth) throw new RangeError(`is nested deeper than ${maxDepth} levels`);
      if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw new RangeError('contains a number that is not finite');
        return v;
      }
      if (Array.isArray(v)) return v.map((x) => copy(x, depth + 1));
      if (isRecord(v))
        return Object.fromEntries(
          Object.keys(v)
            .filter((k) => !FORBIDDEN_KEYS.has(k))
            .map((k) => [k, copy(v[k], depth + 1)]),
        );
      throw new RangeError(`contains a ${typeof v}, which JSON cannot hold`);
    };
    try {
      return copy(value, 0);
    } catch (error) {
      if (error instanceof RangeError) return issues.fail(path, error.message);
      throw error;
    }
  };
}
