"""Predicts with the exported model: python predict.py --data rows.csv --out predictions.csv

Writes one row per input row: `prediction` (the class, or the number for a regression model), for
classifiers one `p_<class>` probability column per class, and `problem` (why a row has no prediction).
The CSV is read in chunks, so files larger than memory work.
"""
import argparse
import csv
import json
import os
import sys

import numpy as np
import torch

from model import build_model
from preprocess import label_column, load_preprocessing, read_csv_chunks, target_scaling, text_notes, transform

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="CSV with the feature columns (pixel CSV for image models)")
    parser.add_argument("--out", required=True, help="where to write the predictions CSV")
    parser.add_argument("--weights", default=os.path.join(HERE, "weights.safetensors"), help="a .safetensors file (default: the exported weights; or a train.py checkpoint)")
    parser.add_argument("--label-column", default=None, help="image models: the label column of the pixel CSV, left out of the pixels")
    parser.add_argument("--chunk-rows", type=int, default=50_000, help="rows read at a time")
    args = parser.parse_args()

    pre = load_preprocessing(os.path.join(HERE, "preprocessing.json"))
    with open(os.path.join(HERE, "studio.json"), encoding="utf-8") as f:
        studio = json.load(f)
    classes = studio["classes"]
    regression = studio.get("task") == "regression"
    model = build_model(args.weights).eval()
    torch.set_grad_enabled(False)

    with open(args.out, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["prediction"] + ([] if regression else [f"p_{c}" for c in classes]) + ["problem"])
        rows = 0
        for chunk in read_csv_chunks(args.data, args.chunk_rows):
            label = label_column(pre, chunk, args.label_column) if pre.get("kind") == "image" else None
            features, problems = transform(pre, chunk, label)
            outputs = model(torch.from_numpy(features)).numpy()
            for r in range(len(chunk)):
                if r in problems:
                    writer.writerow([""] + ([] if regression else [""] * len(classes)) + [problems[r]])
                elif regression:
                    center, scale = target_scaling(pre)
                    value = float(outputs[r, 0]) * scale + center
                    writer.writerow([repr(value), ""])
                else:
                    p = outputs[r]
                    # float32 probabilities written with 9 significant digits (exact for float32).
                    writer.writerow([classes[int(np.argmax(p))]] + [f"{float(v):.9g}" for v in p] + [""])
            rows += len(chunk)
    for note in text_notes():
        print(f"note: {note}", file=sys.stderr)
    print(json.dumps({"rows": rows, "out": os.path.abspath(args.out)}))


if __name__ == "__main__":
    main()
