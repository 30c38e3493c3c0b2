#!/usr/bin/env bash
# End-to-end on the grid-cells lab: start the real app under Xvfb with --lab grid_cells, train a
# few updates, save a screenshot and check it is not blank and that the lab's panels are on
# screen; then the same from the shipped demo run (--load, grids already trained; the shot
# after 60 more updates, once the first evaluation has scored the maps), and a bad
# --preset refused with the lab's presets named.
# usage: grid_screenshot_e2e.sh XVFB_RUN EMERGENCE PNG_CHECK OUT_DIR DEMO_DIR
set -euo pipefail
xvfb=$1 app=$2 check=$3 out=$4 demo=$5
mkdir -p "$out"
rm -f "$out/grid.png" "$out/grid_demo.png"
export XDG_CONFIG_HOME="$out/config"   # never touch the user's settings
export XDG_DATA_HOME="$out/data"
expect_panels() {
  for panel in "Rate maps" "Arena" "Unit inspector" "Scores"; do
    grep -q "views: .*$panel" "$1" || { echo "panel \"$panel\" not on screen: $(cat "$1")"; exit 1; }
  done
}
"$xvfb" -a -s "-screen 0 1600x1000x24" "$app" --lab grid_cells --preset default --seed 1 --after 15 \
  --screenshot "$out/grid.png" | tee "$out/grid.log"
test -f "$out/grid.png" || { echo "no screenshot written"; exit 1; }
grep -q "of the grid_cells at update" "$out/grid.log" || { echo "not the grid-cells lab"; exit 1; }
expect_panels "$out/grid.log"
"$check" "$out/grid.png" 1200 700 200

if [ -f "$demo/config.json" ]; then
  updates=$(python3 -c "import json; print(json.load(open('$demo/state.json'))['update'])" 2>/dev/null \
            || sed -n 's/.*"update": *\([0-9]*\).*/\1/p' "$demo/state.json")
  "$xvfb" -a -s "-screen 0 1600x1000x24" "$app" --load "$demo" --after $((updates + 60)) \
    --screenshot "$out/grid_demo.png" | tee "$out/grid_demo.log"
  test -f "$out/grid_demo.png" || { echo "no demo screenshot written"; exit 1; }
  expect_panels "$out/grid_demo.log"
  "$check" "$out/grid_demo.png" 1200 700 400
else
  echo "no demo run at $demo: skipped"
fi

set +e
"$xvfb" -a -s "-screen 0 1600x1000x24" "$app" --lab grid_cells --preset paper --screenshot "$out/bad.png" \
  2> "$out/bad.err"
rc=$?
set -e
[ "$rc" = 2 ] || { echo "bad --preset: expected exit code 2, got $rc"; exit 1; }
grep -q "cueva_wei" "$out/bad.err" || { echo "bad --preset: message does not list the presets"; exit 1; }
echo "grid e2e OK"
