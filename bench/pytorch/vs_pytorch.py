"""PyTorch's side of `./build.sh Bench -- --filter vs-pytorch` (bench/VsPyTorchBenchmark.cs), run with Debian's /usr/bin/python3.

Usage: vs_pytorch.py MNIST_DIR THREADS. Loads MNIST's train set from its IDX files (byte / 255, then standardized with the
train set's mean and std, as the harness does), prints one JSON line {"ready": ..., kernels}, then answers each command
read from stdin with one JSON line {"seconds": s} (or {"gflops": g}). The workloads are the same as the bench's Reproduce
side, so the two alternate command by command:

  mlp-epoch N      one epoch of MLP 784-500-500-10 on the first N images, batch 128, SGD lr 0.05 momentum 0.9 Nesterov
  lenet-epoch N    the same for the LeNet-like net: conv 1→32 5×5, ReLU, conv 32→64 5×5, ReLU, maxpool 2, fc 6400→128, ReLU, fc 128→10
  mlp-forward N    0-1 error of the MLP on the first N images, batches of 4096, no_grad (the evaluator's batch)
  lenet-forward N  the same for LeNet
  gemm             GFLOP/s of (2048, 2048)·(2048, 2048) float32 through torch.mm, best of 3 × 10 after a warm-up
"""
import ctypes
import json
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def idx(path):
    with open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 500), nn.ReLU(), nn.Linear(500, 500), nn.ReLU(), nn.Linear(500, 10))


def lenet():
    return nn.Sequential(nn.Conv2d(1, 32, 5), nn.ReLU(), nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(64 * 10 * 10, 128), nn.ReLU(), nn.Linear(128, 10))


def epoch(make, x, y, n):
    torch.manual_seed(1)
    model = make()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True)
    start = time.perf_counter()
    order = torch.randperm(n)
    for s in range(0, n, 128):
        index = order[s:s + 128]
        opt.zero_grad()
        F.cross_entropy(model(x.index_select(0, index)), y.index_select(0, index)).backward()
        opt.step()
    return time.perf_counter() - start


def forward(make, x, y, n):
    torch.manual_seed(1)
    model = make().eval()
    start = time.perf_counter()
    with torch.no_grad():
        wrong = torch.zeros((), dtype=torch.int64)
        for s in range(0, n, 4096):
            wrong += (model(x[s:s + 4096]).argmax(1) != y[s:s + 4096]).sum()
    int(wrong)
    return time.perf_counter() - start


def gemm():
    g = torch.Generator().manual_seed(1)
    a, b = torch.randn(2048, 2048, generator=g), torch.randn(2048, 2048, generator=g)
    a.mm(b)
    best = 0.0
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(10):
            a.mm(b)
        best = max(best, 10 * 2.0 * 2048 ** 3 / (time.perf_counter() - start) / 1e9)
    return best


def kernels():
    """The BLAS this process loaded (from /proc/self/maps) and what OpenBLAS says about itself."""
    torch.ones(64, 64).mm(torch.ones(64, 64))
    with open("/proc/self/maps") as f:
        libs = sorted({line.split()[-1] for line in f if "blas" in line and line.split()[-1].startswith("/")})
    info = {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas_libraries": libs}
    for lib in libs:
        try:
            so = ctypes.CDLL(lib)
            so.openblas_get_corename.restype = ctypes.c_char_p
            so.openblas_get_config.restype = ctypes.c_char_p
            info["openblas_core"] = so.openblas_get_corename().decode()
            info["openblas_config"] = so.openblas_get_config().decode().strip()
        except (OSError, AttributeError):
            pass
    info["cpu_capability"] = torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else None
    info["config"] = [l.strip() for l in torch.__config__.show().splitlines() if "MKL" in l or "capability" in l or "OpenMP" in l]
    return info


def main():
    root, threads = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(threads)
    images = torch.from_numpy(idx(f"{root}/train-images-idx3-ubyte").astype(np.float32) / 255).unsqueeze(1)
    labels = torch.from_numpy(idx(f"{root}/train-labels-idx1-ubyte").astype(np.int64))
    x = (images - images.mean()) / images.std(unbiased=False)
    print(json.dumps({"ready": True, **kernels()}), flush=True)
    nets = {"mlp": mlp, "lenet": lenet}
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "gemm":
            print(json.dumps({"gflops": gemm()}), flush=True)
            continue
        net, what = words[0].split("-")
        n = int(words[1])
        seconds = (epoch if what == "epoch" else forward)(nets[net], x, labels, n)
        print(json.dumps({"seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
