"""Continues training the exported model on a CSV of any size, on one or many processes.

    python train.py --data big.csv --epochs 5 --out run/                 # one process
    python train.py --data big.csv --epochs 5 --out run/ --nproc 4       # 4 local processes (gloo / nccl)
    RANK=0 WORLD_SIZE=2 LOCAL_RANK=0 MASTER_ADDR=host MASTER_PORT=29500 python train.py ...   # any launcher
    (torchrun, SLURM, ... set those variables; every process runs the same command)
    python train.py --data big.csv --epochs 10 --out run/ --resume      # continue from run/

Training uses the studio's loss (cross-entropy on the softmax output, probabilities clipped to
[1e-7, 1 - 1e-7], plus L2 on the kernels), optimizer (Adam with epsilon 1e-7, or SGD with momentum 0.9),
learning rate and batch size (per process), from studio.json. The CSV is streamed in chunks of
--chunk-rows rows; each chunk is shuffled and split between processes (as DistributedSampler does), so
no process ever holds the whole file. After every epoch the weights are written to --out as
epoch-NNNN.safetensors + epoch-NNNN.json (and latest.*), which the studio's "Import model" accepts.
"""
import argparse
import contextlib
import json
import math
import os
import shutil
import socket
import time

import numpy as np
import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

from model import PENALIZED, build_model
from preprocess import encode_labels, label_column, load_preprocessing, read_csv_chunks, regression_targets, transform
from tau_safetensors import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
CLIP = 1e-7  # the studio clips probabilities to [1e-7, 1 - 1e-7] inside the log


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="training CSV (same columns as in the studio)")
    parser.add_argument("--eval-data", default=None, help="CSV to evaluate on after each epoch (default: --data)")
    parser.add_argument("--epochs", type=int, default=1, help="train until this many epochs are done (counting resumed ones)")
    parser.add_argument("--out", default="run", help="folder for checkpoints")
    parser.add_argument("--resume", action="store_true", help="continue from the latest checkpoint in --out")
    parser.add_argument("--weights", default=os.path.join(HERE, "weights.safetensors"), help="starting weights")
    parser.add_argument("--nproc", type=int, default=1, help="spawn this many local processes (ignored when RANK/WORLD_SIZE are set)")
    parser.add_argument("--batch-size", type=int, default=None, help="examples per step per process (default: the studio's)")
    parser.add_argument("--learning-rate", type=float, default=None, help="default: the studio's")
    parser.add_argument("--chunk-rows", type=int, default=50_000, help="CSV rows read (and shuffled) at a time")
    parser.add_argument("--label-column", default=None, help="the target column (default: the studio's target; pixel CSVs: label)")
    parser.add_argument("--device", default=None, help="cpu or cuda (default: cuda when available)")
    return parser.parse_args()


