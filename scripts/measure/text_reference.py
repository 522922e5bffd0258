#!/usr/bin/env python3
"""scikit-learn reference for text classification on exactly the studio's split.

Reads the CSV and the studio's runner JSON (with splitRows), fits TfidfVectorizer(ngram_range=(1, 2),
sublinear_tf=True) + LogisticRegression (defaults, C=1) on train + validation rows (the studio's
model selection uses validation; scikit-learn has nothing to select, so it gets those rows to learn
from) and reports accuracy on the test rows. Two tokenizations: scikit-learn's own token_pattern
(for Chinese it keeps whole runs of Han characters as one token), and the studio's words (the
runner JSON does not carry them, so this column is the default analyzer only).
Usage: text_reference.py data.csv studio.json text_column target_column
"""
import csv, json, sys, time
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

path, studio_path, text_col, target_col = sys.argv[1:5]
with open(path, encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
studio = json.load(open(studio_path, encoding='utf-8'))
split = studio['splitRows']
train = split['train'] + split['validation']
test = split['test']
X = [rows[i][text_col] for i in train]
y = [rows[i][target_col] for i in train]
Xt = [rows[i][text_col] for i in test]
yt = np.array([rows[i][target_col] for i in test])
out = {}
for name, kwargs in [('word', {}), ('char_wb_2_4', {'analyzer': 'char_wb', 'ngram_range': (2, 4)})]:
    started = time.time()
    v = TfidfVectorizer(**({'ngram_range': (1, 2)} | kwargs), sublinear_tf=True)
    m = LogisticRegression(max_iter=5000).fit(v.fit_transform(X), y)
    out[name] = {'accuracy': float((m.predict(v.transform(Xt)) == yt).mean()), 'seconds': time.time() - started, 'features': len(v.vocabulary_)}
print(json.dumps(out))
