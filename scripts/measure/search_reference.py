"""scikit-learn reference for scripts/measure/search-quality.mjs (parity only; never part of the product).

Reads a job file: [{"csv", "target", "features", "train", "test"}] (original 0-based table rows from the
studio's --include-split), prepares features like the studio (median fill + standardize numerics,
most-frequent fill + one-hot text, all fitted on the training rows), and prints, per job, the test accuracy
of LogisticRegression with C tuned by 5-fold GridSearchCV and of MLPClassifier, plus their best.
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
from sklearn.model_selection import GridSearchCV
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
    logreg = GridSearchCV(Pipeline([("prep", prep), ("model", LogisticRegression(max_iter=5000))]), {"model__C": np.logspace(-3, 3, 13)}, cv=5)
    logreg.fit(Xtr, ytr)
    mlp = Pipeline([("prep", prep), ("model", MLPClassifier(max_iter=2000, random_state=0))])
    mlp.fit(Xtr, ytr)
    acc_lr = float((logreg.predict(Xte) == yte).mean())
    acc_mlp = float((mlp.predict(Xte) == yte).mean())
    return {"logreg": acc_lr, "logregC": float(logreg.best_params_["model__C"]), "mlp": acc_mlp, "best": max(acc_lr, acc_mlp)}


if __name__ == "__main__":
    jobs = json.load(open(sys.argv[1]))
    print(json.dumps([run(j) for j in jobs]))
