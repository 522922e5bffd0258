// Flag parsing and validation shared by the runner's commands. Usage errors are UserErrors (exit 2).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export class UserError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export function parseArgs(argv) {
  const [command, ...rest] = argv;
  const flags = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) throw new UserError('invalid_arguments', `Unexpected argument "${arg}". Run \`npm run tau -- help\` for usage.`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (eq > 0) flags[name] = arg.slice(eq + 1);
    else if (i + 1 < rest.length && !rest[i + 1].startsWith('--')) flags[name] = rest[++i];
    else flags[name] = true;
  }
  return { command, flags };
}

export function number(flags, name, { integer = false } = {}) {
  if (flags[name] === undefined) return undefined;
  const value = Number(flags[name]);
  if (flags[name] === true || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new UserError('invalid_arguments', `--${name} needs ${integer ? 'a whole number' : 'a number'}, got "${flags[name]}".`);
  }
  return value;
}

export function text(flags, name) {
  if (flags[name] === undefined) return undefined;
  if (flags[name] === true) throw new UserError('invalid_arguments', `--${name} needs a value.`);
  return String(flags[name]);
}

export function oneOf(flags, name, allowed) {
  if (flags[name] === undefined) return undefined;
  if (!allowed.includes(flags[name])) throw new UserError('invalid_arguments', `--${name} must be one of ${allowed.join(', ')}; got "${flags[name]}".`);
  return flags[name];
}

/** An existing path given with --<name>, resolved against the working directory. */
export function existingPath(flags, name, { allowDirectory = false } = {}) {
  const given = text(flags, name);
  if (given === undefined) return null;
  const path = resolve(process.cwd(), given);
  if (!existsSync(path)) throw new UserError('file_not_found', `${given} does not exist. Check the path given with --${name}.`);
  if (!allowDirectory && statSync(path).isDirectory()) throw new UserError('unsupported_data', `${given} is a folder; --${name} needs a file here.`);
  return path;
}
