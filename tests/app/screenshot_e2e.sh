#!/usr/bin/env bash
# End-to-end: start the real app under Xvfb, train 30 updates, save a screenshot, check it.
# Also checks that a bad --load folder fails with a message naming the file and exit code 1.
# usage: screenshot_e2e.sh XVFB_RUN EMERGENCE PNG_CHECK OUT_DIR
set -euo pipefail
xvfb=$1 app=$2 check=$3 out=$4
mkdir -p "$out"
rm -f "$out/shot.png"
export XDG_CONFIG_HOME="$out/config"   # never touch the user's settings
"$xvfb" -a -s "-screen 0 1600x1000x24" "$app" --preset default --seed 1 --after 30 \
  --screenshot "$out/shot.png" | tee "$out/app.log"
test -f "$out/shot.png" || { echo "no screenshot written"; exit 1; }
"$check" "$out/shot.png" 1200 700 50

mkdir -p "$out/bad_run"
echo '{"not": "a config"' > "$out/bad_run/config.json"
set +e
"$xvfb" -a -s "-screen 0 1600x1000x24" "$app" --load "$out/bad_run" --screenshot "$out/bad.png" \
  2> "$out/bad.err"
rc=$?
set -e
cat "$out/bad.err"
[ "$rc" = 1 ] || { echo "bad --load: expected exit code 1, got $rc"; exit 1; }
grep -q "config.json" "$out/bad.err" || { echo "bad --load: message does not name the file"; exit 1; }
[ ! -f "$out/bad.png" ] || { echo "bad --load: a screenshot was written"; exit 1; }
echo "e2e OK"
