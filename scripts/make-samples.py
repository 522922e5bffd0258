"""Regenerates public/samples/*.csv from the packages they come from.

Run with Debian's python3-sklearn installed and `npm install` done:
    /usr/bin/python3 scripts/make-samples.py
The CSVs are committed so the studio needs no network and no Python at run time.
"""
import csv, json, os
from sklearn import datasets

out = os.path.join(os.path.dirname(__file__), '..', 'public', 'samples')
os.makedirs(out, exist_ok=True)

def write(name, header, rows):
    with open(os.path.join(out, name), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)

iris = datasets.load_iris()
write('iris.csv', ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'],
      [[*map(lambda v: f'{v:g}', x), iris.target_names[t]] for x, t in zip(iris.data, iris.target)])

wine = datasets.load_wine()
write('wine.csv', [*wine.feature_names, 'cultivar'],
      [[*map(lambda v: f'{v:g}', x), f'class_{t}'] for x, t in zip(wine.data, wine.target)])

bc = datasets.load_breast_cancer()
write('breast-cancer.csv', [*bc.feature_names, 'diagnosis'],
      [[*map(lambda v: f'{v:g}', x), bc.target_names[t]] for x, t in zip(bc.data, bc.target)])

with open(os.path.join(os.path.dirname(__file__), '..', 'node_modules', 'vega-datasets', 'data', 'penguins.json')) as f:
    penguins = json.load(f)
cols = ['Species', 'Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex']
write('penguins.csv', cols, [['' if p[c] is None or p[c] == '.' else p[c] for c in cols] for p in penguins])

# Regression samples.
# Diabetes (Efron et al. 2004, "Least Angle Regression"), as shipped with scikit-learn (BSD-3-Clause),
# in original units: disease progression one year after baseline.
diabetes = datasets.load_diabetes(scaled=False)
write('diabetes.csv', ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6', 'progression'],
      [[*map(lambda v: f'{v:g}', x), f'{t:g}'] for x, t in zip(diabetes.data, diabetes.target)])

# Cars (StatLib's Auto MPG via vega-datasets, BSD-3-Clause package); miles per gallon.
with open(os.path.join(os.path.dirname(__file__), '..', 'node_modules', 'vega-datasets', 'data', 'cars.json')) as f:
    cars = json.load(f)
car_cols = ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year', 'Origin', 'Miles_per_Gallon']
write('cars.csv', car_cols, [['' if c[k] is None else (c[k][:4] if k == 'Year' else c[k]) for k in car_cols] for c in cars])
