#!/usr/bin/env bash
# The install tree (what the Debian package holds): `cmake --install BUILD --prefix TMP` must give
# the executables, the desktop entry and AppStream metadata (valid, consistent with each other and
# with the project version), the icons (valid images at their hicolor sizes), the demo runs (every
# file of resources/demo) and the documentation; the installed CLI and app must run.
# usage: install_tree_test.sh BUILD_DIR SOURCE_DIR OUT_DIR ICON_TOOL APP_ID VERSION ICON_SIZES
#        DESKTOP_FILE_VALIDATE APPSTREAMCLI   (the last two may be "" when not installed)
set -euo pipefail
build=$1 src=$2 out=$3 icon_tool=$4 id=$5 version=$6 sizes=$7 dfv=${8:-} asc=${9:-}
prefix="$out/usr"
rm -rf "$out"
mkdir -p "$out"
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" > "$out/install.log"
echo "installed into $prefix: $(find "$prefix" -type f | wc -l) files"

for f in bin/emergence bin/emergence-cli; do
  test -x "$prefix/$f" || fail "$f missing or not executable"
done
desktop="$prefix/share/applications/$id.desktop"
metainfo="$prefix/share/metainfo/$id.metainfo.xml"
test -f "$desktop" || fail "desktop entry share/applications/$id.desktop missing"
test -f "$metainfo" || fail "AppStream metadata share/metainfo/$id.metainfo.xml missing"
test -f "$prefix/share/doc/emergence/copyright" || fail "share/doc/emergence/copyright missing"
test -f "$prefix/share/doc/emergence/README.md" || fail "share/doc/emergence/README.md missing"

# Validators (desktop-file-utils, appstream: scripts/install_deps.sh installs them).
if [ -n "$dfv" ]; then
  "$dfv" "$desktop" || fail "desktop-file-validate rejects $desktop"
  echo "desktop-file-validate: ok"
else
  echo "desktop-file-validate not installed: desktop entry not validated"
fi
if [ -n "$asc" ]; then
  "$asc" validate --no-net --strict "$metainfo" || fail "appstreamcli rejects $metainfo"
else
  echo "appstreamcli not installed: metainfo not validated"
fi

# The desktop entry, metainfo and icons name each other.
grep -qx "Icon=$id" "$desktop" || fail "desktop entry: Icon is not $id"
exec_bin=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
test -x "$prefix/bin/$exec_bin" || fail "desktop entry: Exec=$exec_bin is not an installed executable"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" \
  || fail "metainfo: launchable is not $id.desktop"
newest=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$metainfo" | head -n 1)
[ "$newest" = "$version" ] || fail "metainfo: newest release is '$newest', the project is $version"

# Icons: the SVG and one PNG per size, each a valid icon image (icon_tool.cpp says what that is).
"$icon_tool" check "$prefix/share/icons/hicolor/scalable/apps/$id.svg" || fail "scalable icon"
for s in $sizes; do
  "$icon_tool" check "$prefix/share/icons/hicolor/${s}x${s}/apps/$id.png" "$s" || fail "${s}px icon"
done

# Demo runs: every file of the source tree's resources/demo, byte for byte.
(cd "$src/resources/demo" && find . -type f | sort) > "$out/demo_src.txt"
(cd "$prefix/share/emergence/demo" && find . -type f | sort) > "$out/demo_installed.txt"
diff "$out/demo_src.txt" "$out/demo_installed.txt" || fail "installed demo runs differ from resources/demo"
while read -r f; do
  cmp -s "$src/resources/demo/$f" "$prefix/share/emergence/demo/$f" || fail "demo file $f differs"
done < "$out/demo_src.txt"
test -f "$prefix/share/emergence/demo/grid_cells/config.json" || fail "grid-cells demo missing"
echo "demo runs: $(wc -l < "$out/demo_src.txt") files"

# The installed executables run (no display needed for these).
"$prefix/bin/emergence-cli" --help > "$out/cli_help.txt" || fail "installed emergence-cli --help failed"
grep -q "train" "$out/cli_help.txt" || fail "emergence-cli --help does not mention train"
DISPLAY= QT_QPA_PLATFORM= "$prefix/bin/emergence" --version > "$out/version.txt" \
  || fail "installed emergence --version failed"
grep -q "$version" "$out/version.txt" || fail "emergence --version: $(cat "$out/version.txt")"
echo "installed emergence $(cat "$out/version.txt"); emergence-cli runs"
echo "install tree OK"
