import type { Table } from '../data/table';
import { formatNumberCell } from '../data/table';
import type { ColumnProfile } from '../data/profile';
import { DataError } from '../lib/errors';
import type { FittedFeature, FittedPreprocessor, TargetStats } from './fitted';
import { tableReader, type RawCell } from './feature-reader';
import { compareText, fitCategorical, fitNumeric, fitText, toNumber } from './fit';
import { DEFAULT_TEXT_VOCABULARY, MAX_TEXT_VOCABULARY, effectiveType, selectFeatures, type PrepareSettings } from './settings';
import { DEFAULT_TOKENIZER } from './text/tokenizer';
import { checkTargetForTask, chooseTask, type TaskDecision } from '../train/task';
import { stratifiedSplit, type SplitIndices } from './split';
import { transformRows } from './transform';

/** A table turned into model inputs: features, class indices and a split, plus what was fitted. */
export interface PreparedData {
  fitted: FittedPreprocessor;
  /** rowCount × fitted.inputSize, row-major. */
  features: Float32Array;
  /** Classification: class index per row. Regression: the target's quantile stratum (for the split). */
  labels: Int32Array;
  /** Regression: the target value per row (original units); classification: null. */
  targets: Float64Array | null;
  /** The task and why it was chosen. */
  task: TaskDecision;
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
  const decision = chooseTask(targetProfile, settings.task ?? 'auto');
  const targetCheck = checkTargetForTask(targetProfile, decision.task);
  if (!targetCheck.ok) throw new DataError(targetCheck.code, targetCheck.message);
  const regression = decision.task === 'regression';

  const featureNames = selectFeatures(profiles, settings);
  if (featureNames.length === 0) {
    throw new DataError('no_features', `No feature columns are selected besides the target "${targetName}". Include at least one column.`);
  }
  const profileByName = new Map(profiles.map((p) => [p.name, p]));
  const featureReaders = featureNames.map((name) => reader.column(name) as (row: number) => RawCell);
  const isText = featureNames.map((name) => effectiveType(profileByName.get(name) as ColumnProfile, settings) === 'text');
  const vocabularySize = settings.textVocabularySize ?? DEFAULT_TEXT_VOCABULARY;
  const ngrams = settings.textWordNgrams ?? DEFAULT_TOKENIZER.wordNgrams[1];
  if (!(Number.isInteger(ngrams) && ngrams >= 1 && ngrams <= 3)) throw new DataError('invalid_settings', `The longest word n-gram of text columns must be 1, 2 or 3 (it is ${ngrams}).`);
  const tokenizer = ngrams === DEFAULT_TOKENIZER.wordNgrams[1] ? DEFAULT_TOKENIZER : { ...DEFAULT_TOKENIZER, wordNgrams: [1, ngrams] as [number, number] };
  if (isText.some(Boolean) && !(Number.isInteger(vocabularySize) && vocabularySize >= 1 && vocabularySize <= MAX_TEXT_VOCABULARY)) {
    throw new DataError('invalid_settings', `The text vocabulary size must be a whole number from 1 to ${MAX_TEXT_VOCABULARY.toLocaleString('en-US')} (it is ${vocabularySize}).`);
  }

  const classes = regression ? [] : classLabels(table.rowCount, readTarget, targetProfile.storage === 'numeric');
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const tableRowsList: number[] = [];
  const labelsList: number[] = [];
  let missingTarget = 0;
  let missingFeatures = 0;
  for (let row = 0; row < table.rowCount; row++) {
    let label: number;
    if (regression) {
      const cell = readTarget(row);
      const value = toNumber(cell);
      if (value !== value) {
        if (cell !== null && !(typeof cell === 'string' && cell.trim() === '')) {
          throw new DataError(
            'target_not_numeric',
            `Row ${row + 1} of "${targetName}" holds "${String(cell).slice(0, 40)}", not a number; regression needs a number in every row. Fix or clear the value, or train a classifier.`,
          );
        }
        missingTarget++;
        continue;
      }
      if (!Number.isFinite(value)) {
        throw new DataError('target_not_finite', `Row ${row + 1} of "${targetName}" is ${value}; regression needs finite numbers. Fix or clear the value.`);
      }
      label = value;
    } else {
      const text = labelText(readTarget(row));
      if (text === null) {
        missingTarget++;
        continue;
      }
      label = classIndex.get(text) as number;
    }
    if (settings.missing === 'drop' && featureReaders.some((read, f) => !isText[f] && isMissing(read(row)))) {
      missingFeatures++;
      continue;
    }
    tableRowsList.push(row);
    labelsList.push(label);
  }
  const tableRows = Int32Array.from(tableRowsList);
  const targets = regression ? Float64Array.from(labelsList) : null;
  const labels = targets ? quantileStrata(targets) : Int32Array.from(labelsList);
  const warnings: string[] = [];
  if (missingTarget > 0) warnings.push(`${missingTarget} rows without a value for "${targetName}" were left out.`);
  if (missingFeatures > 0) warnings.push(`${missingFeatures} rows with missing feature values were dropped (missing values: drop rows).`);

