"""scikit-learn reference for scripts/measure/search-quality.mjs (parity only; never part of the product).

Reads a job file: [{"csv", "target", "features", "train", "test"}] (original 0-based table rows from the
studio's --include-split), prepares features like the studio (median fill + standardize numerics,
most-frequent fill + one-hot text, all fitted on the training rows), and prints, per job, the test accuracy
of LogisticRegression with C tuned by 5-fold GridSearchCV and of MLPClassifier, plus two "best of two":
`best`, the better of the two on test (an oracle that favours scikit-learn), and `bestByCv`, the one whose
5-fold CV accuracy on the training rows is higher (what a scikit-learn user would get: GridSearchCV's
best_score_ against cross_val_score of the MLP on the same StratifiedKFold(5) folds; ties go to the
logistic regression, the simpler model).
"""
import json
import sys
import warnings

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)


def run(job):
    df = pd.read_csv(job["csv"])
    X = df[job["features"]]
    y = df[job["target"]].astype(str)
    train, test = np.array(job["train"]), np.array(job["test"])
    numeric = [c for c in job["features"] if pd.api.types.is_numeric_dtype(X[c])]
    text = [c for c in job["features"] if c not in numeric]
    prep = ColumnTransformer([
        ("num", Pipeline([("fill", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
        ("cat", Pipeline([("fill", SimpleImputer(strategy="most_frequent")), ("onehot", OneHotEncoder(handle_unknown="ignore"))]), text),
    ])
    Xtr, Xte, ytr, yte = X.iloc[train], X.iloc[test], y.iloc[train], y.iloc[test]
    folds = StratifiedKFold(5)  # what cv=5 means for a classifier in GridSearchCV and cross_val_score
    logreg = GridSearchCV(Pipeline([("prep", prep), ("model", LogisticRegression(max_iter=5000))]), {"model__C": np.logspace(-3, 3, 13)}, cv=folds)
    logreg.fit(Xtr, ytr)
    mlp = Pipeline([("prep", prep), ("model", MLPClassifier(max_iter=2000, random_state=0))])
    mlp_cv = float(cross_val_score(mlp, Xtr, ytr, cv=folds).mean())
    mlp.fit(Xtr, ytr)
    acc_lr = float((logreg.predict(Xte) == yte).mean())
    acc_mlp = float((mlp.predict(Xte) == yte).mean())
    lr_cv = float(logreg.best_score_)
    return {
        "logreg": acc_lr,
        "logregC": float(logreg.best_params_["model__C"]),
        "mlp": acc_mlp,
        "best": max(acc_lr, acc_mlp),
        "logregCv": lr_cv,
        "mlpCv": mlp_cv,
        "bestByCv": acc_lr if lr_cv >= mlp_cv else acc_mlp,
    }


if __name__ == "__main__":
    jobs = json.load(open(sys.argv[1]))
    print(json.dumps([run(j) for j in jobs]))
