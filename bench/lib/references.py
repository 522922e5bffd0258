"""Reference measurements for `npm run bench`, printed as one JSON object.

Runs with Debian's python3-pandas / python3-torch / python3-sklearn (`/usr/bin/python3`).
Each workload reports what it measured, or {"skipped": "<why>"} when a library is missing.
Usage: references.py <workload> <json-args>
"""
import json
import resource
import sys
import time


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest(args):
    try:
        import pandas as pd
    except ImportError as e:
        return {"skipped": f"pandas unavailable ({e})"}
    before = peak_rss_mb()
    started = time.perf_counter()
    frame = pd.read_csv(args["path"])
    # "Typed columns ready for training": categorical text as category codes, like the studio's dictionary coding.
    for name in frame.columns:
        if frame[name].dtype == object:
            frame[name] = frame[name].astype("category")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": int(len(frame)), "peakMemoryMB": peak_rss_mb() - before, "pandas": pd.__version__}


def make_mlp(torch, inputs, hidden, classes, dropout=0.0):
    layers, width = [], inputs
    for units in hidden:
        layers += [torch.nn.Linear(width, units), torch.nn.ReLU()]
        if dropout > 0:
            layers.append(torch.nn.Dropout(dropout))
        width = units
    layers.append(torch.nn.Linear(width, classes))
    return torch.nn.Sequential(*layers)


def train_loop(torch, model, x, y, batch, epochs, lr, l2=0.0):
    # The studio's L2 is λ·Σw² over kernels (not biases) added to the mean loss: its gradient 2λw is
    # exactly Adam's weight_decay=2λ on the weight matrices alone.
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    biases = [p for name, p in model.named_parameters() if not name.endswith("weight")]
    groups = [{"params": weights, "weight_decay": 2 * l2}, {"params": biases, "weight_decay": 0.0}] if l2 > 0 else model.parameters()
    optimizer = torch.optim.Adam(groups, lr=lr)
    model.train()
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    epoch_seconds = []
    for _ in range(epochs):
        started = time.perf_counter()
        order = torch.randperm(n)
        for start in range(0, n, batch):
            index = order[start:start + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[index]), y[index])
            loss.backward()
            optimizer.step()
        epoch_seconds.append(time.perf_counter() - started)
    return epoch_seconds


def median_rate(samples, epoch_seconds):
    """Samples/s of the median epoch after the first (warm-up): robust to a noisy neighbour on a shared VM."""
    steady = sorted(epoch_seconds[1:] or epoch_seconds)
    return samples / steady[len(steady) // 2]


def load_xy_csv(path, target):
    import pandas as pd
    frame = pd.read_csv(path)
    y = frame.pop(target)
    classes = sorted(y.unique().tolist())
    codes = y.map({c: i for i, c in enumerate(classes)}).to_numpy()
    return frame.to_numpy(dtype="float32"), codes, classes


def tabular(args):
    try:
        import torch
    except ImportError as e:
        return {"skipped": f"PyTorch unavailable ({e})"}
    torch.set_num_threads(args["threads"])
    torch.manual_seed(0)
    x, y, classes = load_xy_csv(args["path"], args["target"])
    x = torch.tensor(x[: args["rows"]])
    y = torch.tensor(y[: args["rows"]], dtype=torch.long)
    dropout, l2 = args.get("dropout", 0.0), args.get("l2", 0.0)
    model = make_mlp(torch, x.shape[1], args["hidden"], len(classes), dropout)
    epochs = train_loop(torch, model, x, y, args["batch"], args["epochs"], args["lr"], l2)
    return {
        "samplesPerSecond": median_rate(x.shape[0], epochs),
        # The whole run, first epoch included (the studio's counterpart is a run from the Train button).
        "runSamplesPerSecond": x.shape[0] * len(epochs) / sum(epochs),
        "epochSeconds": epochs,
        "dropout": dropout,
        "l2": l2,
        "threads": args["threads"],
        "torch": torch.__version__,
    }


def cnn_from_spec(torch, spec, channels, size, classes):
    """The studio's CnnSpec as PyTorch layers: 'same'-padded convs, BN, max pools, dropout, dense."""
    act = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "elu": torch.nn.ELU, "sigmoid": torch.nn.Sigmoid}
    layers, c, s, flat = [], channels, size, None
    for layer in spec["layers"]:
        kind = layer["type"]
        if kind == "conv":
            layers += [torch.nn.Conv2d(c, layer["filters"], layer["kernel"], padding="same"), act[layer["activation"]]()]
            c = layer["filters"]
        elif kind == "batchnorm":
            layers.append(torch.nn.BatchNorm2d(c) if flat is None else torch.nn.BatchNorm1d(flat))
        elif kind == "maxpool":
            layers.append(torch.nn.MaxPool2d(layer["size"]))
            s //= layer["size"]
        elif kind == "dropout":
            layers.append(torch.nn.Dropout(layer["rate"]))
        elif kind == "dense":
            if flat is None:
                layers.append(torch.nn.Flatten())
                flat = c * s * s
            layers += [torch.nn.Linear(flat, layer["units"]), act[layer["activation"]]()]
            flat = layer["units"]
    if flat is None:
        layers.append(torch.nn.Flatten())
        flat = c * s * s
    layers.append(torch.nn.Linear(flat, classes))
    return torch.nn.Sequential(*layers)


