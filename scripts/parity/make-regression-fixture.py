"""Writes src/evaluate/fixtures/sklearn-regression.json: fixed prediction sets with scikit-learn's
regression metrics, and small design matrices with LinearRegression / Ridge coefficients, so the
TypeScript metrics (src/evaluate/regression-metrics.ts) and the closed-form least squares
(src/models/least-squares.ts) are checked against sklearn without Python at test time.

    /usr/bin/python3 scripts/parity/make-regression-fixture.py [--out PATH]
"""
import argparse
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_diabetes, make_friedman1
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import (
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    median_absolute_error,
    r2_score,
)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
DEFAULT_OUT = os.path.join(ROOT, 'src', 'evaluate', 'fixtures', 'sklearn-regression.json')


def r(a):
    # Rounded inputs: the fixture must not depend on the CPU's last bits.
    return [round(float(v), 6) for v in np.asarray(a).ravel()]


def metric_cases():
    rng = np.random.RandomState(0)
    cases = []
    for name, n, zeros in [('small', 7, False), ('even', 40, False), ('with-zeros', 25, True), ('large', 301, False)]:
        y = np.round(rng.normal(10, 5, n), 6)
        if zeros:
            y[::5] = 0.0
        p = np.round(y + rng.normal(0, 2, n), 6)
        cases.append((name, y, p))
    y = np.round(rng.normal(0, 1, 12), 6)
    cases.append(('perfect', y, y.copy()))
    y = np.full(9, 3.5)
    cases.append(('constant-target', y, np.round(y + rng.normal(0, 1, 9), 6)))
    out = []
    for name, y, p in cases:
        mean = round(float(np.round(rng.normal(10, 1), 6)), 6)
        has_zero = bool((y == 0).any())
        out.append({
            'name': name,
            'yTrue': r(y),
            'yPred': r(p),
            'trainingMean': mean,
            'mae': mean_absolute_error(y, p),
            'mse': mean_squared_error(y, p),
            'rmse': float(np.sqrt(mean_squared_error(y, p))),
            'r2': r2_score(y, p),
            'mape': None if has_zero else mean_absolute_percentage_error(y, p),
            'medianAbsoluteError': median_absolute_error(y, p),
            'baselineMae': mean_absolute_error(y, np.full(len(y), mean)),
            'baselineR2': r2_score(y, np.full(len(y), mean)),
        })
    return out


def least_squares_cases():
    out = []
    x, y = load_diabetes(return_X_y=True)
    xs = (x - x.mean(0)) / x.std(0)
    out.append(('diabetes', np.round(xs[:200], 6), np.round(y[:200], 6)))
    x, y = make_friedman1(n_samples=150, n_features=10, noise=1.0, random_state=1)
    out.append(('friedman1', np.round((x - x.mean(0)) / x.std(0), 6), np.round(y, 6)))
    rng = np.random.RandomState(3)
    x = rng.normal(size=(60, 4))
    x = np.hstack([x, x[:, :1] * 2.0 + rng.normal(scale=1e-3, size=(60, 1))])  # nearly collinear
    out.append(('near-collinear', np.round(x, 6), np.round(x @ np.array([1.0, -2.0, 0.5, 0.0, 3.0]) + rng.normal(size=60), 6)))
    cases = []
    for name, x, y in out:
        case = {'name': name, 'rows': int(x.shape[0]), 'columns': int(x.shape[1]), 'x': r(x), 'y': r(y), 'fits': []}
        for alpha in [0.0, 1.0, 10.0]:
            model = LinearRegression() if alpha == 0 else Ridge(alpha=alpha)
            model.fit(x, y)
            case['fits'].append({'alpha': alpha, 'coef': [float(v) for v in model.coef_], 'intercept': float(model.intercept_)})
        cases.append(case)
    return cases


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--out', default=DEFAULT_OUT)
    args = parser.parse_args()
    data = {'sklearnVersion': sklearn.__version__, 'metrics': metric_cases(), 'leastSquares': least_squares_cases()}
    with open(args.out, 'w') as f:
        json.dump(data, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
