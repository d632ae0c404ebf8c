#!/usr/bin/env bash
# Trains LR, FM and DeepFM as rankers on the same simulated venue and prints their lists' Recall@20 / NDCG@20 on the
# gate's users next to the baselines and the oracle (the simulator's true probabilities); AUC as a health figure.
# Usage: bash bench/training-quality.sh [extra train options]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Cli -c Release --nologo -v quiet >/dev/null
cli="dotnet src/Cli/bin/Release/net10.0/KtvRec.Cli.dll"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for model in lr fm deepfm; do
  $cli train --simulate true --model "$model" --threads 2 "$@" --json "$out/$model.json" >/dev/null 2>"$out/$model.log"
done

python3 - "$out" <<'PY'
import json, sys
runs = {m: json.load(open(f"{sys.argv[1]}/{m}.json")) for m in ("lr", "fm", "deepfm")}
d = runs["deepfm"]
print("| Ranker | Recall@20 | NDCG@20 | discovery Recall@20 | discovery NDCG@20 | AUC |")
print("|---|---|---|---|---|---|")
print(f"| popularity | {d['popularity_recall@20']:.4f} | {d['popularity_ndcg@20']:.4f} | | | |")
print(f"| favourites, then item-kNN | {d['favourites_knn_recall@20']:.4f} | {d['favourites_knn_ndcg@20']:.4f} | | | |")
print(f"| item-kNN | | | {d['knn_recall@20']:.4f} | {d['knn_ndcg@20']:.4f} | |")
print(f"| EASE | | | {d['ease_recall@20']:.4f} | {d['ease_ndcg@20']:.4f} | |")
print(f"| candidates without the ranker | {d['without_model_recall@20']:.4f} | {d['without_model_ndcg@20']:.4f} | "
      f"{d['discovery_without_model_recall@20']:.4f} | {d['discovery_without_model_ndcg@20']:.4f} | |")
for m in ("lr", "fm", "deepfm"):
    r = runs[m]
    print(f"| {m} | {r['recall@20']:.4f} | {r['ndcg@20']:.4f} | {r['discovery_recall@20']:.4f} | {r['discovery_ndcg@20']:.4f} | {r['auc']:.4f} |")
print(f"| oracle | {d['oracle_recall@20']:.4f} | {d['oracle_ndcg@20']:.4f} | | | |")
print(f"\n{int(d['train_rows'])} training rows from {int(d['queries'])} lists, {int(d['gate_users'])} gate users; "
      f"DeepFM: {int(d['epochs'])} epochs (best {int(d['best_epoch'])}), {d['train_samples_per_sec']:.0f} samples/s")
PY
