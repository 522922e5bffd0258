"""Offline look at how the search picked the exact logistic regression's C (parity only; never part of the product).

Reads the runner outputs of scripts/measure/search-quality.mjs (DIR/<table>-<seed>.json, with --include-split) and, for
several ways of choosing among the trials' cross-validated scores, prints the test accuracy the choice would have had
when it is a `logreg-lbfgs` trial: scikit-learn's LogisticRegression with that C on exactly the studio's split (the
studio's solver reaches the same optimum, src/models/logistic-lbfgs.test.ts). An MLP choice is known only when the
search kept it (else NaN). Rules: actual (what the run kept), top (highest CV mean, then lowest loss), grid_max (the
logistic regressions only, highest mean, ties to the smallest C: GridSearchCV's choice), grid_loss (lowest CV loss).

    /usr/bin/python3 scripts/measure/search_selection.py DIR
"""
import glob
import json
import os
import sys

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
TABLES = {'iris': 'species', 'penguins': 'Species', 'wine': 'cultivar', 'breast-cancer': 'diagnosis'}


def lr_test_accuracy(table, run, c):
    df = pd.read_csv(os.path.join(ROOT, 'public', 'samples', f'{table}.csv'))
    features = run['featureColumns']
    X, y = df[features], df[TABLES[table]].astype(str)
    train, test = np.array(run['splitRows']['train']), np.array(run['splitRows']['test'])
    numeric = [f for f in features if pd.api.types.is_numeric_dtype(X[f])]
    text = [f for f in features if f not in numeric]
    prep = ColumnTransformer([
        ('num', Pipeline([('fill', SimpleImputer(strategy='median')), ('scale', StandardScaler())]), numeric),
        ('cat', Pipeline([('fill', SimpleImputer(strategy='most_frequent')), ('onehot', OneHotEncoder(handle_unknown='ignore'))]), text),
    ])
    model = Pipeline([('prep', prep), ('model', LogisticRegression(C=c, max_iter=10000, tol=1e-8))]).fit(X.iloc[train], y.iloc[train])
    return float((model.predict(X.iloc[test]) == y.iloc[test]).mean())


def main(folder):
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, '*-[0-9].json'))):
        table, seed = os.path.basename(path)[:-5].rsplit('-', 1)
        if table not in TABLES:
            continue
        run = json.load(open(path))
        trials = run['trials']
        grid = [t for t in trials if t['settings']['family'] == 'logreg-lbfgs']
        if not grid:
            continue

        def accuracy(t):
            if t['settings']['family'] == 'logreg-lbfgs':
                return lr_test_accuracy(table, run, t['settings']['c'])
            return run['metrics']['accuracy'] if t['id'] == run['best']['id'] else float('nan')

        by_top = lambda t: (-t['validation']['mean'], t['validation']['loss'], t['id'])
        best_mean = max(t['validation']['mean'] for t in grid)
        rows.append({
            'table': table,
            'seed': int(seed),
            'actual': run['metrics']['accuracy'],
            'top': accuracy(min(trials, key=by_top)),
            'grid_max': accuracy([t for t in grid if t['validation']['mean'] >= best_mean - 1e-12][0]),
            'grid_loss': accuracy(min(grid, key=lambda t: (t['validation']['loss'], t['id']))),
        })
    df = pd.DataFrame(rows)
    pd.set_option('display.width', 200)
    print(df.to_string())
    print(df.groupby('table')[['actual', 'top', 'grid_max', 'grid_loss']].mean())
    print(df[['actual', 'top', 'grid_max', 'grid_loss']].mean())


if __name__ == '__main__':
    main(sys.argv[1])
