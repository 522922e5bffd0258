"""Writes scripts/measure/data/friedman1.csv: scikit-learn's make_friedman1 (1,000 rows, 10 features of
which 5 matter, noise 1.0, random_state 0), a standard non-linear regression benchmark:
y = 10 sin(pi x1 x2) + 20 (x3 - 0.5)^2 + 10 x4 + 5 x5 + noise.

    /usr/bin/python3 scripts/measure/make-friedman1.py
"""
import csv
import os

from sklearn.datasets import make_friedman1

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'friedman1.csv')
x, y = make_friedman1(n_samples=1000, n_features=10, noise=1.0, random_state=0)
with open(out, 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow([f'x{i + 1}' for i in range(10)] + ['y'])
    for row, target in zip(x, y):
        w.writerow([f'{v:.6f}' for v in row] + [f'{target:.6f}'])
