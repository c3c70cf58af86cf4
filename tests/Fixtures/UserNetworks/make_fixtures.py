#!/usr/bin/python3
"""Makes the fixtures of tests/Harness/UserNetworks: small networks trained by PyTorch, saved the ways a PyTorch user
saves them, with PyTorch's own answers to compare against.

Run with Debian's python3-torch (1.13) from the repository root:

    /usr/bin/python3 tests/Fixtures/UserNetworks/make_fixtures.py

It writes, in about ten seconds, for each of `mlp` (a ReLU MLP 20-16-12-4, named like Reproduce's `mlp:20,16,12,4`) and
`convbn` (conv 3→4 + BN, conv 4→6 + BN, two max-pools, fc 24→10, fc 10→3; the worked example of
docs/user-networks.md, described by docs/examples/convbn.symmetry.yaml):
  - train_x.npy, train_y.npy, test_x.npy, test_y.npy: the tiny synthetic data set both nets were trained on;
  - a.* and b.*: two nets trained from different seeds, each saved as safetensors (written here byte by byte: Debian has
    no `safetensors` package), as a state dict (`torch.save(model.state_dict())`, .pt) and as TorchScript
    (`torch.jit.script(model).save()`, .torchscript.pt);
  - convbn/a.traced.pt: net a as torch.jit.trace(a.eval()) (batch norms frozen in eval mode);
  - reference.json: PyTorch's logits of a and b on test_x, and the train and test error at 25 evenly spaced points of the
    linear path (1 − t)·a + t·b (BN statistics recomputed on the train set at each point, as Reproduce's evaluator does),
    with the smallest gap between the two largest logits over those evaluations (so that a rounding difference cannot
    flip a prediction the test compares).
`residual/model.torchscript.pt`: an untrained residual-like MLP (fc1 8→6, h + relu(fc2 h), fc3 6→3) whose fc1 and fc2
units are tied by the addition, for the symmetry-description verification tests.
`bad/`: files that must be refused without running anything: pickles whose GLOBAL + REDUCE would call os.system
(protocol 2) or builtins.exec through STACK_GLOBAL (protocol 4), a whole pickled module (`torch.save(model)`), the legacy
non-zip format, and a truncated state dict. The marker the malicious ones would create is /tmp/reproduce-fixture-pickle-ran.
"""
import io
import json
import os
import pickle
import struct
import zipfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
MARKER = "/tmp/reproduce-fixture-pickle-ran"
POINTS = 25  # Reproduce's default path points; t_i = i / 24


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


class ConvBn(nn.Module):
    """Input (n, 3, 8, 8): conv-BN-ReLU-pool twice (8→4→2), flatten (6 channels × 2·2), fc1 + ReLU, fc2."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.conv2 = nn.Conv2d(4, 6, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(6)
        self.fc1 = nn.Linear(6 * 2 * 2, 10)
        self.fc2 = nn.Linear(10, 3)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = F.relu(self.fc1(x.flatten(1)))
        return self.fc2(x)


class Residual(nn.Module):
    """h = relu(fc1 x); h = h + relu(fc2 h); out = fc3 h: fc1's and fc2's units share one permutation (and scale)."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 6)
        self.fc2 = nn.Linear(6, 6, bias=False)
        self.fc3 = nn.Linear(6, 3)

    def forward(self, x):
        h = torch.relu(self.fc1(x.flatten(1)))
        h = h + torch.relu(self.fc2(h))
        return self.fc3(h)


def mlp_data(g):
    centers = torch.randn(4, 20, generator=g)
    def draw(n):
        y = torch.arange(n) % 4
        return centers[y] + 0.7 * torch.randn(n, 20, generator=g), y
    return draw(128), draw(64)


def convbn_data(g):
    rows = torch.arange(8).view(8, 1).float()
    cols = torch.arange(8).view(1, 8).float()
    patterns = torch.zeros(3, 3, 8, 8)
    patterns[0, 0] = torch.cos(rows * 1.5).expand(8, 8)           # red horizontal stripes
    patterns[1, 1] = torch.cos(cols * 1.5).expand(8, 8)           # green vertical stripes
    patterns[2, 2] = torch.cos(rows * 1.5) * torch.cos(cols * 1.5)  # blue checkers
    def draw(n):
        y = torch.arange(n) % 3
        return patterns[y] + torch.randn(n, 3, 8, 8, generator=g), y
    return draw(64), draw(32)


def train(model, x, y, seed, epochs):
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(y), generator=g)
        for i in range(0, len(y), 16):
            batch = order[i:i + 16]
            opt.zero_grad()
            F.cross_entropy(model(x[batch]), y[batch]).backward()
            opt.step()
    model.eval()
    return model


def recompute_batch_norm(model, x):
    """Reproduce's rule: reset, then average the batch statistics over batches of 4096 (PyTorch's momentum=None)."""
    bns = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    if not bns:
        return
    for bn in bns:
        bn.reset_running_stats()
        bn.momentum = None
    model.train()
    with torch.no_grad():
        for i in range(0, len(x), 4096):
            model(x[i:i + 4096])
    model.eval()


