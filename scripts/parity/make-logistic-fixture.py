"""Writes src/models/fixtures/sklearn-logistic.json: small standardized design matrices (iris: 3 classes,
breast-cancer: 2 classes, penguins numerics: 3 classes) with scikit-learn's LogisticRegression (lbfgs,
solved tightly) coefficients, intercepts and probabilities for several C, so the full-batch solver
(src/models/logistic-lbfgs.ts) is checked against scikit-learn without Python at test time.

    /usr/bin/python3 scripts/parity/make-logistic-fixture.py [--out PATH]
"""
import argparse
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
DEFAULT_OUT = os.path.join(ROOT, 'src', 'models', 'fixtures', 'sklearn-logistic.json')


def r(a, digits=6):
    # Rounded inputs: the fixture must not depend on the CPU's last bits.
    return [round(float(v), digits) for v in np.asarray(a).ravel()]


def design(csv, target, rows):
    df = pd.read_csv(os.path.join(ROOT, 'public', 'samples', csv)).dropna()
    df = df.iloc[:rows] if rows else df
    y_names = df[target].astype(str)
    X = df.drop(columns=[target]).select_dtypes('number').to_numpy(dtype=float)
    X = (X - X.mean(0)) / X.std(0)
    X = np.round(X, 6)
    classes = sorted(y_names.unique())
    y = np.array([classes.index(v) for v in y_names])
    return X, y


def softmax(z):
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def alpha_for(c, n, k):
    # See src/models/logistic-lbfgs.ts: scikit-learn's binary model equals the symmetric 2-column softmax with twice the penalty.
    return (2.0 if k == 2 else 1.0) / (c * n)


def objective(X, y, c, coef, intercept):
    n, k = X.shape[0], coef.shape[0]
    P = softmax(X @ coef.T + intercept)
    return float(-np.log(P[np.arange(n), y]).mean() + 0.5 * alpha_for(c, n, k) * (coef ** 2).sum())


def newton_polish(X, y, c, coef, intercept, steps=8):
    """Newton steps on the mean-form softmax objective (least-squares steps: the intercept shift is a null direction)."""
    n, p = X.shape
    k = coef.shape[0]
    a = alpha_for(c, n, k)
    Xb = np.hstack([X, np.ones((n, 1))])
    W = np.vstack([coef.T, intercept[None, :]]).copy()  # (p+1) x k
    Y = np.eye(k)[y]
    reg = np.ones(p + 1)
    reg[-1] = 0.0
    for _ in range(steps):
        P = softmax(Xb @ W)
        G = Xb.T @ (P - Y) / n + a * reg[:, None] * W
        H = np.zeros(((p + 1) * k, (p + 1) * k))
        for i in range(k):
            for j in range(k):
                d = P[:, i] * ((1.0 if i == j else 0.0) - P[:, j])
                block = (Xb * d[:, None]).T @ Xb / n
                if i == j:
                    block = block + a * np.diag(reg)
                H[i::k, j::k] = block
        step = np.linalg.lstsq(H, G.ravel(), rcond=1e-13)[0]
        W = W - step.reshape(p + 1, k)
    return W[:-1].T, W[-1]


def case(name, csv, target, cs, rows=None):
    X, y = design(csv, target, rows)
    fits = []
    for c in cs:
        model = LogisticRegression(C=c, tol=1e-12, max_iter=100000)
        model.fit(X, y)
        coef = model.coef_
        intercept = model.intercept_
        if coef.shape[0] == 1:
            # Binary: scikit-learn's one weight vector v; the symmetric softmax has columns (−v/2, v/2).
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        exact = newton_polish(X, y, c, coef, intercept)
        fits.append({
            'C': c,
            # Mean cross-entropy + ||W||^2 / (2 C n) (binary: the symmetric softmax, see newton_polish) at scikit-learn's solution.
            'objective': objective(X, y, c, coef, intercept),
            # The same optimum polished by Newton steps in float64 (scikit-learn's L-BFGS stops on a relative
            # objective change of 64 machine epsilons, a few 1e-5 short in probability on these cases).
            'exactProbabilities': r(softmax(X @ exact[0] .T + exact[1]), 10),
            'exactObjective': objective(X, y, c, exact[0], exact[1]),
            'coef': r(coef.T, 8),  # p × K row-major, the Dense kernel layout
            'intercept': r(intercept, 8),
            'probabilities': r(model.predict_proba(X), 8),
            'accuracy': float((model.predict(X) == y).mean()),
        })
    return {'name': name, 'p': X.shape[1], 'classes': int(y.max() + 1), 'x': r(X), 'y': [int(v) for v in y], 'fits': fits}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--out', default=DEFAULT_OUT)
    args = parser.parse_args()
    cases = [
        case('iris', 'iris.csv', 'species', [0.01, 1.0, 100.0]),
        case('breast-cancer', 'breast-cancer.csv', 'diagnosis', [0.05, 1.0, 10.0], rows=200),
        case('penguins-numeric', 'penguins.csv', 'Species', [0.1, 3.0]),
    ]
    out = {'sklearn': sklearn.__version__, 'generator': 'scripts/parity/make-logistic-fixture.py', 'cases': cases}
    with open(args.out, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {args.out}')


if __name__ == '__main__':
    main()
