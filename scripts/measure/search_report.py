"""Before/after tables for scripts/measure/results (parity only; never part of the product).

Reads the runner outputs of two scripts/measure/search-quality.mjs runs (BEFORE and AFTER folders:
<table>-<seed>.json and <table>-<seed>.job.json, e.g. run with --no-reference), checks that both used the same
train/test rows, scores scikit-learn once per split (search_reference.py: LogisticRegression with GridSearchCV C,
MLPClassifier, best of two on test and chosen by 5-fold CV), cached in AFTER/reference.json (also seeded from
any JSON lines of an earlier search-quality.mjs log given as LOG), and prints Markdown: per table (means over the
seeds) and per seed.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 scripts/measure/search_report.py BEFORE AFTER [LOG,...]
"""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_reference import run as reference  # noqa: E402

ORDER = ['iris', 'penguins', 'wine', 'breast-cancer', 'digits']
REF_KEYS = ['logreg', 'logregC', 'mlp', 'best', 'logregCv', 'mlpCv', 'bestByCv']


def runs(folder):
    out = {}
    for path in glob.glob(os.path.join(folder, '*-*.json')):
        name = os.path.basename(path)[:-5]
        if name.endswith('.job'):
            continue
        table, seed = name.rsplit('-', 1)
        if seed.isdigit():
            out[(table, int(seed))] = json.load(open(path))
    return out


def mean(xs):
    return sum(xs) / len(xs)


def main(before_dir, after_dir, logs=''):
    before, after = runs(before_dir), runs(after_dir)
    keys = sorted(set(before) & set(after), key=lambda k: (ORDER.index(k[0]) if k[0] in ORDER else 99, k[1]))
    cache_path = os.path.join(after_dir, 'reference.json')
    cache = json.load(open(cache_path)) if os.path.exists(cache_path) else {}
    for log in filter(None, logs.split(',')):
        for line in open(log):
            if line.startswith('{'):
                r = json.loads(line)
                if 'bestByCv' in r:
                    cache.setdefault(f"{r['table']}-{r['seed']}", {k: r[k] for k in REF_KEYS})
    refs = {}
    for table, seed in keys:
        jobs = [json.load(open(os.path.join(d, f'{table}-{seed}.job.json')))[0] for d in (before_dir, after_dir)]
        assert sorted(jobs[0]['train']) == sorted(jobs[1]['train']) and sorted(jobs[0]['test']) == sorted(jobs[1]['test']), f'{table} {seed}: splits differ'
        key = f'{table}-{seed}'
        if key not in cache:
            cache[key] = reference(jobs[1])
            json.dump(cache, open(cache_path, 'w'), indent=1)
        refs[(table, seed)] = cache[key]
    json.dump(cache, open(cache_path, 'w'), indent=1)

    tables = [t for t in ORDER if any(k[0] == t for k in keys)]
    pct = lambda x: f'{100 * x:.2f}'
    acc = lambda run: run['metrics']['accuracy']
    is_lr = lambda run: 'L-BFGS' in run['modelDescription']
    print('| table | splits | before (main) | after (g15) | sklearn LR (GridSearchCV C) | sklearn MLP | sklearn best of two, chosen by 5-fold CV | Δ after vs by-CV | sklearn best of two, better on test | Δ after vs on-test | kept exact LR before → after | search s before → after |')
    print('|---|---|---|---|---|---|---|---|---|---|---|---|')
    for name, ks in [(t, [k for k in keys if k[0] == t]) for t in tables] + [('all', keys)]:
        b, a, r = [before[k] for k in ks], [after[k] for k in ks], [refs[k] for k in ks]
        after_mean = mean([acc(x) for x in a])
        print(
            f"| {name} | {len(ks)} | {pct(mean([acc(x) for x in b]))} | {pct(after_mean)} | {pct(mean([x['logreg'] for x in r]))} | {pct(mean([x['mlp'] for x in r]))} | "
            f"{pct(mean([x['bestByCv'] for x in r]))} | {100 * (after_mean - mean([x['bestByCv'] for x in r])):+.2f} | {pct(mean([x['best'] for x in r]))} | "
            f"{100 * (after_mean - mean([x['best'] for x in r])):+.2f} | {sum(map(is_lr, b))}/{len(b)} → {sum(map(is_lr, a))}/{len(a)} | "
            f"{mean([x['seconds']['total'] for x in b]):.1f} → {mean([x['seconds']['total'] for x in a]):.1f} |"
        )
    print()
    print('| table | seed | before | after | sklearn LR | sklearn best (by CV) | sklearn best (on test) | model before | model after | sklearn C |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    short = lambda m: m.replace('Logistic regression (softmax, L-BFGS, ', 'LR ').rstrip(')') if 'L-BFGS' in m else m
    for k in keys:
        b, a, r = before[k], after[k], refs[k]
        print(f"| {k[0]} | {k[1]} | {pct(acc(b))} | {pct(acc(a))} | {pct(r['logreg'])} | {pct(r['bestByCv'])} | {pct(r['best'])} | {short(b['modelDescription'])} | {short(a['modelDescription'])} | {r['logregC']:.3g} |")


if __name__ == '__main__':
    main(*sys.argv[1:])