  if (targets) {
    if (targets.length > 0 && targets.every((v) => v === targets[0])) {
      throw new DataError(
        'target_constant',
        `After removing rows with missing values every value of "${targetName}" is ${targets[0]}; there is nothing to predict. Choose another target or missing-value strategy.`,
      );
    }
  } else {
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
  }
  if (labels.length < 10) {
    throw new DataError('too_few_rows', `Only ${labels.length} usable rows; at least 10 are needed to train and test a model.`);
  }

  const split = stratifiedSplit(labels, targets ? STRATA : classes.length, settings);
  const trainTableRows = Int32Array.from(split.train, (i) => tableRows[i]);
  const features: FittedFeature[] = featureNames.map((name, f) => {
    const profile = profileByName.get(name) as ColumnProfile;
    if (isText[f]) {
      const { feature, overlong } = fitText(name, featureReaders[f], trainTableRows, tokenizer, vocabularySize);
      if (feature.terms.length === 0) {
        throw new DataError('empty_text', `The text column "${name}" has no words in the training split (every cell is empty or punctuation). Exclude it, or switch it to categorical.`);
      }
      if (overlong > 0) {
        warnings.push(
          `${overlong} cells of "${name}" are longer than ${DEFAULT_TOKENIZER.maxCellChars.toLocaleString('en-US')} characters; only their first ${DEFAULT_TOKENIZER.maxCellChars.toLocaleString('en-US')} characters are read.`,
        );
      }
      return feature;
    }
    return profile.storage === 'numeric'
      ? fitNumeric(name, featureReaders[f], trainTableRows, settings.missing, settings.scaling)
      : fitCategorical(name, featureReaders[f], trainTableRows, settings.maxCategories);
  });
  const inputNames = features.flatMap((f) => (f.kind === 'numeric' ? [f.name] : f.kind === 'categorical' ? f.categories.map((c) => `${f.name}=${c}`) : f.terms.map((t) => `${f.name}:${t}`)));
  const cells = labels.length * inputNames.length;
  if (cells > MAX_FEATURE_CELLS) {
    throw new DataError(
      'too_many_inputs',
      `${labels.length.toLocaleString('en-US')} rows × ${inputNames.length.toLocaleString('en-US')} inputs is more than this tab can hold (${MAX_FEATURE_CELLS.toLocaleString('en-US')} values). Lower the text vocabulary size (--vocab-size), or use fewer rows or categories.`,
    );
  }
  const fitted: FittedPreprocessor = {
    format: 'tau-preprocessing',
    version: 1,
    target: targets ? { name: targetName, classes, task: 'regression', stats: targetStats(targets, split.train) } : { name: targetName, classes },
    missing: settings.missing,
    scaling: settings.scaling,
    features,
    inputSize: inputNames.length,
    inputNames,
  };
  const transformed = transformRows(fitted, reader, tableRows);
  const firstProblem = transformed.problems[0];
  if (firstProblem) {
    throw new DataError('bad_value', `Row ${tableRows[firstProblem.row] + 1}, column "${firstProblem.column}": ${firstProblem.message}. Fix the value or exclude the column.`);
  }
  return { fitted, features: transformed.features, labels, targets, task: decision, tableRows, split, dropped: { missingTarget, missingFeatures }, warnings };
}

/** Dense feature values the prepared table may hold: 1.2 GB of float32. */
const MAX_FEATURE_CELLS = 300_000_000;

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

/** Regression splits are stratified on target deciles, so train, validation and test cover the same range. */
const STRATA = 10;

function quantileStrata(values: Float64Array): Int32Array {
  const order = Int32Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const strata = new Int32Array(values.length);
  order.forEach((row, rank) => (strata[row] = Math.min(STRATA - 1, Math.floor((rank * STRATA) / values.length))));
  return strata;
}

function targetStats(values: Float64Array, rows: Int32Array): TargetStats {
  let mean = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) {
    mean += values[r];
    min = Math.min(min, values[r]);
    max = Math.max(max, values[r]);
  }
  mean /= rows.length;
  let sq = 0;
  for (const r of rows) sq += (values[r] - mean) ** 2;
  const std = Math.sqrt(sq / rows.length);
  return { mean, std: std > 0 ? std : 1, min, max };
}
