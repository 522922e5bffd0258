/**
 * validateNotebook: the one gate every document passes through when it comes from outside the running
 * app (a link, an imported file, IndexedDB). It migrates old versions, checks every field's type and
 * range, drops unknown keys, fills absent optional fields from defaults, and never throws.
 */
import { coerceRevenueInputs } from '../revenue/defaults';
import type { RevenueInputs } from '../revenue/types';
import { createNotebook, newId, NOTEBOOK_FORMAT, NOTEBOOK_VERSION, SECTION_ORDER, type NotebookCell, type NotebookDocument, type SectionId } from './document';
import { migrateNotebook } from './migrations';
import { array, INVALID, isRecord, Issues, nullable, object, oneOf, optional, own, required, string, withDefault, type Parser } from './schema/parsers';
import { runList } from './schema/runs';
import { datasetRef, embeddedModel, imageSettings, LIMITS, modelSection, prepareSettings, trainingResult, trainSettings } from './schema/sections';

export type NotebookValidation = { ok: true; value: NotebookDocument; warnings: string[]; migratedFrom: number } | { ok: false; code: string; message: string; errors: string[] };

const cellId = string({ max: 100, min: 1, pattern: /^[A-Za-z0-9_-]+$/, hint: 'expected a cell id of letters, digits, - and _' });

/** Cells in order; unknown cell types are dropped with a warning (a newer app may add sections). */
const cells: Parser<NotebookCell[]> = (value, path, issues) => {
  const list = array((v: unknown) => v, { max: LIMITS.cells })(value, path, issues);
  if (list === INVALID) return INVALID;
  const out: NotebookCell[] = [];
  const seenIds = new Set<string>();
  const seenSections = new Set<SectionId>();
  for (let i = 0; i < list.length; i++) {
    const raw = list[i];
    const at = `${path}[${i}]`;
    if (!isRecord(raw)) return issues.fail(at, 'expected an object');
    const type = own(raw, 'type');
    let id = cellId(own(raw, 'id') ?? newId('cell'), `${at}.id`, issues);
    if (id === INVALID) return INVALID;
    if (seenIds.has(id)) id = newId('cell');
    seenIds.add(id);
    if (type === 'markdown') {
      const text = string({ max: LIMITS.noteText })(own(raw, 'text') ?? '', `${at}.text`, issues);
      if (text === INVALID) return INVALID;
      out.push({ id, type: 'markdown', text });
    } else if (typeof type === 'string' && (SECTION_ORDER as string[]).includes(type)) {
      const section = type as SectionId;
      if (seenSections.has(section)) {
        issues.warn(at, `a second "${section}" section was dropped`);
        continue;
      }
      seenSections.add(section);
      out.push({ id, type: section });
    } else {
      issues.warn(at, `a cell of unknown type ${JSON.stringify(type)?.slice(0, 40) ?? ''} was dropped`);
    }
  }
  // Every pipeline section appears once; one a document lacks (made before it existed) goes in its place.
  SECTION_ORDER.forEach((section, order) => {
    if (seenSections.has(section)) return;
    const later = new Set<string>(SECTION_ORDER.slice(order + 1));
    const at = out.findIndex((cell) => later.has(cell.type));
    out.splice(at < 0 ? out.length : at, 0, { id: newId('cell'), type: section });
    seenSections.add(section);
  });
  return out;
};

const revenue: Parser<RevenueInputs> = (value, path, issues) => {
  if (!isRecord(value)) return issues.fail(path, 'expected an object');
  const coerced = coerceRevenueInputs(value);
  // The revenue panel keeps inputs as typed text; cap it so a document cannot smuggle megabytes in.
  if (JSON.stringify(coerced).length > 20_000) return issues.fail(path, 'the revenue inputs are too long');
  return coerced;
};

function documentParser(fallback: NotebookDocument): Parser<NotebookDocument> {
  return object<NotebookDocument>({
    format: required(oneOf([NOTEBOOK_FORMAT] as const)),
    version: required(oneOf([NOTEBOOK_VERSION] as const)),
    id: withDefault(string({ max: 100, min: 1, pattern: /^[A-Za-z0-9_-]+$/, hint: 'expected an id of letters, digits, - and _' }), () => fallback.id),
    title: withDefault(string({ max: LIMITS.shortText }), () => fallback.title),
    createdAt: withDefault(string({ max: 40 }), () => fallback.createdAt),
    updatedAt: withDefault(string({ max: 40 }), () => fallback.updatedAt),
    cells: withDefault(cells, () => fallback.cells),
    dataset: withDefault(nullable(datasetRef), () => null),
    prepare: withDefault(prepareSettings, () => fallback.prepare),
    model: withDefault(modelSection, () => fallback.model),
    training: withDefault(trainSettings, () => fallback.training),
    images: withDefault(imageSettings, () => fallback.images),
    results: withDefault(nullable(trainingResult), () => null),
    trainedModel: withDefault(nullable(embeddedModel), () => null),
    revenue: withDefault(revenue, () => fallback.revenue),
    runs: optional(runList),
  });
}

/** Validates (and migrates) an untrusted notebook; on failure says what is wrong and where. */
export function validateNotebook(input: unknown): NotebookValidation {
  const migrated = migrateNotebook(input);
  if (!migrated.ok) return { ok: false, code: migrated.code, message: migrated.message, errors: [migrated.message] };
  const issues = new Issues();
  const parsed = documentParser(createNotebook())(migrated.value, '', issues);
  if (parsed === INVALID) {
    return {
      ok: false,
      code: 'invalid_notebook',
      message: `The notebook is damaged or was changed by hand: ${issues.errors[0] ?? 'it does not match the notebook format'}${issues.errors.length > 1 ? ` (and ${issues.errors.length - 1} more problem${issues.errors.length > 2 ? 's' : ''})` : ''}.`,
      errors: issues.errors,
    };
  }
  const doc = parsed;
  if (doc.trainedModel && doc.trainedModel.resultsFinishedAt !== doc.results?.finishedAt) {
    issues.warn('trainedModel', 'the stored weights belong to other results and were dropped');
    doc.trainedModel = null;
  }
  return { ok: true, value: doc, warnings: issues.warnings, migratedFrom: migrated.from };
}
