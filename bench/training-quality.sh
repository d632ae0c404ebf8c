#!/usr/bin/env bash
# Trains LR, FM and DeepFM on the same simulated venue and prints their AUC and Recall@20 next to popularity and
# the oracle (the simulator's true probabilities). Usage: bash bench/training-quality.sh [extra train options]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Training -c Release --nologo -v quiet >/dev/null
cli="dotnet src/Training/bin/Release/net10.0/KtvRec.Training.dll"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for model in lr fm deepfm; do
  $cli train --simulate true --model "$model" --threads 2 "$@" --json "$out/$model.json" >/dev/null 2>"$out/$model.log"
done

python3 - "$out" <<'PY'
import json, sys
runs = {m: json.load(open(f"{sys.argv[1]}/{m}.json")) for m in ("lr", "fm", "deepfm")}
d = runs["deepfm"]
print("| Ranker | AUC | Recall@20 | NDCG@20 |")
print("|---|---|---|---|")
print(f"| popularity | {d['popularity_auc']:.4f} | {d['popularity_recall@20']:.4f} | {d['popularity_ndcg@20']:.4f} |")
for m in ("lr", "fm", "deepfm"):
    r = runs[m]
    print(f"| {m} | {r['auc']:.4f} | {r['recall@20']:.4f} | {r['ndcg@20']:.4f} |")
print(f"| oracle | {d['oracle_auc']:.4f} | {d['oracle_recall@20']:.4f} | {d['oracle_ndcg@20']:.4f} |")
print(f"\n{d['train_rows']} training rows, {d['validation_rows']} validation rows, {d['ranking_users']} held-out users; "
      f"DeepFM: {d['epochs']} epochs (best {d['best_epoch']}), {d['train_samples_per_sec']:.0f} samples/s")
PY
