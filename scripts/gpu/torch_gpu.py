"""PyTorch references for the GPU machine: the bench's tabular MLP and CNN (bench/lib/references.py builds
the same layers) trained on CUDA and on all CPU cores, timed per epoch with the GPU synchronized.
Usage: python3 scripts/gpu/torch_gpu.py > torch.json"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench", "lib"))
import torch  # noqa: E402
from references import cnn_from_spec, make_mlp  # noqa: E402

CNN = {"layers": [
    {"type": "conv", "filters": 32, "kernel": 3, "activation": "relu"}, {"type": "maxpool", "size": 2},
    {"type": "conv", "filters": 64, "kernel": 3, "activation": "relu"}, {"type": "maxpool", "size": 2},
    {"type": "dense", "units": 128, "activation": "relu"}]}


def train(device, model, x, y, batch, epochs, lr, l2):
    weights = [p for n, p in model.named_parameters() if n.endswith("weight")]
    biases = [p for n, p in model.named_parameters() if not n.endswith("weight")]
    optimizer = torch.optim.Adam([{"params": weights, "weight_decay": 2 * l2}, {"params": biases, "weight_decay": 0.0}], lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    n, seconds = x.shape[0], []
    for _ in range(epochs):
        if device == "cuda":
            torch.cuda.synchronize()
        started = time.perf_counter()
        order = torch.randperm(n, device=device)
        for start in range(0, n, batch):
            index = order[start:start + batch]
            optimizer.zero_grad()
            loss_fn(model(x[index]), y[index]).backward()
            optimizer.step()
        if device == "cuda":
            torch.cuda.synchronize()
        seconds.append(time.perf_counter() - started)
    steady = sorted(seconds[1:])[len(seconds[1:]) // 2]
    return {"epochSeconds": seconds, "steadySamplesPerSecond": n / steady, "runSamplesPerSecond": n * epochs / sum(seconds)}


def workloads(device):
    torch.manual_seed(0)
    out = {}
    x = torch.rand(8192, 32, device=device)
    y = torch.randint(0, 2, (8192,), device=device)
    out["mlp"] = train(device, make_mlp(torch, 32, [64, 64], 2, 0.2).to(device), x, y, 256, 5, 0.01, 0.001)
    x = torch.rand(65536, 32, device=device)
    y = torch.randint(0, 2, (65536,), device=device)
    out["mlpBatch2048"] = train(device, make_mlp(torch, 32, [64, 64], 2, 0.2).to(device), x, y, 2048, 4, 0.01, 0.001)
    x = torch.rand(4096, 1, 28, 28, device=device)
    y = torch.randint(0, 10, (4096,), device=device)
    out["cnn"] = train(device, cnn_from_spec(torch, CNN, 1, 28, 10).to(device), x, y, 64, 3, 0.001, 0.0)
    return out


result = {"torch": torch.__version__, "cpuThreads": torch.get_num_threads()}
if torch.cuda.is_available():
    result["gpu"] = torch.cuda.get_device_name(0)
    result["cuda"] = workloads("cuda")
result["cpu"] = workloads("cpu")
print(json.dumps(result, indent=1))
