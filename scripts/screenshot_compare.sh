#!/bin/sh
# Regenerates docs/compare.png, the screenshot of `yusuan compare --format html`
# the README shows: the 江苏省人民检察院 budgets 2017–2019 from ../shared/corpus/real.
# Needs chromium (Debian package) and the shared corpus.
set -eu
cd "$(dirname "$0")/.."
real=../shared/corpus/real
[ -d "$real" ] || { echo "no $real: cannot make the screenshot" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
for f in "$real"/open-budget__江苏省人民检察院_*.pdf; do ln -s "$(realpath "$f")" "$tmp/in/"; done
cargo run --release --quiet -- extract "$tmp/in" --out "$tmp/out" --quiet
cargo run --release --quiet -- compare "$tmp/out" --format html --out "$tmp/compare.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --proxy-server=127.0.0.1:9 \
  --window-size=1100,1500 --screenshot="$tmp/compare.png" "file://$tmp/compare.html" 2>/dev/null
cp "$tmp/compare.png" docs/compare.png
echo "wrote docs/compare.png"
