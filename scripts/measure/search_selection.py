"""Offline look at how the search picked the exact logistic regression's C (parity only; never part of the product).

Reads the runner outputs of scripts/measure/search-quality.mjs (DIR/<table>-<seed>.json, with --include-split) and, for
several ways of choosing among the trials' cross-validated scores, prints the test accuracy the choice would have had
when it is a `logreg-lbfgs` trial: scikit-learn's LogisticRegression with that C on exactly the studio's split (the
studio's solver reaches the same optimum, src/models/logistic-lbfgs.test.ts). An MLP choice is known only when the
search kept it (else NaN). Rules: actual (what the run kept), top (highest CV mean, then lowest loss), grid_max (the
logistic regressions only, highest mean, ties to the smallest C: GridSearchCV's choice), grid_max_large (ties to the
largest C), grid_loss (lowest CV loss), grid_acc_loss (highest mean, ties to the lowest loss). Runs whose grid trials
were scored on repeated folds (validation.repeats, round 5) also get grid_first (grid_max on the first deal only:
validation.searchFolds, what a plain k-fold grid would have chosen).

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
    for path in sorted(glob.glob(os.path.join(folder, '*-*.json'))):
        table, seed = os.path.basename(path)[:-5].rsplit('-', 1)
        if table not in TABLES or not seed.isdigit():
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
        tied = [t for t in grid if t['validation']['mean'] >= best_mean - 1e-12]
        row = {
            'table': table,
            'seed': int(seed),
            'actual': run['metrics']['accuracy'],
            'top': accuracy(min(trials, key=by_top)),
            'grid_max': accuracy(tied[0]),
            'grid_max_large': accuracy(tied[-1]),
            'grid_loss': accuracy(min(grid, key=lambda t: (t['validation']['loss'], t['id']))),
            'grid_acc_loss': accuracy(min(tied, key=lambda t: (t['validation']['loss'], t['id']))),
        }
        if all('searchFolds' in t['validation'] for t in grid):
            first = max(t['validation']['searchFolds']['mean'] for t in grid)
            row['grid_first'] = accuracy([t for t in grid if t['validation']['searchFolds']['mean'] >= first - 1e-12][0])
        rows.append(row)
    df = pd.DataFrame(rows)
    pd.set_option('display.width', 200)
    print(df.to_string())
    rules = [c for c in df.columns if c not in ('table', 'seed')]
    print(df.groupby('table')[rules].mean())
    print(df[rules].mean())


if __name__ == '__main__':
    main(sys.argv[1])
