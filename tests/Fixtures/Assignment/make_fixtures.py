#!/usr/bin/python3
"""Reference answers of SciPy's linear_sum_assignment for tests/Core/Assignment.

Run from this folder with Debian's python (python3-scipy, python3-numpy):
    /usr/bin/python3 make_fixtures.py
Writes <name>.bin.gz (the cost matrix, float64 little-endian, row-major, gzip) and index.json:
one entry per case with rows, cols, maximize, SciPy's optimal value sum(C[r, c]) and its assignment
(assignment[i] = column of row i, or -1 when rows > cols and row i is unassigned).
Matrices come from fixed seeds but are stored, so the tests never depend on NumPy's generators.
"""
import gzip
import json

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment


def cases():
    rng = np.random.default_rng(20220717)
    yield "uniform_512x512_min", rng.random((512, 512)), False
    yield "ties_512x512_int0to9_max", rng.integers(0, 10, (512, 512)).astype(np.float64), True
    yield "ties_256x256_int0to2_min", rng.integers(0, 3, (256, 256)).astype(np.float64), False
    yield "wide_200x500_uniform_max", rng.random((200, 500)), True
    yield "tall_500x200_int0to4_min", rng.integers(0, 5, (500, 200)).astype(np.float64), False
    yield "tall_300x100_normal_max", rng.normal(size=(300, 100)), True
    yield "cosine_like_384x384_max", np.tanh(rng.normal(scale=0.3, size=(384, 384))), True
    yield "large_magnitude_300x300_min", rng.random((300, 300)) * 1e6 - 5e5, False
    yield "negative_int_128x96_min", rng.integers(-50, 50, (128, 96)).astype(np.float64), False
    forbidden = rng.random((64, 64))
    forbidden[rng.random((64, 64)) < 0.3] = np.inf
    yield "forbidden_inf_64x64_min", forbidden, False
    yield "single_1x1_min", np.array([[3.5]]), False
    yield "row_1x7_max", rng.random((1, 7)), True
    yield "column_7x1_min", rng.random((7, 1)), False
    yield "odd_37x53_min", rng.random((37, 53)), False
    yield "all_equal_40x40_min", np.full((40, 40), 2.0), False


def main():
    index = {"scipy": scipy.__version__, "numpy": np.__version__, "cases": []}
    for name, cost, maximize in cases():
        rows, cols = linear_sum_assignment(cost, maximize=maximize)
        assignment = [-1] * cost.shape[0]
        for r, c in zip(rows, cols):
            assignment[int(r)] = int(c)
        value = float(cost[rows, cols].sum())
        with gzip.GzipFile(name + ".bin.gz", "wb", mtime=0) as f:
            f.write(np.ascontiguousarray(cost, dtype="<f8").tobytes())
        index["cases"].append({"name": name, "file": name + ".bin.gz", "rows": cost.shape[0],
                               "cols": cost.shape[1], "maximize": maximize, "value": value,
                               "assignment": assignment})
    with open("index.json", "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
