#!/usr/bin/env bash
# CTR parity on Frappe: the TorchSharp DeepFM (`KtvRec.Training evaluate`) and the PyTorch reference
# (bench/pytorch/deepfm_reference.py: the same model, vocabulary rules, split and trainer) on byte-identical files,
# the same seeds, side by side: test AUC and training samples/s.
# Frappe (Baltrunas et al. 2015, as prepared by He & Chua 2017 for NFM: 10 fields) is not committed; get its libfm
# files from github.com/hexiangnan/neural_factorization_machine (data/frappe). That copy's train file is not served
# by every mirror, so this trains on frappe.validation.libfm (57,722 rows; its last 10 % stops training early) and
# tests on frappe.test.libfm (28,860 rows).
# Usage: bash bench/ctr-parity.sh FRAPPE_DIR [epochs (10)] [seeds ("42 1 2")]; PYTHON names a python3 with torch and
# scikit-learn when the first on PATH has none (e.g. PYTHON=/usr/bin/python3 with Debian's python3-torch).
set -euo pipefail
cd "$(dirname "$0")/.."
source=${1:?usage: bash bench/ctr-parity.sh FRAPPE_DIR [epochs] [seeds]}
epochs=${2:-10}
seeds=${3:-42 1 2}
python=${PYTHON:-python3}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

# libfm's position is its field here (every Frappe row has the same 10): field:id:value for both trainers.
for part in validation test; do
  awk '{ printf "%s", $1; for (i = 2; i <= NF; i++) printf " %d:%s", i - 2, $i; print "" }' "$source/frappe.$part.libfm" > "$data/$part.libffm"
done
"$python" -c "import torch, sklearn" 2>/dev/null || { echo "$python needs torch and scikit-learn for the reference"; exit 2; }
dotnet build src/Cli -c Release --nologo -v quiet >/dev/null
shape=(--epochs "$epochs" --batch-size 1024 --embedding-dim 10 --hidden 400,400,400 --dropout 0 --threads 2)

echo "| seed | TorchSharp AUC | PyTorch AUC | TorchSharp samples/s | PyTorch samples/s |"
echo "|---|---|---|---|---|"
for seed in $seeds; do
  ours=$(dotnet src/Cli/bin/Release/net10.0/KtvRec.Cli.dll evaluate --format libffm \
    --train "$data/validation.libffm" --test "$data/test.libffm" --model deepfm "${shape[@]}" --seed "$seed" 2>/dev/null)
  reference=$("$python" bench/pytorch/deepfm_reference.py --train "$data/validation.libffm" --test "$data/test.libffm" \
    "${shape[@]}" --seed "$seed")
  "$python" - "$seed" "$ours" "$reference" <<'PY'
import json, sys
seed, ours, ref = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
print(f"| {seed} | {ours['auc']:.4f} | {ref['auc']:.4f} | {ours['train_samples_per_sec']:,.0f} | {ref['train_samples_per_sec']:,.0f} |")
PY
done
