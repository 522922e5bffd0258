"""Writes src/evaluate/fixtures/sklearn-metrics.json: fixed prediction sets and
scikit-learn's metrics for them, so the TypeScript metrics can be checked against
sklearn without Python at test time.

Run with Debian's python3-sklearn:
    /usr/bin/python3 scripts/parity/make-metrics-fixture.py [--out PATH]
The JSON is committed. src/evaluate/classification-report.parity.test.ts reruns this
script into a temp file (when sklearn is available) and fails if the committed
fixture is stale.

Conventions of the fixture:
- classes are the indices 0..K-1 into `labels`; probabilities are n*K row-major.
- sklearn is always called with labels=range(K), so zero-support labels count.
- a metric sklearn refuses (raises, or warns UndefinedMetricWarning for ROC) is
  null, with the message in `sklearnErrors`.
- roc thresholds[0] is written as the string "inf" when sklearn returns inf
  (sklearn >= 1.3); sklearn 1.2 returns max(score) + 1 there, written as a number.
"""
import argparse
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    log_loss,
    precision_recall_fscore_support,
    roc_auc_score,
    roc_curve,
)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
DEFAULT_OUT = os.path.join(ROOT, 'src', 'evaluate', 'fixtures', 'sklearn-metrics.json')


def normalise(weights):
    """Rows scaled to sum to 1. Inputs avoid exp/log: numpy's SIMD exp differs in the
    last bit between CPUs, and the regenerated fixture must not depend on the CPU."""
    return weights / weights.sum(axis=1, keepdims=True)


def one_hot(y, k):
    out = np.zeros((len(y), k))
    out[np.arange(len(y)), y] = 1.0
    return out


def floats(a):
    """Plain Python floats; inf as "inf" (JSON has no Infinity)."""
    return ['inf' if math.isinf(v) and v > 0 else float(v) for v in np.asarray(a).ravel().tolist()]


def sklearn_call(errors, key, fn):
    """Runs fn; a ValueError or UndefinedMetricWarning means sklearn gives no value."""
    with warnings.catch_warnings():
        warnings.simplefilter('error', UndefinedMetricWarning)
        try:
            return fn()
        except (ValueError, UndefinedMetricWarning) as e:
            errors[key] = f'{type(e).__name__}: {e}'
            return None


def expected_for(y_true, y_pred, k, probs):
    labels = list(range(k))
    errors = {}
    per = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None, zero_division=0)
    out = {
        'accuracy': float(accuracy_score(y_true, y_pred)),
        'perClass': {
            'precision': floats(per[0]),
            'recall': floats(per[1]),
            'f1': floats(per[2]),
            'support': [int(v) for v in per[3]],
        },
    }
    for avg in ('macro', 'weighted'):
        p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=avg, zero_division=0)
        out[avg] = {'precision': float(p), 'recall': float(r), 'f1': float(f)}
    out['confusionMatrix'] = confusion_matrix(y_true, y_pred, labels=labels).tolist()
    out['logLoss'] = None
    out['rocCurve'] = None
    out['rocAuc'] = None
    out['rocAucMacroOvr'] = None
    if probs is not None:
        out['logLoss'] = float(log_loss(y_true, probs, labels=labels))
        if k == 2:
            roc = sklearn_call(errors, 'rocCurve', lambda: roc_curve(y_true, probs[:, 1], drop_intermediate=True))
            if roc is not None:
                out['rocCurve'] = {'fpr': floats(roc[0]), 'tpr': floats(roc[1]), 'thresholds': floats(roc[2])}
            auc = sklearn_call(errors, 'rocAuc', lambda: roc_auc_score(y_true, probs[:, 1]))
            out['rocAuc'] = None if auc is None else float(auc)
        else:
            auc = sklearn_call(errors, 'rocAucMacroOvr', lambda: roc_auc_score(
                y_true, probs, multi_class='ovr', average='macro', labels=labels))
            out['rocAucMacroOvr'] = None if auc is None else float(auc)
    out['sklearnErrors'] = errors
    return out


def case(name, description, labels, y_true, y_pred, probs=None):
    k = len(labels)
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    return {
        'name': name,
        'description': description,
        'labels': labels,
        'yTrue': y_true.tolist(),
        'yPred': y_pred.tolist(),
        'probabilitiesDtype': None if probs is None else str(probs.dtype),
        'probabilities': None if probs is None else floats(probs),
        'expected': expected_for(y_true, y_pred, k, probs),
    }


