"""The studio's fitted preprocessing (preprocessing.json), reproduced in NumPy/pandas.

Table models: every feature column is read as text and encoded exactly as Tau Studio does it
(src/preprocess/transform.ts): numbers are imputed with the fitted fill value and scaled as
(x - center) / scale; categories become one-hot slots in the fitted order, unseen ones all zeros.
Text columns: TF-IDF of word n-grams, or token ids for the text CNN (tau_text.py, which documents
how its word segmentation matches the studio's).
Image models: a pixel CSV (label column + one column per pixel, HWC order) scaled to 0..1.
Nothing is refitted here: the numbers all come from preprocessing.json.
"""
import json
import math
import re

import numpy as np
import pandas as pd

from tau_text import TextFeature

# Spellings of "no value" the studio's CSV reader treats as missing (src/data/csv/column-builder.ts).
MISSING_TOKENS = {
    "", "NA", "N/A", "n/a", "na", "NaN", "nan", "NAN", "null", "NULL", "Null", "None", "none",
    "?", "-", "#N/A", "#NA", "<NA>", ".", "missing",
}
# A decimal number as a person writes it (no hex, no "inf", no digit separators), like the studio's parser.
_NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
# Conventional names of the label column in a pixel CSV (src/data/images/pixel-csv.ts).
LABEL_NAMES = {"label", "labels", "class", "target", "y", "category"}


def load_preprocessing(path):
    with open(path, encoding="utf-8") as f:
        pre = json.load(f)
    if pre.get("format") != "tau-preprocessing":
        raise ValueError(f"{path} is not a Tau Studio preprocessing.json")
    if pre.get("kind", "tabular") not in ("tabular", "image"):
        raise NotImplementedError(f"preprocessing kind {pre.get('kind')!r} is not reproduced by this preprocess.py yet")
    return pre


def read_csv_chunks(path, chunk_rows):
    """Streams a CSV as DataFrames of `chunk_rows` rows, every cell as the text written in the file."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, chunksize=chunk_rows)


_TEXT_ENCODERS = {}


def _text_encoder(feature):
    """The TextFeature of a fitted text column, built once (its dictionary takes a moment)."""
    key = id(feature)
    if key not in _TEXT_ENCODERS:
        _TEXT_ENCODERS[key] = TextFeature(feature)
    return _TEXT_ENCODERS[key]


def text_notes():
    """What the caller should tell the user about text columns (the dictionary split is approximate)."""
    if any(e.segmenter.used_dictionary for e in _TEXT_ENCODERS.values()):
        return ["Text in Chinese, Japanese or a South-East Asian script was split into words over the model's vocabulary; "
                "the studio's browser segmenter may split some words differently (see tau_text.py), so a few "
                "predictions can differ slightly from the studio's."]
    return []


def is_missing(text):
    return len(text) == 0 or (len(text) <= 7 and text.strip() in MISSING_TOKENS)


def parse_number(text):
    """The number written in `text`, or NaN when it is not one."""
    return float(text) if _NUMBER.match(text) else math.nan


def js_number_text(value):
    """A float as JavaScript's String(number) prints it (category names of numeric cells, e.g. 1.0 -> "1")."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    mantissa, _, exponent = repr(abs(value)).partition("e")  # repr is the shortest round-trip form, as in JS
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    n = len(whole) + int(exponent or 0)  # the decimal point sits after n digits (ECMAScript Number::toString)
    stripped = digits.lstrip("0")
    n -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        text = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + text


def category_texts(cells):
    """Cell texts as the studio's table holds them: missing -> None; numbers -> JavaScript's spelling.

    The studio keeps a column numeric until the first cell that is not a number; the numbers before it
    are then re-spelled as JavaScript prints them and later cells are kept as written.
    """
    out = []
    numeric = True
    for text in cells:
        if is_missing(text):
            out.append(None)
            continue
        if numeric:
            value = parse_number(text)
            if value == value:
                out.append(js_number_text(value))
                continue
            numeric = False
        out.append(text)
    return out


