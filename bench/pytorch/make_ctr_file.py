"""Writes a Criteo-shaped synthetic CTR data set (39 categorical fields, long-tailed ids) as libffm train/test files.

Labels come from a hidden logistic model with first-order and pairwise effects, so FM and DeepFM have something to
learn. Deterministic for a seed, so the .NET trainer and the PyTorch reference read byte-identical files.
Usage: python3 make_ctr_file.py OUT_DIR [TRAIN_ROWS] [TEST_ROWS] [SEED]
"""
import math
import os
import random
import sys

FIELDS = 39


def main():
    out = sys.argv[1]
    train_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 220_000
    test_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 20_000
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    cardinality = [rng.choice([10, 50, 100, 1000, 5000, 20000]) for _ in range(FIELDS)]
    first = [[rng.gauss(0, 0.5) for _ in range(min(c, 2000))] for c in cardinality]
    latent = [[[rng.gauss(0, 0.5) for _ in range(4)] for _ in range(min(c, 500))] for c in cardinality]
    pairs = [(rng.randrange(FIELDS), rng.randrange(FIELDS)) for _ in range(12)]

    def row():
        ids = [min(int(rng.paretovariate(1.2)) - 1, cardinality[f] - 1) for f in range(FIELDS)]
        score = 0.3 * sum(first[f][ids[f] % len(first[f])] for f in range(FIELDS)) - 1.0
        for a, b in pairs:
            va, vb = latent[a][ids[a] % len(latent[a])], latent[b][ids[b] % len(latent[b])]
            score += 0.5 * sum(x * y for x, y in zip(va, vb))
        label = 1 if rng.random() < 1 / (1 + math.exp(-score)) else 0
        return label, ids

    os.makedirs(out, exist_ok=True)
    for name, count in (("train", train_rows), ("test", test_rows)):
        with open(os.path.join(out, f"{name}.libffm"), "w") as f:
            for _ in range(count):
                label, ids = row()
                f.write(f"{label} " + " ".join(f"{i}:{i * 100000 + v}:1" for i, v in enumerate(ids)) + "\n")


if __name__ == "__main__":
    main()