def main():
    args = parse_args()
    if args.nproc > 1 and "WORLD_SIZE" not in os.environ:
        # Spawn the processes here; each sets the same variables a launcher such as torchrun would.
        port = free_port()
        torch.multiprocessing.spawn(spawned, args=(args, port), nprocs=args.nproc, join=True)
    else:
        train(args)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawned(index, args, port):
    os.environ.update(RANK=str(index), LOCAL_RANK=str(index), WORLD_SIZE=str(args.nproc), MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    train(args)


def train(args):
    with open(os.path.join(HERE, "studio.json"), encoding="utf-8") as f:
        studio = json.load(f)
    pre = load_preprocessing(os.path.join(HERE, "preprocessing.json"))
    settings = studio["training"]
    regression = studio.get("task") == "regression"

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    use_cuda = (args.device or ("cuda" if torch.cuda.is_available() else "cpu")) == "cuda"
    device = torch.device(f"cuda:{local_rank}" if use_cuda else "cpu")
    if use_cuda:
        torch.cuda.set_device(device)
    if world > 1 and not use_cuda:
        # K processes on one machine share its cores: one intra-op pool per process of cores // K threads
        # (the default, every core per process, oversubscribes the CPU and stalls gloo's collectives).
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // world))
    if world > 1:
        # Reads MASTER_ADDR / MASTER_PORT from the environment.
        dist.init_process_group("nccl" if use_cuda else "gloo", rank=rank, world_size=world)
    torch.manual_seed(int(settings.get("seed", 42)) + rank)  # dropout differs per process, as it should

    os.makedirs(args.out, exist_ok=True)
    start_epoch = 0
    weights = args.weights
    state_path = os.path.join(args.out, "train_state.pt")
    if args.resume:
        if not os.path.exists(state_path):
            raise SystemExit(f"--resume: {state_path} does not exist; train without --resume first")
        state = torch.load(state_path, map_location="cpu")
        start_epoch = state["epoch"]
        weights = os.path.join(args.out, state["weights"])
    model = build_model(weights).to(device)
    batch_size = args.batch_size or int(settings["batchSize"])
    learning_rate = args.learning_rate or float(settings["learningRate"])
    if settings.get("optimizer", "adam") == "sgd":
        optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate, momentum=0.9)
    else:
        # TF.js Adam: beta1 0.9, beta2 0.999, epsilon 1e-7 (PyTorch's default is 1e-8).
        optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate, betas=(0.9, 0.999), eps=1e-7)
    if args.resume:
        optimizer.load_state_dict(state["optimizer"])
    trained = DistributedDataParallel(model) if world > 1 else model
    l2 = float(settings.get("l2", 0.0))
    penalized = [p for name, p in model.named_parameters() if name in PENALIZED]

    def loss_of(outputs, targets):
        if regression:
            kind = settings.get("loss", "mse")
            prediction = outputs[:, 0]
            if kind == "mae":
                data_loss = torch.mean(torch.abs(prediction - targets))
            elif kind == "huber":
                data_loss = torch.nn.functional.huber_loss(prediction, targets, delta=float(settings.get("huberDelta", 1.0)))
            else:
                data_loss = torch.mean((prediction - targets) ** 2)
        else:
            picked = outputs.gather(1, targets.view(-1, 1)).clamp(CLIP, 1 - CLIP)
            data_loss = -torch.log(picked).sum() / len(targets)
        if l2 > 0 and penalized:
            data_loss = data_loss + l2 * sum(torch.sum(p * p) for p in penalized)
        return data_loss

    for epoch in range(start_epoch + 1, args.epochs + 1):
        started = time.time()
        trained.train()
        loss_sum, seen = 0.0, 0
        # join() lets processes that run out of batches early keep answering the others' all-reduces.
        with trained.join() if world > 1 else contextlib.nullcontext():
            for x, y in batches(args, pre, studio, epoch, rank, world, batch_size, shuffle=True):
                x, y = x.to(device), y.to(device)
                optimizer.zero_grad()
                loss = loss_of(trained(x), y)
                loss.backward()
                optimizer.step()
                loss_sum += float(loss) * len(y)
                seen += len(y)
        totals = torch.tensor([loss_sum, seen], dtype=torch.float64)
        if world > 1:
            dist.all_reduce(totals)
        report = evaluate(model, args, pre, studio, rank, world, device)
        report.update(epoch=epoch, trainLoss=float(totals[0] / max(1.0, float(totals[1]))), trainRows=int(totals[1]), seconds=round(time.time() - started, 3), processes=world)
        if rank == 0:
            save_checkpoint(model, optimizer, args.out, epoch, report, studio, pre)
            print(json.dumps(report), flush=True)
        if world > 1:
            dist.barrier()  # every process starts the next epoch after the checkpoint exists
    if world > 1:
        dist.destroy_process_group()


def batches(args, pre, studio, epoch, rank, world, batch_size, data=None, shuffle=False):
    """Yields (inputs, targets) for this process: chunk by chunk, each chunk shuffled and dealt out by rank."""
    regression = studio.get("task") == "regression"
    seed = int(studio["training"].get("seed", 42))
    for index, chunk in enumerate(read_csv_chunks(data or args.data, args.chunk_rows)):
        target = args.label_column or label_column(pre, chunk)
        if target is None or target not in chunk.columns:
            raise SystemExit(f"{data or args.data} has no target column {args.label_column or pre['target']['name']!r}; name it with --label-column")
        features, problems = transform(pre, chunk, target if pre.get("kind") == "image" else None)
        if regression:
            targets = regression_targets(pre, chunk, target)
            usable = ~np.isnan(targets)
        else:
            targets = encode_labels(pre, chunk, target)
            usable = targets >= 0  # unknown classes and missing labels are skipped
        if problems:
            usable[list(problems)] = False
        rows = np.nonzero(usable)[0]
        if shuffle:
            # The same permutation on every process (seeded by epoch and chunk), then every world-th row.
            rows = np.random.default_rng([seed, epoch, index]).permutation(rows)
        rows = rows[rank::world]
        for start in range(0, len(rows), batch_size):
            take = rows[start : start + batch_size]
            x = torch.from_numpy(features[take])
            y = torch.from_numpy(targets[take].astype(np.float32 if regression else np.int64))
            yield x, y


