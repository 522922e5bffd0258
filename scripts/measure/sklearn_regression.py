"""scikit-learn LinearRegression fitted on exactly the studio's training rows, scored on its test rows.

    /usr/bin/python3 scripts/measure/sklearn_regression.py DATA.csv TARGET studio.json
studio.json is `tau train ... --include-split` output (splitRows, featureColumns). Preprocessing mirrors the
studio's defaults: median imputation and standardization fitted on the training rows, one-hot for text
columns (unknown categories all zeros). Prints one JSON object.
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

data_path, target, studio_path = sys.argv[1:4]
studio = json.load(open(studio_path))
frame = pd.read_csv(data_path)
features = studio['featureColumns']
numeric = [c for c in features if pd.api.types.is_numeric_dtype(frame[c])]
categorical = [c for c in features if c not in numeric]
pre = ColumnTransformer([
    ('num', make_pipeline(SimpleImputer(strategy='median'), StandardScaler()), numeric),
    *([('cat', make_pipeline(SimpleImputer(strategy='most_frequent'), OneHotEncoder(handle_unknown='ignore')), categorical)] if categorical else []),
])
train = frame.iloc[studio['splitRows']['train']]
test = frame.iloc[studio['splitRows']['test']]
model = make_pipeline(pre, LinearRegression()).fit(train[features], train[target])
pred = model.predict(test[features])
print(json.dumps({
    'mae': float(mean_absolute_error(test[target], pred)),
    'rmse': float(np.sqrt(mean_squared_error(test[target], pred))),
    'r2': float(r2_score(test[target], pred)),
    'trainRows': int(len(train)),
    'testRows': int(len(test)),
}))
