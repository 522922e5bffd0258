#!/usr/bin/env python3
"""Reference for the image quality bar: a small PyTorch CNN trained on exactly the studio's split.

    python3 scripts/measure/torch_reference.py --images subset-images-idx3-ubyte.gz --labels subset-labels-idx1-ubyte.gz \
        --split studio-result.json [--epochs 15] [--seed 0] [--out torch.json]

`--split` is the JSON `tau train … --include-split` printed: its splitRows (train / validation / test image
indices) are used as they are, so both sides see the same images. The CNN is the usual small one
(conv32-pool-conv64-pool-fc128, dropout), Adam 1e-3, batch 64, best epoch by validation loss.
Prints one JSON object: test accuracy, epochs, seconds. Reference only; never part of the product.
"""
import argparse
import gzip
import json
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class SmallCnn(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Dropout(0.25),
        )
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.3), nn.Linear(128, classes))

    def forward(self, x):
        return self.head(self.features(x))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--images', required=True)
    parser.add_argument('--labels', required=True)
    parser.add_argument('--split', required=True, help='tau train --include-split JSON')
    parser.add_argument('--epochs', type=int, default=15)
    parser.add_argument('--batch-size', type=int, default=64)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--out')
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    x = torch.tensor(read_idx(args.images), dtype=torch.float32).unsqueeze(1) / 255.0
    y = torch.tensor(read_idx(args.labels).astype(np.int64))
    with open(args.split) as f:
        rows = json.load(f)['splitRows']
    train, val, test = (torch.tensor(rows[k], dtype=torch.long) for k in ('train', 'validation', 'test'))

    model = SmallCnn(int(y.max()) + 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    best = (float('inf'), None, 0)
    started = time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = train[torch.randperm(len(train))]
        for start in range(0, len(order), args.batch_size):
            batch = order[start:start + args.batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            val_loss = loss_fn(model(x[val]), y[val]).item() if len(val) else 0.0
        if val_loss < best[0]:
            best = (val_loss, {k: v.clone() for k, v in model.state_dict().items()}, epoch)
    model.load_state_dict(best[1])
    model.eval()
    with torch.no_grad():
        accuracy = (model(x[test]).argmax(1) == y[test]).float().mean().item()
    result = {
        'model': 'PyTorch conv32-pool-conv64-pool-fc128 (dropout 0.25/0.3), Adam 1e-3',
        'split': {'train': len(train), 'validation': len(val), 'test': len(test)},
        'epochs': args.epochs,
        'bestEpoch': best[2],
        'accuracy': accuracy,
        'seconds': time.time() - started,
        'threads': torch.get_num_threads(),
    }
    text = json.dumps(result, indent=2)
    if args.out:
        with open(args.out, 'w') as f:
            f.write(text + '\n')
    print(text)


if __name__ == '__main__':
    main()