def transform_table(pre, frame):
    """Encodes the rows of `frame` -> (float32 array rows x inputSize, {row: problem}).

    Rows with a problem (a value that is not a number, or a missing value when the model was trained on
    complete rows only) are all zeros and listed in the problems, exactly as in the studio.
    """
    rows = len(frame)
    features = np.zeros((rows, pre["inputSize"]), dtype=np.float32)
    problems = {}
    offset = 0
    drop = pre["missing"] == "drop"
    for feature in pre["features"]:
        name = feature["name"]
        if name not in frame.columns:
            raise KeyError(f'The data has no column "{name}", which the model needs.')
        cells = frame[name].tolist()
        if feature["kind"] == "text":
            # A missing text is empty text: no terms, all zeros (as in the studio).
            encoder = _text_encoder(feature)
            for r, text in enumerate(category_texts(cells)):
                encoder.encode(text or "", features[r, offset:offset + encoder.width])
            offset += encoder.width
        elif feature["kind"] == "numeric":
            values = np.empty(rows, dtype=np.float64)
            for r, text in enumerate(cells):
                value = math.nan if is_missing(text) else parse_number(text)
                if value != value:
                    if not is_missing(text) and text.strip() != "":
                        problems.setdefault(r, f'"{text[:40]}" is not a number')
                    elif drop:
                        problems.setdefault(r, "value is missing (the model was trained on complete rows only)")
                    value = feature["fill"]
                values[r] = value
            # Computed in float64, stored as float32, as the studio does.
            features[:, offset] = ((values - feature["center"]) / feature["scale"]).astype(np.float32)
            offset += 1
        else:
            slots = {category: i for i, category in enumerate(feature["categories"])}
            for r, category in enumerate(category_texts(cells)):
                if category is None or category.strip() == "":
                    if drop:
                        problems.setdefault(r, "value is missing (the model was trained on complete rows only)")
                    category = feature["fill"]
                slot = slots.get(category)
                if slot is not None:  # unseen categories stay all zeros
                    features[r, offset + slot] = 1.0
            offset += len(feature["categories"])
    for r in problems:
        features[r, :] = 0.0
    return features, problems


def label_column(pre, frame, requested=None):
    """The target column: the given one, the trained target's name, or (pixel CSVs) a conventional name."""
    if requested:
        return requested if requested in frame.columns else None
    name = pre["target"]["name"]
    if pre.get("kind") != "image" and name in frame.columns:
        return name
    if pre.get("kind") == "image":
        for column in frame.columns:
            if column.strip().lower() in LABEL_NAMES:
                return column
    return None


def transform_images(pre, frame, label=None):
    """Pixel CSV rows -> float32 array rows x height x width x channels (pixel / 255, HWC)."""
    image = pre["image"]
    shape = (image["height"], image["width"], image["channels"])
    columns = [c for c in frame.columns if c != label]
    if len(columns) != shape[0] * shape[1] * shape[2]:
        raise ValueError(f"{len(columns)} pixel columns, but the model takes {shape[0]}x{shape[1]}x{shape[2]} images")
    pixels = frame[columns].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=np.float64)
    problems = {int(r): "a pixel is missing or not a number" for r in np.nonzero(np.isnan(pixels).any(axis=1))[0]}
    pixels = np.nan_to_num(pixels)
    # The studio stores pixels as bytes (0..255) and feeds byte * pixelScale (1/255), computed in float64.
    scaled = (np.clip(np.rint(pixels), 0, 255) * float(pre.get("pixelScale", 1 / 255))).astype(np.float32)
    return scaled.reshape((len(frame),) + shape), problems


def transform(pre, frame, label=None):
    if pre.get("kind") == "image":
        return transform_images(pre, frame, label)
    return transform_table(pre, frame)


def encode_labels(pre, frame, column):
    """Class index of each row's target (-1 when missing or not one of the trained classes)."""
    classes = {name: i for i, name in enumerate(pre["target"]["classes"])}
    return np.array([-1 if c is None else classes.get(c, -1) for c in category_texts(frame[column].tolist())], dtype=np.int64)


def target_scaling(pre):
    """(center, scale) of a regression target: the model predicts (y - center) / scale. Identity if not standardized."""
    target = pre["target"]
    center = target.get("center", target.get("mean", 0.0))
    scale = target.get("scale", target.get("std", 1.0))
    return float(center or 0.0), float(scale or 1.0)


def regression_targets(pre, frame, column):
    """Numeric targets as the model is trained on them (standardized when the studio did; NaN when missing)."""
    values = np.array([math.nan if is_missing(t) else parse_number(t) for t in frame[column].tolist()], dtype=np.float64)
    center, scale = target_scaling(pre)
    return (values - center) / scale
