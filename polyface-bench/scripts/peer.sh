#!/usr/bin/env bash
# PyTorch and PolyFace side by side in one run, interleaved A, B, A, B ... round by round (issue 19, item 1):
# training steps (same network from our spec JSON, same margin head, SGD momentum 0.9 / weight decay 5e-4, NCHW and
# channels-last, one fixed random batch; ours also on ORL as TrainStepBenchmark does), inference (PyTorch eval against
# ONNX Runtime and DJL, batch 32 and 1) and the [4096, 512] x [512, 4096] matrix product rate.
#
#   polyface-bench/scripts/peer.sh [--rounds R] [--arch NAME ...] [--quick] [--threads N] [--loss arcface|arcnegface]
#
# Prints the processor and thread count, then per measurement the median (min-max) over the rounds and the ratio
# ours / PyTorch of the rates (images/s or GFLOP/s; above 1 = ours faster) with its range. Needs Debian's PyTorch
# (python3-torch, run with /usr/bin/python3); PYTHON=... overrides the interpreter. --help lists every option.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "peer.sh: PyTorch is missing: install it with 'sudo apt-get install python3-torch' (the runner uses $python)" >&2
  exit 2
fi
cd "$root"
POLYFACE_BENCH_MAIN=io.polyface.bench.peer.PeerMain exec "$root/bin/polyface-bench" \
  --python "$python" --worker "$root/polyface-bench/scripts/peer/worker.py" "$@"
