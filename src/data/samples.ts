/** Built-in sample datasets, shipped in public/samples (no network needed). */
export interface SampleDataset {
  id: string;
  name: string;
  file: string;
  target: string;
  description: string;
  rows: number;
}

export const SAMPLES: SampleDataset[] = [
  { id: 'iris', name: 'Iris', file: 'iris.csv', target: 'species', rows: 150, description: 'Fisher’s 150 iris flowers: 4 measurements, 3 species.' },
  {
    id: 'penguins',
    name: 'Palmer Penguins',
    file: 'penguins.csv',
    target: 'Species',
    rows: 344,
    description: '344 penguins from 3 islands: beak, flipper, mass and sex (with missing values); 3 species.',
  },
  { id: 'wine', name: 'Wine', file: 'wine.csv', target: 'cultivar', rows: 178, description: '178 Italian wines: 13 chemical measurements, 3 cultivars.' },
  {
    id: 'breast-cancer',
    name: 'Breast cancer (Wisconsin)',
    file: 'breast-cancer.csv',
    target: 'diagnosis',
    rows: 569,
    description: '569 tumour biopsies: 30 cell-nucleus features; malignant or benign (binary, with ROC).',
  },
  {
    id: 'diabetes',
    name: 'Diabetes progression',
    file: 'diabetes.csv',
    target: 'progression',
    rows: 442,
    description: '442 diabetes patients: age, sex, BMI, blood pressure, 6 blood serum measurements; disease progression after one year (regression; scikit-learn, BSD-3-Clause).',
  },
  {
    id: 'cars',
    name: 'Car mileage (Auto MPG)',
    file: 'cars.csv',
    target: 'Miles_per_Gallon',
    rows: 406,
    description: '406 cars from 1970–1982: engine, weight, year, origin; miles per gallon (regression, with missing values; StatLib via vega-datasets).',
  },
];

export function findSample(idOrFile: string): SampleDataset | undefined {
  return SAMPLES.find((s) => s.id === idOrFile || s.file === idOrFile);
}