def image(args):
    try:
        import torch
        import numpy as np
    except ImportError as e:
        return {"skipped": f"PyTorch unavailable ({e})"}
    torch.set_num_threads(args["threads"])
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    n = args["rows"]
    x = torch.tensor(rng.random((n, 1, 28, 28), dtype=np.float32))
    y = torch.tensor(rng.integers(0, 10, n), dtype=torch.long)
    model = cnn_from_spec(torch, args["spec"], 1, 28, 10)
    epochs = train_loop(torch, model, x, y, args["batch"], args["epochs"], args["lr"])
    return {"samplesPerSecond": median_rate(n, epochs), "epochSeconds": epochs, "threads": args["threads"], "torch": torch.__version__}


def accuracy(args):
    """scikit-learn logistic regression (and a PyTorch MLP when present) on the studio's exact split."""
    try:
        import numpy as np
        import pandas as pd
        from sklearn.compose import ColumnTransformer
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import OneHotEncoder, StandardScaler
        import sklearn
    except ImportError as e:
        return {"skipped": f"scikit-learn unavailable ({e})"}
    frame = pd.read_csv(args["path"])
    split = args["split"]
    target = args["target"]
    features = [c for c in args["features"]]
    numeric = [c for c in features if pd.api.types.is_numeric_dtype(frame[c])]
    categorical = [c for c in features if c not in numeric]
    pre = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), categorical),
    ])
    train_rows = split["train"] + split["validation"]
    test_rows = split["test"]
    x_train, y_train = frame.iloc[train_rows][features], frame.iloc[train_rows][target].astype(str)
    x_test, y_test = frame.iloc[test_rows][features], frame.iloc[test_rows][target].astype(str)
    started = time.perf_counter()
    model = make_pipeline(pre, LogisticRegression(max_iter=1000)).fit(x_train, y_train)
    seconds = time.perf_counter() - started
    result = {"sklearnLogReg": {"accuracy": float((model.predict(x_test) == y_test).mean()), "seconds": seconds}, "sklearn": sklearn.__version__}
    return result


WORKLOADS = {"ingest": ingest, "tabular": tabular, "image": image, "accuracy": accuracy}

if __name__ == "__main__":
    name, raw = sys.argv[1], sys.argv[2]
    try:
        print(json.dumps(WORKLOADS[name](json.loads(raw))))
    except Exception as error:  # report, never hide: the bench prints this note
        print(json.dumps({"skipped": f"{type(error).__name__}: {error}"}))
