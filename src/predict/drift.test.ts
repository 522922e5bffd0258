import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../data/csv/parse-csv';
import { profileTable } from '../data/profile';
import { tableReader } from '../preprocess/feature-reader';
import { prepareTable } from '../preprocess/prepare';
import { DEFAULT_PREPARE } from '../preprocess/settings';
import { driftReport, formatValue, populationStabilityIndex } from './drift';
import { binOf, computeTrainingReference, quantileEdges } from './training-reference';
import { readFileSync } from 'node:fs';

const penguins = readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url), 'utf8');

function trained() {
  const parsed = parseCsvText(penguins, 'penguins.csv');
  const prepared = prepareTable(parsed.table, profileTable(parsed.table), { ...DEFAULT_PREPARE, target: 'Species' });
  const train = Int32Array.from(prepared.split.train, (i) => prepared.tableRows[i]);
  return { fitted: prepared.fitted, reference: computeTrainingReference(prepared.fitted, tableReader(parsed.table), train), table: parsed.table };
}

function batch(csv: string) {
  const t = parseCsvText(csv, 'batch.csv').table;
  return { reader: tableReader(t), rows: t.rowCount };
}

describe('training reference', () => {
  it('bins by training quantiles and records missing shares of the training split', () => {
    expect(quantileEdges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([2, 4, 6, 8]);
    expect(quantileEdges([1, 1, 1, 1, 2], 4)).toEqual([1]);
    expect(binOf([2, 4, 6, 8], 2)).toBe(0);
    expect(binOf([2, 4, 6, 8], 2.1)).toBe(1);
    expect(binOf([2, 4, 6, 8], 100)).toBe(4);
    const { reference } = trained();
    const sex = reference.features.find((f) => f.name === 'Sex');
    // penguins.csv: 11 of 344 rows lack Sex; the training split has a similar share.
    expect(sex?.missingShare).toBeGreaterThan(0.01);
    expect(sex?.missingShare).toBeLessThan(0.06);
    const mass = reference.features.find((f) => f.name === 'Body Mass (g)');
    expect(mass?.kind === 'numeric' && mass.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(mass?.kind === 'numeric' && mass.mean).toBeGreaterThan(4000);
  });
});

describe('drift report', () => {
  it('finds nothing worth reporting when the batch is the training data itself', () => {
    const { fitted, reference, table } = trained();
    const report = driftReport(fitted, reference, tableReader(table), table.rowCount);
    expect(report.severity === 'none' || report.severity === 'low').toBe(true);
    expect(report.summary).toMatch(/No important drift/);
    expect(report.columns).toHaveLength(fitted.features.length);
  });

  it('reports a mean shift in training sd, values outside the range, unseen categories and missing values', () => {
    const { fitted, reference } = trained();
    const rows = Array.from({ length: 40 }, (_, i) => `Atlantis,${40 + (i % 5)},18,200,${6500 + i * 10},${i % 2 ? 'MALE' : ''}`);
    const { reader, rows: n } = batch(`Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex\n${rows.join('\n')}\n`);
    const report = driftReport(fitted, reference, reader, n);
    expect(report.severity).toBe('high');
    const mass = report.columns.find((c) => c.column === 'Body Mass (g)')!;
    expect(mass.severity).toBe('high');
    expect(mass.meanShiftSd).toBeGreaterThan(2);
    expect(mass.outsideRangeShare).toBe(1);
    expect(mass.findings.join(' ')).toMatch(/Body Mass \(g\): batch mean \d\.\d sd above training \(6,695 vs 4,\d{3}\)/);
    expect(mass.findings.join(' ')).toMatch(/100% of values outside the training range 2,700 to 6,300/);
    const island = report.columns.find((c) => c.column === 'Island')!;
    expect(island.unseen).toEqual([{ value: 'Atlantis', count: 40 }]);
    expect(island.findings[0]).toMatch(/Island: 40 rows \(100%\) have categories never seen in training: "Atlantis" \(40\)/);
    const sex = report.columns.find((c) => c.column === 'Sex')!;
    expect(sex.missingShare).toBe(0.5);
    expect(sex.findings.join(' ')).toMatch(/Sex: 50% missing vs \d% in training/);
    expect(report.summary).toMatch(/Strong drift in \d of 6 columns/);
  });

  it('needs enough rows for distribution measures and says so for small batches', () => {
    const { fitted, reference } = trained();
    const { reader, rows } = batch('Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex\nBiscoe,45,15,215,5000,MALE\n');
    const report = driftReport(fitted, reference, reader, rows);
    expect(report.columns.every((c) => c.psi === undefined && c.totalVariation === undefined)).toBe(true);
    expect(report.notes.join(' ')).toMatch(/Only 1 row: differences from training may be chance/);
  });

  it('works without a training reference (a bundle from elsewhere), and says what it lacks', () => {
    const { fitted } = trained();
    const { reader, rows } = batch('Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex\nBiscoe,45,15,215,9000,MALE\n');
    const report = driftReport(fitted, null, reader, rows);
    expect(report.columns.find((c) => c.column === 'Body Mass (g)')?.severity).toBe('high');
    expect(report.columns.every((c) => c.trainingMissingShare === null)).toBe(true);
    expect(report.notes.join(' ')).toMatch(/no training statistics/);
  });

  it('PSI is 0 for identical shares and grows with the difference; numbers are formatted for people', () => {
    expect(populationStabilityIndex([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(populationStabilityIndex([0.9, 0.1], [0.5, 0.5])).toBeGreaterThan(populationStabilityIndex([0.6, 0.4], [0.5, 0.5]));
    expect(formatValue(4201.7647)).toBe('4,202');
    expect(formatValue(0.01234)).toBe('0.01234');
    expect(formatValue(-1234567)).toBe('-1,235,000');
  });
});
