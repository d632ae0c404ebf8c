#!/usr/bin/env bash
# The PyTorch reference DeepFM on a GPU machine: samples/s on a Criteo-shaped file for the service's DNN (128-128) and
# the paper's (400-400-400), at batch 1024 and 8192. Usage: bash bench/pytorch/gpu-speed.sh [train rows] [device]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-300000}
device=${2:-cuda}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
python3 bench/pytorch/make_ctr_file.py "$data" "$rows" 20000 1 >/dev/null
for hidden in 128,128 400,400,400; do
  for batch in 1024 8192; do
    python3 bench/pytorch/deepfm_reference.py --train "$data/train.libffm" --test "$data/test.libffm" --epochs 2 \
      --batch-size $batch --hidden $hidden --device "$device" 2>/dev/null |
      python3 -c "import json, sys; r = json.load(sys.stdin); print('$device DNN $hidden batch $batch:', round(r['train_samples_per_sec']), 'samples/s, test AUC', round(r['auc'], 4), flush=True)"
  done
done
