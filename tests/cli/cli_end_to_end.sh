#!/usr/bin/env bash
# usage: cli_end_to_end.sh EMERGENCE_CLI PYTHON3 CHECK_RUN_FILES_PY
set -euo pipefail
cli=$1 py=$2 check=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cat >"$dir/tiny.json" <<'JSON'
{"model": {"num_units": 30}, "task": {"steps": 60},
 "training": {"batch_size": 16, "updates": 40, "test_trials": 16, "test_steps": 60,
              "test_every": 5, "curriculum_updates": 0, "curriculum_window": 4,
              "curriculum_start_steps": 30, "curriculum_error_gate": 1000,
              "learning_rate_decay_start": 0}}
JSON
"$cli" train --config "$dir/tiny.json" --seed 3 --updates 20 --out "$dir/run" --quiet >"$dir/train.log"
grep -q "stopped at update 20" "$dir/train.log" || fail "train did not stop at 20: $(cat "$dir/train.log")"
for f in config.json weights.npz initial_weights.npz optimizer.npz state.json history.csv log.jsonl; do
  [[ -f "$dir/run/$f" ]] || fail "missing $f"
done
ls "$dir/run/checkpoints" | grep -q update_000005.npz || fail "checkpoint 5 missing"
[[ $(wc -l <"$dir/run/history.csv") -eq 21 ]] || fail "history rows"

# Resume to 30 updates; an uninterrupted run to 30 must give identical weights.
"$cli" train --resume "$dir/run" --updates 30 --quiet >/dev/null
"$cli" train --config "$dir/tiny.json" --seed 3 --updates 30 --out "$dir/straight" --quiet >/dev/null
cmp -s "$dir/run/weights.npz" "$dir/straight/weights.npz" || fail "resumed weights differ from an uninterrupted run"

# Analyse (a tiny net fails the acceptance figures: exit code 4 is expected) and export.
set +e
"$cli" analyze "$dir/run" --trials 20 --steps 120 >"$dir/analyze.log" 2>&1
code=$?
set -e
[[ $code -eq 0 || $code -eq 4 ]] || fail "analyze exit $code: $(cat "$dir/analyze.log")"
grep -q "compass units" "$dir/analyze.log" || fail "analyze printed no figures"
"$cli" export "$dir/run" --csv "$dir/csv" >/dev/null
[[ -f "$dir/csv/weights.W_rec.csv" && -f "$dir/csv/analysis.preferred_hd_deg.csv" ]] || fail "export"
[[ $(wc -l <"$dir/csv/weights.W_rec.csv") -eq 30 ]] || fail "W_rec.csv rows"

# Our files with numpy: documented keys, shapes and dtypes.
"$py" "$check" "$dir/run" 30

# Bad input: every message names the file, the field and the reason.
sed 's/"batch_size": 16/"batch_size": -4/' "$dir/tiny.json" >"$dir/bad.json"
if "$cli" train --config "$dir/bad.json" --out "$dir/bad" 2>"$dir/err.log"; then fail "bad config accepted"; fi
grep -q "bad.json: training.batch_size: " "$dir/err.log" || fail "message: $(cat "$dir/err.log")"
echo '{"model": {"nonlinearity": "sigmoid"}}' >"$dir/bad2.json"
if "$cli" train --config "$dir/bad2.json" --out "$dir/bad" 2>"$dir/err.log"; then fail "bad enum accepted"; fi
grep -q "model.nonlinearity" "$dir/err.log" || fail "message: $(cat "$dir/err.log")"
head -c 300 "$dir/run/weights.npz" >"$dir/trunc.npz" && cp "$dir/trunc.npz" "$dir/run/weights.npz"
if "$cli" analyze "$dir/run" 2>"$dir/err.log"; then fail "truncated weights accepted"; fi
grep -q "weights.npz" "$dir/err.log" || fail "message: $(cat "$dir/err.log")"
if "$cli" train --bogus 2>"$dir/err.log"; then fail "unknown option accepted"; fi
grep -q -- "--bogus" "$dir/err.log" || fail "message: $(cat "$dir/err.log")"
echo "cli end-to-end: OK"