def errors(model, x, y):
    with torch.no_grad():
        logits = model(x)
    top2 = logits.topk(2, dim=1).values
    return (logits.argmax(1) != y).float().mean().item(), (top2[:, 0] - top2[:, 1]).min().item()


def linear_path(make, a, b, data):
    (train_x, train_y), (test_x, test_y) = data
    sa, sb = a.state_dict(), b.state_dict()
    ts, train_err, test_err, margin = [], [], [], float("inf")
    for i in range(POINTS):
        t = 1.0 if i == POINTS - 1 else i / (POINTS - 1)
        point = {k: (v.mul(1 - t).add(sb[k].mul(t)) if v.is_floating_point() else v.clone()) for k, v in sa.items()}
        net = make()
        net.load_state_dict(point)
        recompute_batch_norm(net, train_x)
        e_train, m_train = errors(net, train_x, train_y)
        e_test, m_test = errors(net, test_x, test_y)
        ts.append(t)
        train_err.append(e_train)
        test_err.append(e_test)
        margin = min(margin, m_train, m_test)
    return {"t": ts, "train_error": train_err, "test_error": test_err, "barrier": max(train_err), "min_logit_gap": margin}


DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.int64: "I64"}


def save_safetensors(sd, path):
    header, blobs, offset = {}, [], 0
    for name in sorted(sd):
        t = sd[name].detach().contiguous()
        data = t.numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def save_all_forms(model, folder, name):
    save_safetensors(model.state_dict(), os.path.join(folder, f"{name}.safetensors"))
    torch.save(model.state_dict(), os.path.join(folder, f"{name}.pt"))
    torch.jit.script(model).save(os.path.join(folder, f"{name}.torchscript.pt"))


def family(name, make, data, epochs):
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    (train_x, train_y), (test_x, test_y) = data
    for file, array in [("train_x", train_x), ("train_y", train_y), ("test_x", test_x), ("test_y", test_y)]:
        np.save(os.path.join(folder, f"{file}.npy"), array.numpy())
    nets = {}
    for net_name, seed in [("a", 1), ("b", 2)]:
        torch.manual_seed(seed)
        net = train(make(), train_x, train_y, seed, epochs)
        save_all_forms(net, folder, net_name)
        nets[net_name] = net
    if name == "convbn":
        # Traced in eval mode, its batch norms keep eval mode whatever train() says: recomputing their statistics must be refused.
        torch.jit.trace(nets["a"].eval(), train_x[:2]).save(os.path.join(folder, "a.traced.pt"))
    reference = {"torch_version": torch.__version__}
    for net_name, net in nets.items():
        with torch.no_grad():
            reference[f"test_logits_{net_name}"] = net(test_x).tolist()
        reference[f"train_error_{net_name}"], _ = errors(net, train_x, train_y)
    reference["linear_path"] = linear_path(make, nets["a"], nets["b"], data)
    with open(os.path.join(folder, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1)
    print(f"{name}: train errors a {reference['train_error_a']:.3f}, b {reference['train_error_b']:.3f}; linear barrier "
          f"{reference['linear_path']['barrier']:.3f}; smallest logit gap {reference['linear_path']['min_logit_gap']:.2e}")


class Evil:
    def __init__(self, fn, arg):
        self.fn, self.arg = fn, arg

    def __reduce__(self):
        return (self.fn, (self.arg,))


def torch_zip(path, pickle_bytes):
    """A zip laid out as torch.save's: <name>/data.pkl and <name>/version."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", pickle_bytes)
        z.writestr("archive/version", "3\n")


def bad_files():
    folder = os.path.join(HERE, "bad")
    os.makedirs(folder, exist_ok=True)
    state = {"layers.0.weight": torch.zeros(2, 2)}
    torch_zip(os.path.join(folder, "os_system.pt"),
              pickle.dumps({"layers.0.weight": Evil(os.system, f"touch {MARKER}")}, protocol=2))
    torch_zip(os.path.join(folder, "exec_stack_global.pt"),
              pickle.dumps(Evil(exec, f"open('{MARKER}', 'w').close()"), protocol=4))
    torch.manual_seed(0)
    torch.save(Mlp([4, 3, 2]), os.path.join(folder, "whole_module.pt"))
    torch.save(state, os.path.join(folder, "legacy.pt"), _use_new_zipfile_serialization=False)
    buffer = io.BytesIO()
    torch.save(Mlp([4, 3, 2]).state_dict(), buffer)
    whole = buffer.getvalue()
    with open(os.path.join(folder, "truncated.pt"), "wb") as f:
        f.write(whole[: len(whole) * 2 // 3])


def main():
    g = torch.Generator().manual_seed(0)
    family("mlp", lambda: Mlp([20, 16, 12, 4]), mlp_data(g), epochs=60)
    family("convbn", ConvBn, convbn_data(g), epochs=60)
    os.makedirs(os.path.join(HERE, "residual"), exist_ok=True)
    torch.manual_seed(3)
    torch.jit.script(Residual()).save(os.path.join(HERE, "residual", "model.torchscript.pt"))
    bad_files()


if __name__ == "__main__":
    main()
