import type { Table } from '../data/table';
import { formatNumberCell } from '../data/table';
import type { ColumnProfile } from '../data/profile';
import { DataError } from '../lib/errors';
import type { FittedFeature, FittedPreprocessor } from './fitted';
import { tableReader, type RawCell } from './feature-reader';
import { compareText, fitCategorical, fitNumeric, toNumber } from './fit';
import { checkTarget, selectFeatures, type PrepareSettings } from './settings';
import { stratifiedSplit, type SplitIndices } from './split';
import { transformRows } from './transform';

/** A table turned into model inputs: features, class indices and a split, plus what was fitted. */
export interface PreparedData {
  fitted: FittedPreprocessor;
  /** rowCount × fitted.inputSize, row-major. */
  features: Float32Array;
  labels: Int32Array;
  /** Original table row of every prepared row. */
  tableRows: Int32Array;
  /** Indices into the prepared rows. */
  split: SplitIndices;
  dropped: { missingTarget: number; missingFeatures: number };
  warnings: string[];
}

export function prepareTable(table: Table, profiles: ColumnProfile[], settings: PrepareSettings): PreparedData {
  const reader = tableReader(table);
  const targetName = settings.target;
  if (targetName === null) throw new DataError('no_target', 'Choose the target column: the one the model should predict.');
  const targetProfile = profiles.find((p) => p.name === targetName);
  const readTarget = reader.column(targetName);
  if (!targetProfile || !readTarget) {
    throw new DataError('unknown_column', `There is no column "${targetName}". Columns are: ${profiles.map((p) => p.name).join(', ')}.`);
  }
  const targetCheck = checkTarget(targetProfile);
  if (!targetCheck.ok) throw new DataError(targetCheck.code, targetCheck.message);

  const featureNames = selectFeatures(profiles, settings);
  if (featureNames.length === 0) {
    throw new DataError('no_features', `No feature columns are selected besides the target "${targetName}". Include at least one column.`);
  }
  const profileByName = new Map(profiles.map((p) => [p.name, p]));
  const featureReaders = featureNames.map((name) => reader.column(name) as (row: number) => RawCell);

  const classes = classLabels(table.rowCount, readTarget, targetProfile.storage === 'numeric');
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const tableRowsList: number[] = [];
  const labelsList: number[] = [];
  let missingTarget = 0;
  let missingFeatures = 0;
  for (let row = 0; row < table.rowCount; row++) {
    const label = labelText(readTarget(row));
    if (label === null) {
      missingTarget++;
      continue;
    }
    if (settings.missing === 'drop' && featureReaders.some((read) => isMissing(read(row)))) {
      missingFeatures++;
      continue;
    }
    tableRowsList.push(row);
    labelsList.push(classIndex.get(label) as number);
  }
  const tableRows = Int32Array.from(tableRowsList);
  const labels = Int32Array.from(labelsList);
  const warnings: string[] = [];
  if (missingTarget > 0) warnings.push(`${missingTarget} rows without a value for "${targetName}" were left out.`);
  if (missingFeatures > 0) warnings.push(`${missingFeatures} rows with missing feature values were dropped (missing values: drop rows).`);

  const counts = new Array<number>(classes.length).fill(0);
  for (const l of labels) counts[l]++;
  const presentClasses = counts.filter((c) => c > 0).length;
  if (presentClasses < 2) {
    throw new DataError('target_one_class', `After removing rows with missing values only one class of "${targetName}" is left. Choose another missing-value strategy or target.`);
  }
  const rare = classes.filter((_, i) => counts[i] > 0 && counts[i] < 3);
  if (rare.length > 0) {
    warnings.push(`Classes with fewer than 3 rows (${rare.slice(0, 5).join(', ')}) cannot appear in every split; they stay in training.`);
  }
  if (labels.length < 10) {
    throw new DataError('too_few_rows', `Only ${labels.length} usable rows; at least 10 are needed to train and test a model.`);
  }

  const split = stratifiedSplit(labels, classes.length, settings);
  const trainTableRows = Int32Array.from(split.train, (i) => tableRows[i]);
  const features: FittedFeature[] = featureNames.map((name, f) => {
    const profile = profileByName.get(name) as ColumnProfile;
    return profile.storage === 'numeric'
      ? fitNumeric(name, featureReaders[f], trainTableRows, settings.missing, settings.scaling)
      : fitCategorical(name, featureReaders[f], trainTableRows, settings.maxCategories);
  });
  const inputNames = features.flatMap((f) => (f.kind === 'numeric' ? [f.name] : f.categories.map((c) => `${f.name}=${c}`)));
  const fitted: FittedPreprocessor = {
    format: 'tau-preprocessing',
    version: 1,
    target: { name: targetName, classes },
    missing: settings.missing,
    scaling: settings.scaling,
    features,
    inputSize: inputNames.length,
    inputNames,
  };
  const transformed = transformRows(fitted, reader, tableRows);
  const firstProblem = transformed.problems[0];
  if (firstProblem) {
    throw new DataError(
      'bad_value',
      `Row ${tableRows[firstProblem.row] + 1}, column "${firstProblem.column}": ${firstProblem.message}. Fix the value or exclude the column.`,
    );
  }
  return { fitted, features: transformed.features, labels, tableRows, split, dropped: { missingTarget, missingFeatures }, warnings };
}

function isMissing(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

function labelText(cell: RawCell): string | null {
  if (cell === null) return null;
  return typeof cell === 'number' ? formatNumberCell(cell) : cell;
}

/** Sorted distinct labels, as numpy.unique would order them (numbers numerically, text by code unit). */
function classLabels(rowCount: number, read: (row: number) => RawCell, numeric: boolean): string[] {
  if (numeric) {
    const values = new Set<number>();
    for (let r = 0; r < rowCount; r++) {
      const v = toNumber(read(r));
      if (v === v) values.add(v);
    }
    return [...values].sort((a, b) => a - b).map(formatNumberCell);
  }
  const values = new Set<string>();
  for (let r = 0; r < rowCount; r++) {
    const v = read(r);
    if (v !== null) values.add(String(v));
  }
  return [...values].sort(compareText);
}
