"""The same DeepFM as src/Training, in PyTorch: the reference the .NET trainer is compared against.

Same vocabulary rules (per-field out-of-vocabulary index, min count, padding 0), same split (the train file's last
10 % stops training early), same model (first order + FM + DNN with batch norm over per-field pooled embeddings),
same trainer (Adam, L2 on the embeddings a batch uses, gradient clipping, early stopping on validation AUC with the
learning rate halved per stale epoch). Prints one JSON object like `KtvRec.Training evaluate`.
Usage: python3 deepfm_reference.py --train F --test F [--epochs 3] [--batch-size 1024] [--embedding-dim 10]
       [--hidden 400,400,400] [--dropout 0] [--l2 1e-6] [--lr 1e-3] [--threads 2] [--device cpu|cuda] [--min-count 1]
"""
import argparse
import json
import time
from collections import defaultdict

import numpy as np
import torch
from torch import nn
from sklearn.metrics import log_loss, roc_auc_score


def read_libffm(path):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            label = 1.0 if float(parts[0]) == 1 else 0.0
            feats = []
            for token in parts[1:]:
                field, fid, value = token.split(":")
                feats.append((int(field), fid, float(value)))
            rows.append((label, feats))
    return rows


def fit_vocabulary(rows, fields, min_count):
    counts = [defaultdict(int) for _ in range(fields)]
    for _, feats in rows:
        for field, token, _ in feats:
            counts[field][token] += 1
    index, oov, nxt = [], [], 1
    for field in range(fields):
        oov.append(nxt)
        nxt += 1
        mapping = {}
        for token in sorted(counts[field]):
            if counts[field][token] >= min_count:
                mapping[token] = nxt
                nxt += 1
        index.append(mapping)
    return index, oov, nxt


def encode(rows, vocabulary, oov, slots):
    n = len(rows)
    idx = np.zeros((n, slots), dtype=np.int64)
    val = np.zeros((n, slots), dtype=np.float32)
    fld = np.zeros((n, slots), dtype=np.int64)
    lab = np.zeros(n, dtype=np.float32)
    for r, (label, feats) in enumerate(rows):
        for s, (field, token, value) in enumerate(feats[:slots]):
            idx[r, s] = vocabulary[field].get(token, oov[field])
            val[r, s] = value
            fld[r, s] = field
        lab[r] = label
    return idx, val, fld, lab


class DeepFm(nn.Module):
    def __init__(self, features, fields, dim, hidden, dropout):
        super().__init__()
        self.fields, self.dim = fields, dim
        self.weights = nn.Embedding(features, 1, padding_idx=0)
        nn.init.zeros_(self.weights.weight)
        self.bias = nn.Parameter(torch.zeros(1))
        self.embeddings = nn.Embedding(features, dim, padding_idx=0)
        with torch.no_grad():
            nn.init.normal_(self.embeddings.weight, 0, 0.01)
            self.embeddings.weight[0].zero_()
        layers, width = [], fields * dim
        for h in hidden:
            layers += [nn.Linear(width, h), nn.BatchNorm1d(h), nn.ReLU()]
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
            width = h
        layers.append(nn.Linear(width, 1))
        self.dnn = nn.Sequential(*layers)

    def embed(self, idx, val):
        return self.embeddings(idx) * val.unsqueeze(-1)

    def forward(self, idx, val, fld):
        first = (self.weights(idx).squeeze(-1) * val).sum(1) + self.bias
        e = self.embed(idx, val)
        fm = 0.5 * (e.sum(1).square() - e.square().sum(1)).sum(1)
        pooled = torch.zeros(idx.shape[0], self.fields, self.dim, device=e.device, dtype=e.dtype)
        pooled = pooled.scatter_add(1, fld.unsqueeze(-1).expand(-1, -1, self.dim), e)
        return first + fm + self.dnn(pooled.flatten(1)).squeeze(-1)


def predict(model, data, device, batch=8192):
    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(data[3]), batch):
            parts = [torch.from_numpy(a[start:start + batch]).to(device) for a in data[:3]]
            out.append(torch.sigmoid(model(*parts)).cpu().numpy())
    return np.concatenate(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=1024)
    p.add_argument("--embedding-dim", type=int, default=10)
    p.add_argument("--hidden", default="400,400,400")
    p.add_argument("--dropout", type=float, default=0.0)
    p.add_argument("--l2", type=float, default=1e-6)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--device", default="cpu")
    p.add_argument("--min-count", type=int, default=1)
    a = p.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    device = torch.device(a.device)

    train_rows, test_rows = read_libffm(a.train), read_libffm(a.test)
    fields = 1 + max(f for _, feats in train_rows for f, _, _ in feats)
    slots = max(len(feats) for _, feats in train_rows)
    vocabulary, oov, size = fit_vocabulary(train_rows, fields, a.min_count)
    everything = encode(train_rows, vocabulary, oov, slots)
    test = encode(test_rows, vocabulary, oov, slots)
    cut = max(1, int(len(train_rows) * 0.9))
    train = [x[:cut] for x in everything]
    valid = [x[cut:] for x in everything]

    model = DeepFm(size, fields, a.embedding_dim, [int(h) for h in a.hidden.split(",")], a.dropout).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = nn.BCEWithLogitsLoss()
    rng = np.random.default_rng(a.seed)
    tensors = [torch.from_numpy(x) for x in train]
    best, best_auc, best_epoch, stale, lr, fit_seconds, epochs = None, -1.0, 0, 0, a.lr, 0.0, 0
    started = time.perf_counter()
    for epoch in range(1, a.epochs + 1):
        epochs = epoch
        model.train()
        order = torch.from_numpy(rng.permutation(cut))
        t0 = time.perf_counter()
        for start in range(0, cut, a.batch_size):
            rows = order[start:start + a.batch_size]
            idx, val, fld, lab = (t[rows].to(device) for t in tensors)
            optimizer.zero_grad()
            loss = loss_fn(model(idx, val, fld), lab) + a.l2 * model.embed(idx, val).square().sum((1, 2)).mean()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 10.0)
            optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        fit_seconds += time.perf_counter() - t0
        auc = roc_auc_score(valid[3], predict(model, valid, device))
        if auc > best_auc:
            best_auc, best_epoch, stale = auc, epoch, 0
            best = {k: v.detach().clone() for k, v in model.state_dict().items()}
        else:
            stale += 1
            if stale >= 2:
                break
            lr *= 0.5
            for group in optimizer.param_groups:
                group["lr"] = lr
    model.load_state_dict(best)
    probabilities = predict(model, test, device)
    print(json.dumps({
        "model": "deepfm-pytorch", "torch": torch.__version__, "device": a.device,
        "auc": roc_auc_score(test[3], probabilities), "logloss": log_loss(test[3], np.clip(probabilities, 1e-7, 1 - 1e-7)),
        "validation_auc": best_auc, "epochs": epochs, "best_epoch": best_epoch,
        "train_seconds": time.perf_counter() - started, "train_samples_per_sec": epochs * cut / fit_seconds,
        "train_rows": cut, "test_rows": len(test_rows), "fields": fields, "features": size,
        "batch_size": a.batch_size, "threads": torch.get_num_threads(),
    }, indent=2))


if __name__ == "__main__":
    main()
