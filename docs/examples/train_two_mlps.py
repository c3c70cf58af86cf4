#!/usr/bin/python3
"""Trains two MLPs 784-500-500-10 on 10,000 MNIST images with PyTorch, as a user would, and saves what the README's
"Your own networks" example feeds to `reproduce`:

    runs/a.pt, runs/b.pt                       torch.save(model.state_dict()) of the two nets (seeds 1 and 2)
    runs/a.torchscript.pt, runs/b.torchscript.pt   torch.jit.script(model).save(): the same nets as TorchScript
    runs/data/train_x.npy, train_y.npy, test_x.npy, test_y.npy   the exact inputs (standardized) and labels used

Usage: python3 docs/examples/train_two_mlps.py --mnist DIR [--out runs] [--epochs 10]
DIR holds MNIST's four idx files, uncompressed (`reproduce data mnist` puts them in artifacts/data/mnist/).
"""
import argparse
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Mlp(nn.Module):
    """Reproduce's `mlp` naming: an nn.ModuleList of nn.Linear called `layers`, ReLU between them."""

    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])

    def forward(self, x):
        x = x.flatten(1)
        n = len(self.layers)
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i + 1 < n:
                x = torch.relu(x)
        return x


def idx(path):
    with open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mnist", required=True)
    p.add_argument("--out", default="runs")
    p.add_argument("--epochs", type=int, default=10)
    args = p.parse_args()
    train_x = idx(os.path.join(args.mnist, "train-images-idx3-ubyte"))[:10000].astype(np.float32) / 255
    train_y = idx(os.path.join(args.mnist, "train-labels-idx1-ubyte"))[:10000].astype(np.int64)
    test_x = idx(os.path.join(args.mnist, "t10k-images-idx3-ubyte")).astype(np.float32) / 255
    test_y = idx(os.path.join(args.mnist, "t10k-labels-idx1-ubyte")).astype(np.int64)
    mean, std = train_x.mean(), train_x.std()
    train_x = ((train_x - mean) / std)[:, None]  # (n, 1, 28, 28), standardized with the train statistics
    test_x = ((test_x - mean) / std)[:, None]

    data = os.path.join(args.out, "data")
    os.makedirs(data, exist_ok=True)
    for name, array in [("train_x", train_x), ("train_y", train_y), ("test_x", test_x), ("test_y", test_y)]:
        np.save(os.path.join(data, f"{name}.npy"), array)

    x, y = torch.from_numpy(train_x), torch.from_numpy(train_y)
    for name, seed in [("a", 1), ("b", 2)]:
        torch.manual_seed(seed)
        model = Mlp([784, 500, 500, 10])
        opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
        for epoch in range(args.epochs):
            model.train()
            for batch in torch.randperm(len(y)).split(128):
                opt.zero_grad()
                F.cross_entropy(model(x[batch]), y[batch]).backward()
                opt.step()
        model.eval()
        with torch.no_grad():
            err = (model(x).argmax(1) != y).float().mean().item()
            test = (model(torch.from_numpy(test_x)).argmax(1) != torch.from_numpy(test_y)).float().mean().item()
        print(f"{name}: train error {err:.4f}, test error {test:.4f}")
        torch.save(model.state_dict(), os.path.join(args.out, f"{name}.pt"))
        torch.jit.script(model).save(os.path.join(args.out, f"{name}.torchscript.pt"))


if __name__ == "__main__":
    main()
