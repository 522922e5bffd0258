/**
 * Schema migrations: `MIGRATIONS[v]` turns a version-v document into version v+1. Each works on
 * untrusted raw JSON (the validator runs after all of them), so each only adds or reshapes fields and
 * never assumes a field has the right type. Add one here — with a test — whenever the document changes.
 */
import { NOTEBOOK_FORMAT, NOTEBOOK_VERSION } from './document';
import { isRecord } from './schema/parsers';

type RawDocument = Record<string, unknown>;

export const MIGRATIONS: Record<number, (doc: RawDocument) => RawDocument> = {
  /** v2 added `trainedModel` (small trained weights travel with the document); v1 had none. */
  1: (doc) => ({ ...doc, version: 2, trainedModel: null }),
};

export type MigrationResult = { ok: true; value: RawDocument; from: number } | { ok: false; code: string; message: string };

/** Brings any supported version up to NOTEBOOK_VERSION; refuses other formats and newer versions. */
export function migrateNotebook(raw: unknown): MigrationResult {
  if (!isRecord(raw)) return { ok: false, code: 'not_a_notebook', message: 'This is not a Tau Studio notebook (expected a JSON object).' };
  const format = Object.hasOwn(raw, 'format') ? raw.format : undefined;
  if (format !== NOTEBOOK_FORMAT) {
    return { ok: false, code: 'not_a_notebook', message: `This is not a Tau Studio notebook (format is ${JSON.stringify(format)?.slice(0, 40) ?? 'missing'}, expected "${NOTEBOOK_FORMAT}").` };
  }
  const version = Object.hasOwn(raw, 'version') ? raw.version : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, code: 'bad_version', message: `The notebook's version (${JSON.stringify(version)?.slice(0, 20) ?? 'missing'}) is not a version number.` };
  }
  if (version > NOTEBOOK_VERSION) {
    return {
      ok: false,
      code: 'newer_version',
      message: `This notebook was made by a newer Tau Studio (notebook version ${version}); this one reads versions 1 to ${NOTEBOOK_VERSION}. Open it in an up-to-date Tau Studio.`,
    };
  }
  let doc: RawDocument = raw;
  for (let v = version; v < NOTEBOOK_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, code: 'bad_version', message: `No migration from notebook version ${v}; this build cannot read it.` };
    doc = step(doc);
  }
  return { ok: true, value: doc, from: version };
}