@torch.no_grad()
def evaluate(model, args, pre, studio, rank, world, device):
    """The studio's evaluation on --eval-data (or --data): accuracy and macro-F1, or MAE and R²."""
    model.eval()
    regression = studio.get("task") == "regression"
    classes = studio["classes"]
    k = 1 if regression else len(classes)
    confusion = torch.zeros((k, k), dtype=torch.float64)
    sums = torch.zeros(5, dtype=torch.float64)  # regression: n, sum |e|, sum e², sum y, sum y²
    loss_sum = torch.zeros(2, dtype=torch.float64)
    for x, y in batches(args, pre, studio, 0, rank, world, 4096, data=args.eval_data):
        outputs = model(x.to(device)).cpu()
        if regression:
            from preprocess import target_scaling

            center, scale = target_scaling(pre)
            prediction = outputs[:, 0].double() * scale + center
            truth = y.double() * scale + center
            error = prediction - truth
            sums += torch.stack([torch.tensor(float(len(y)), dtype=torch.float64), error.abs().sum(), (error**2).sum(), truth.sum(), (truth**2).sum()])
        else:
            predicted = outputs.argmax(1)
            confusion.index_put_((y, predicted), torch.ones(len(y), dtype=torch.float64), accumulate=True)
            picked = outputs.gather(1, y.view(-1, 1)).clamp(CLIP, 1 - CLIP)
            loss_sum += torch.tensor([float(-torch.log(picked.double()).sum()), float(len(y))], dtype=torch.float64)
    if world > 1:
        for t in (confusion, sums, loss_sum):
            dist.all_reduce(t)
    model.train()
    where = "eval-data" if args.eval_data else "training data"
    if regression:
        n, abs_sum, sq_sum, y_sum, y_sq = (float(v) for v in sums)
        total = y_sq - y_sum * y_sum / n if n else 0.0
        return {"evaluatedOn": where, "rows": int(n), "mae": abs_sum / n if n else math.nan, "r2": 1 - sq_sum / total if total > 0 else math.nan}
    return {"evaluatedOn": where, "rows": int(confusion.sum()), "loss": float(loss_sum[0] / max(1.0, float(loss_sum[1]))), **classification_metrics(confusion.numpy())}


def classification_metrics(confusion):
    """Accuracy and macro-F1 as scikit-learn computes them (F1 averaged over classes seen in truth or prediction)."""
    total = confusion.sum()
    correct = np.trace(confusion)
    true_count = confusion.sum(axis=1)
    predicted_count = confusion.sum(axis=0)
    present = (true_count + predicted_count) > 0
    tp = np.diag(confusion)
    denominator = true_count + predicted_count
    f1 = np.where(denominator > 0, 2 * tp / np.maximum(denominator, 1), 0.0)
    return {"accuracy": float(correct / total) if total else math.nan, "macroF1": float(f1[present].mean()) if present.any() else math.nan}


def save_checkpoint(model, optimizer, out, epoch, report, studio, pre):
    """epoch-NNNN.safetensors + .json (the studio imports this pair), latest.*, and train_state.pt for --resume."""
    stem = f"epoch-{epoch:04d}"
    tensors = {name: t for name, t in model.state_dict().items() if not name.endswith("num_batches_tracked")}
    save_file(tensors, os.path.join(out, f"{stem}.safetensors"), metadata={"format": "tau-pytorch-checkpoint", "epoch": epoch})
    info = {
        "format": "tau-pytorch-checkpoint",
        "version": 1,
        "epoch": epoch,
        "weights": f"{stem}.safetensors",
        "evaluation": report,
        "torch": torch.__version__,
        "studio": studio,
        "preprocessing": pre,
    }
    with open(os.path.join(out, f"{stem}.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)
    shutil.copyfile(os.path.join(out, f"{stem}.safetensors"), os.path.join(out, "latest.safetensors"))
    with open(os.path.join(out, "latest.json"), "w", encoding="utf-8") as f:
        json.dump({**info, "weights": "latest.safetensors"}, f, indent=1)
    torch.save({"epoch": epoch, "weights": f"{stem}.safetensors", "optimizer": optimizer.state_dict()}, os.path.join(out, "train_state.pt.tmp"))
    os.replace(os.path.join(out, "train_state.pt.tmp"), os.path.join(out, "train_state.pt"))


if __name__ == "__main__":
    main()
