"""Before/after tables for scripts/measure/results (parity only; never part of the product).

Reads the JSON lines that scripts/measure/search-quality.mjs prints on stderr (one per table and seed, with the
scikit-learn reference fields) for a "before" and an "after" run, and prints Markdown: per table (means over the
seeds) and per seed. Rows that lack `bestByCv` (written by an older search_reference.py) get the reference
recomputed from their job file (DIR/<table>-<seed>.job.json).

    /usr/bin/python3 scripts/measure/search_report.py BEFORE.log[,MORE.log] AFTER.log[,MORE.log] [JOBDIR]
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_reference import run as reference  # noqa: E402

ORDER = ['iris', 'penguins', 'wine', 'breast-cancer', 'digits']


def load(paths, jobdir):
    rows = {}
    for path in paths.split(','):
        for line in open(path):
            line = line.strip()
            if not line.startswith('{'):
                continue
            r = json.loads(line)
            if 'bestByCv' not in r and jobdir:
                r.update(reference(json.load(open(os.path.join(jobdir, f"{r['table']}-{r['seed']}.job.json")))[0]))
            rows[(r['table'], r['seed'])] = r
    return rows


def mean(xs):
    return sum(xs) / len(xs)


def main(before_paths, after_paths, jobdir=None):
    before, after = load(before_paths, jobdir), load(after_paths, jobdir)
    keys = sorted(set(before) & set(after), key=lambda k: (ORDER.index(k[0]) if k[0] in ORDER else 99, k[1]))
    tables = [t for t in ORDER if any(k[0] == t for k in keys)]
    pct = lambda x: f'{100 * x:.2f}'
    print('| table | seeds | before | after | sklearn LR (GridSearchCV C) | sklearn MLP | sklearn best of two, better on test | Δ after vs on-test | sklearn best of two, chosen by 5-fold CV | Δ after vs by-CV | kept exact LR before → after | search s before → after |')
    print('|---|---|---|---|---|---|---|---|---|---|---|---|')
    groups = [(t, [k for k in keys if k[0] == t]) for t in tables] + [('all', keys)]
    for name, ks in groups:
        b = [before[k] for k in ks]
        a = [after[k] for k in ks]
        lr = lambda rows: sum('L-BFGS' in r['studioModel'] for r in rows)
        print(
            f"| {name} | {len(ks)} | {pct(mean([r['studio'] for r in b]))} | {pct(mean([r['studio'] for r in a]))} | {pct(mean([r['logreg'] for r in a]))} | {pct(mean([r['mlp'] for r in a]))} | "
            f"{pct(mean([r['best'] for r in a]))} | {100 * (mean([r['studio'] for r in a]) - mean([r['best'] for r in a])):+.2f} | {pct(mean([r['bestByCv'] for r in a]))} | "
            f"{100 * (mean([r['studio'] for r in a]) - mean([r['bestByCv'] for r in a])):+.2f} | {lr(b)}/{len(b)} → {lr(a)}/{len(a)} | {mean([r['searchSeconds'] for r in b]):.1f} → {mean([r['searchSeconds'] for r in a]):.1f} |"
        )
    print()
    print('| table | seed | before | after | sklearn LR | sklearn best (on test) | sklearn best (by CV) | model before | model after | sklearn C |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    short = lambda m: m.replace('Logistic regression (softmax, L-BFGS, ', 'LR ').replace(')', '') if 'L-BFGS' in m else m
    for k in keys:
        b, a = before[k], after[k]
        print(f"| {k[0]} | {k[1]} | {pct(b['studio'])} | {pct(a['studio'])} | {pct(a['logreg'])} | {pct(a['best'])} | {pct(a['bestByCv'])} | {short(b['studioModel'])} | {short(a['studioModel'])} | {a['logregC']:.3g} |")


if __name__ == '__main__':
    main(*sys.argv[1:])
