#!/usr/bin/env bash
# DeepFM training speed at the reference shape (39 fields, batch 1024, embedding 10, DNN 400-400-400, 2 threads) on a
# Criteo-shaped synthetic file, and, where python3 has PyTorch and scikit-learn, the PyTorch reference
# (bench/pytorch/deepfm_reference.py) on the same file, side by side.
# Usage: bash bench/training-speed.sh [train rows] [epochs]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-220000}
epochs=${2:-3}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

python3 bench/pytorch/make_ctr_file.py "$data" "$rows" 20000 1
dotnet build src/Cli -c Release --nologo -v quiet >/dev/null
shape=(--epochs "$epochs" --batch-size 1024 --embedding-dim 10 --hidden 400,400,400 --threads 2)

echo "TorchSharp (KtvRec.Training evaluate):"
dotnet src/Cli/bin/Release/net10.0/KtvRec.Cli.dll evaluate --format libffm \
  --train "$data/train.libffm" --test "$data/test.libffm" --model deepfm "${shape[@]}" 2>/dev/null |
  grep -E '"(auc|logloss|best_epoch|train_samples_per_sec)"'

if python3 -c "import torch, sklearn" 2>/dev/null; then
  echo "PyTorch reference:"
  python3 bench/pytorch/deepfm_reference.py --train "$data/train.libffm" --test "$data/test.libffm" "${shape[@]}" |
    grep -E '"(torch|auc|logloss|best_epoch|train_samples_per_sec)"'
else
  echo "PyTorch reference: skipped (no torch and scikit-learn for python3 here)"
fi