def build_cases():
    cases = []

    # (a) Binary, scores rounded to 0.1 so many samples share a score (ties), and
    # some scores are exactly 0 or 1 (log-loss clipping).
    rng = np.random.default_rng(101)
    n = 240
    y = rng.integers(0, 2, n)
    p = np.round(np.clip(0.5 + 0.2 * (2 * y - 1) + 0.8 * (rng.random(n) - 0.5), 0, 1), 1)
    cases.append(case('binary-tied-scores', 'binary, scores on a 0.1 grid (ties), some exactly 0/1',
                      ['negative', 'positive'], y, (p >= 0.5).astype(int), np.stack([1 - p, p], axis=1)))

    # (b) 3-class with noisy probabilities; 10% of predictions replaced at random so
    # yPred is not just argmax(probabilities).
    rng = np.random.default_rng(202)
    n, k = 300, 3
    y = rng.integers(0, k, n)
    probs = normalise(rng.random((n, k)) + 0.35 * one_hot(y, k))
    pred = probs.argmax(axis=1)
    flip = rng.random(n) < 0.1
    pred[flip] = rng.integers(0, k, flip.sum())
    cases.append(case('multiclass-3', '3-class, 10% of predictions randomised',
                      ['setosa', 'versicolor', 'virginica'], y, pred, probs))

    # (c) 5-class: label index 2 is never predicted, label index 4 never occurs in
    # yTrue (zero support) but is predicted sometimes. Labels are hostile object keys.
    rng = np.random.default_rng(303)
    n, k = 250, 5
    y = rng.integers(0, 4, n)
    probs = normalise(rng.random((n, k)) + 0.6 * one_hot(y, k))
    pred = probs.argmax(axis=1)
    pred[pred == 2] = 1
    pred[rng.random(n) < 0.06] = 4
    cases.append(case('multiclass-5-missing', '5-class: one class never predicted, one label with zero support',
                      ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'], y, pred, probs))

    # (d) Edge cases: perfect and all-wrong, with hard 0/1 probabilities.
    rng = np.random.default_rng(404)
    y = rng.integers(0, 2, 40)
    cases.append(case('binary-perfect', 'binary, every prediction right, one-hot probabilities',
                      ['no', 'yes'], y, y, one_hot(y, 2)))
    cases.append(case('binary-all-wrong', 'binary, every prediction wrong, one-hot probabilities on the wrong class',
                      ['no', 'yes'], y, 1 - y, one_hot(1 - y, 2)))
    y = rng.integers(0, 3, 45)
    cases.append(case('multiclass-3-perfect', '3-class, every prediction right, one-hot probabilities',
                      ['a', 'b', 'c'], y, y, one_hot(y, 3)))
    wrong = (y + 1) % 3
    cases.append(case('multiclass-3-all-wrong', '3-class, every prediction wrong',
                      ['a', 'b', 'c'], y, wrong, normalise(rng.random((45, 3)) + 2 * one_hot(wrong, 3))))
    y = np.ones(30, dtype=int)
    pred = (rng.random(30) < 0.7).astype(int)
    p = np.round(rng.random(30), 2)
    cases.append(case('binary-single-class', 'binary, yTrue has only the positive class (ROC undefined)',
                      ['neg', 'pos'], y, pred, np.stack([1 - p, p], axis=1)))

    # 12 classes: K >= 8 takes numpy's unrolled pairwise sum in the macro mean.
    rng = np.random.default_rng(505)
    n, k = 600, 12
    y = rng.integers(0, k, n)
    probs = normalise(rng.random((n, k)) + 1.5 * rng.random((n, 1)) * one_hot(y, k))
    cases.append(case('multiclass-12', '12-class, confidence varying by sample', [f'class_{i}' for i in range(k)],
                      y, probs.argmax(axis=1), probs))

    # float32 probabilities: sklearn 1.2 clips with eps = finfo(float32).eps.
    rng = np.random.default_rng(606)
    n, k = 90, 3
    y = rng.integers(0, k, n)
    u = rng.random((n, k))
    probs = normalise(u * u * u + 0.5 * one_hot(y, k))
    probs[:10] = one_hot((y[:10] + 1) % k, k)  # hard wrong answers: loss hits the clip
    cases.append(case('multiclass-3-float32', '3-class, float32 probabilities incl. hard 0/1',
                      ['x', 'y', 'z'], y, probs.argmax(axis=1), probs.astype(np.float32)))

    # No probabilities at all.
    rng = np.random.default_rng(707)
    y = rng.integers(0, 4, 20)
    cases.append(case('labels-only', '4-class, predictions only', ['w', 'x', 'y', 'z'], y, rng.integers(0, 4, 20)))
    return cases


def dump(value, indent=0):
    """JSON with one line per field and scalar arrays inline: readable diffs, small file."""
    pad = '  ' * indent
    if isinstance(value, dict):
        if not value:
            return '{}'
        items = [f'{pad}  {json.dumps(key)}: {dump(v, indent + 1)}' for key, v in value.items()]
        return '{\n' + ',\n'.join(items) + '\n' + pad + '}'
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        if all(isinstance(v, list) and not any(isinstance(w, (dict, list)) for w in v) for v in value):
            return '[' + ', '.join(json.dumps(v, allow_nan=False) for v in value) + ']'
        return '[\n' + ',\n'.join(f'{pad}  {dump(v, indent + 1)}' for v in value) + '\n' + pad + ']'
    return json.dumps(value, allow_nan=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--out', default=DEFAULT_OUT)
    args = parser.parse_args()
    fixture = {
        'generator': 'scripts/parity/make-metrics-fixture.py',
        'sklearnVersion': sklearn.__version__,
        'numpyVersion': np.__version__,
        'cases': build_cases(),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, 'w') as f:
        f.write(dump(fixture) + '\n')


if __name__ == '__main__':
    main()
