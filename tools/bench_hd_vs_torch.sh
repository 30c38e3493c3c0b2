#!/usr/bin/env bash
# Training updates/s of the head-direction CTRNN at the paper size (N=100, T=500, B=100):
# ours (bench/hd_training_bench) vs a straightforward PyTorch CPU implementation
# (tools/torch_reference/hd_rnn_torch.py), both with 1 and 2 threads, on this machine.
# usage: tools/bench_hd_vs_torch.sh [BUILD_DIR=build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
[[ -x $build/bench/hd_training_bench ]] || { echo "build $build first (needs EMERGENCE_BENCH)" >&2; exit 1; }
ours=$("$build/bench/hd_training_bench" --benchmark_format=json 2>/dev/null)
for t in 1 2; do
  torch=$(/usr/bin/python3 tools/torch_reference/hd_rnn_torch.py bench --threads $t --updates 6 | tail -1)
  /usr/bin/python3 - "$t" "$ours" "$torch" <<'PY'
import json, sys
t, ours, torch = int(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
b = [x for x in ours["benchmarks"] if x["name"].endswith(f"threads:{t}/min_time:3.000/real_time")][0]
o, p = b["updates_per_s"], torch["updates_per_second"]
print(f"{t} thread(s): ours {o:6.2f} upd/s ({b['GFLOP_per_s']:.1f} GFLOP/s)"
      f"   torch {p:5.2f} upd/s   ratio {o/p:5.1f}x")
PY
done
