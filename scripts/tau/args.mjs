// Flag parsing and validation shared by the runner's commands. Usage errors are UserErrors (exit 2).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMANDS, flagsOf } from './flags.mjs';

export class UserError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const BOOLEAN_WORDS = new Map([
  ['true', true],
  ['yes', true],
  ['on', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['off', false],
  ['0', false],
]);

/** Edit distance, for "did you mean" suggestions. */
function distance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known name closest to `name` (a typo or a prefix), or null when none is close.
 * @param {string} name
 * @param {string[]} known
 */
export function closest(name, known) {
  let best = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.startsWith(name) || name.startsWith(candidate) ? 1 : distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

const helpHint = (command) => `Run \`npm run --silent tau -- ${command} --help\` for its options.`;

/**
 * A flag's value checked against its kind; returns what the commands read (a string, or a boolean).
 * @param {string} command
 * @param {import('./flags.mjs').FlagSpec} spec
 * @param {string} value
 */
function checkValue(command, spec, value) {
  const bad = (what) => new UserError('invalid_arguments', `--${spec.name} needs ${what}, got "${value}". ${helpHint(command)}`);
  switch (spec.kind) {
    case 'boolean': {
      const parsed = BOOLEAN_WORDS.get(value.trim().toLowerCase());
      if (parsed === undefined) throw bad('true or false (or no value at all)');
      return parsed;
    }
    case 'number':
      if (value.trim() === '' || !Number.isFinite(Number(value))) throw bad('a number');
      return value;
    case 'integer':
      if (value.trim() === '' || !Number.isInteger(Number(value))) throw bad('a whole number');
      return value;
    case 'oneOf':
      if (!spec.values?.includes(value)) throw bad(`one of ${spec.values?.join(', ')}`);
      return value;
    case 'path':
      if (value.trim() === '') throw bad('a path');
      return value;
    default:
      return value;
  }
}

/**
 * Flags of `command` from argv (after the command name), checked against the table in flags.mjs:
 * unknown flags, missing or malformed values and repeated flags are usage errors (exit 2) that name the
 * flag. Booleans take no value, or an explicit true/false (`--include-split false`, `--retrain=no`).
 * @param {string} command
 * @param {string[]} argv
 * @returns {Record<string, string | boolean>}
 */
export function parseFlags(command, argv) {
  const specs = new Map(flagsOf(command).map((f) => [f.name, f]));
  /** @type {Record<string, string | boolean>} */
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') throw new UserError('invalid_arguments', `Unexpected argument "${arg}": options look like --name value. ${helpHint(command)}`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const spec = specs.get(name);
    if (!spec) {
      const suggestion = closest(name, [...specs.keys()]);
      throw new UserError('invalid_arguments', `Unknown option --${name} for \`tau ${command}\`.${suggestion ? ` Did you mean --${suggestion}?` : ''} ${helpHint(command)}`);
    }
    if (Object.hasOwn(flags, name)) throw new UserError('invalid_arguments', `--${name} is given twice; give it once.`);
    if (spec.kind === 'boolean') {
      if (inline !== undefined) flags[name] = checkValue(command, spec, inline);
      else if (i + 1 < argv.length && BOOLEAN_WORDS.has(argv[i + 1].trim().toLowerCase())) flags[name] = checkValue(command, spec, argv[++i]);
      else flags[name] = true;
      continue;
    }
    let value = inline;
    // A value may start with "-" (--growth -5) but not with "--" (that is the next option).
    if (value === undefined && i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined) throw new UserError('invalid_arguments', `--${name} needs a value${spec.placeholder ? `, e.g. --${name} ${spec.placeholder.split('|')[0]}` : ''}. ${helpHint(command)}`);
    flags[name] = checkValue(command, spec, value);
  }
  return flags;
}

/**
 * What the command line asks for: help (general or one command's), the version, or a command with its
 * checked flags.
 * @param {string[]} argv
 * @returns {{ kind: 'help', command: string | null } | { kind: 'version' } | { kind: 'none' } | { kind: 'command', command: string, flags: Record<string, string | boolean> }}
 */
export function parseArgs(argv) {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'none' };
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    if (topic !== undefined && !Object.hasOwn(COMMANDS, topic)) throw unknownCommand(topic);
    return { kind: 'help', command: topic ?? null };
  }
  if (first === '--version' || first === '-v' || first === 'version') return { kind: 'version' };
  if (!Object.hasOwn(COMMANDS, first)) throw unknownCommand(first);
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', command: first };
  return { kind: 'command', command: first, flags: parseFlags(first, rest) };
}

function unknownCommand(name) {
  const suggestion = closest(name, Object.keys(COMMANDS));
  return new UserError(
    'unknown_command',
    `Unknown command "${name}".${suggestion ? ` Did you mean ${suggestion}?` : ''} Commands: ${Object.keys(COMMANDS).join(', ')}. Run \`npm run --silent tau -- --help\` for usage.`,
  );
}

/** @typedef {Record<string, string | boolean>} Flags */

/** @param {Flags} flags @param {string} name @param {{ integer?: boolean }} [options] */
export function number(flags, name, { integer = false } = {}) {
  if (flags[name] === undefined) return undefined;
  const value = Number(flags[name]);
  if (flags[name] === true || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new UserError('invalid_arguments', `--${name} needs ${integer ? 'a whole number' : 'a number'}, got "${flags[name]}".`);
  }
  return value;
}

/** @param {Flags} flags @param {string} name @returns {string | undefined} */
export function text(flags, name) {
  if (flags[name] === undefined) return undefined;
  if (flags[name] === true) throw new UserError('invalid_arguments', `--${name} needs a value.`);
  return String(flags[name]);
}

/** @param {Flags} flags @param {string} name @param {string[]} allowed @returns {string | undefined} */
export function oneOf(flags, name, allowed) {
  if (flags[name] === undefined) return undefined;
  const value = String(flags[name]);
  if (!allowed.includes(value)) throw new UserError('invalid_arguments', `--${name} must be one of ${allowed.join(', ')}; got "${value}".`);
  return value;
}

/**
 * An existing path given with --<name>, resolved against the working directory.
 * @param {Flags} flags @param {string} name @param {{ allowDirectory?: boolean }} [options]
 * @returns {string | null}
 */
export function existingPath(flags, name, { allowDirectory = false } = {}) {
  const given = text(flags, name);
  if (given === undefined) return null;
  const path = resolve(process.cwd(), given);
  if (!existsSync(path)) throw new UserError('file_not_found', `${given} does not exist. Check the path given with --${name}.`);
  if (!allowDirectory && statSync(path).isDirectory()) throw new UserError('unsupported_data', `${given} is a folder; --${name} needs a file here.`);
  return path;
}

/** A boolean flag: true when given bare or as true/yes/on/1. @param {Flags} flags @param {string} name */
export function bool(flags, name) {
  return flags[name] === true;
}
