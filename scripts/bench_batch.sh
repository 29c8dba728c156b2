#!/usr/bin/env bash
# The batch targets of the README, measured: `yusuan extract` (text, tables,
# facts, checks, CSVs) over a corpus with one thread and two, against
# `pdftotext -layout` over the same files (text only, one process per file
# as a shell loop would run it); peak memory on the largest document and on
# the corpus repeated three times (copies made distinct by a trailing
# comment, so the hash dedupe does not skip them).
#
#   scripts/bench_batch.sh [DIR] [ROUNDS]      (default ../shared/corpus/real, 3)
#
# Figures are the best of ROUNDS; run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-../shared/corpus/real}
rounds=${2:-3}
command -v pdftotext >/dev/null || { echo "needs pdftotext (apt-get install poppler-utils)"; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time (apt-get install time)"; exit 2; }
cargo build --release --quiet
bin=$PWD/target/release/yusuan
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -d '' files < <(find "$dir" -name '*.pdf' -print0 | sort -z)
pages=0
largest="" largest_pages=0
for f in "${files[@]}"; do
  n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}')
  pages=$((pages + ${n:-0}))
  if (( ${n:-0} > largest_pages )); then largest=$f largest_pages=$n; fi
done
best() { # best-of-$rounds wall seconds of "$@"
  local b=""
  for _ in $(seq "$rounds"); do
    local t0 t1 t
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
    t=$(echo "$t1 - $t0" | bc -l)
    if [[ -z $b ]] || (( $(echo "$t < $b" | bc -l) )); then b=$t; fi
  done
  echo "$b"
}
pdftotext_all() { for f in "${files[@]}"; do pdftotext -layout "$f" - >/dev/null 2>&1 || true; done; }
extract() { rm -rf "$tmp/out"; "$bin" extract "$dir" --out "$tmp/out" --quiet --jobs "$1"; }
peak_mb() { # peak RSS in MB of "$@"
  /usr/bin/time -f '%M' -o "$tmp/rss" "$@" >/dev/null 2>&1 || true
  echo $(( $(tail -1 "$tmp/rss") / 1024 ))
}
p=$(best pdftotext_all)
one=$(best extract 1)
two=$(best extract 2)
printf '%d files, %d pages (%s), best of %d rounds\n' "${#files[@]}" "$pages" "$dir" "$rounds"
printf 'pdftotext -layout, 1 process at a time  %6.2f s  %7.1f pages/s\n' "$p" "$(echo "$pages / $p" | bc -l)"
printf 'yusuan extract --jobs 1                 %6.2f s  %7.1f pages/s  (%.2fx pdftotext)\n' "$one" "$(echo "$pages / $one" | bc -l)" "$(echo "$p / $one" | bc -l)"
printf 'yusuan extract --jobs 2                 %6.2f s  %7.1f pages/s  (%.2fx one thread)\n' "$two" "$(echo "$pages / $two" | bc -l)" "$(echo "$one / $two" | bc -l)"
mkdir "$tmp/one"; ln -s "$(realpath "$largest")" "$tmp/one/"
printf 'peak memory, largest document (%d pages), --jobs 1: %d MB; --jobs 2: %d MB\n' "$largest_pages" \
  "$(peak_mb "$bin" extract "$tmp/one" --out "$tmp/o1" --quiet --jobs 1)" \
  "$(peak_mb "$bin" extract "$tmp/one" --out "$tmp/o2" --quiet --jobs 2)"
mkdir "$tmp/x3"
for i in 1 2 3; do
  for f in "${files[@]}"; do
    b=$(basename "$f" .pdf)
    { cat "$f"; printf '\n%% copy %d\n' "$i"; } > "$tmp/x3/${b}_$i.pdf"
  done
done
printf 'peak memory, corpus x1 (%d files): %d MB; x3 (%d files): %d MB (--jobs 2)\n' \
  "${#files[@]}" "$(peak_mb "$bin" extract "$dir" --out "$tmp/m1" --quiet --jobs 2)" \
  "$(( ${#files[@]} * 3 ))" "$(peak_mb "$bin" extract "$tmp/x3" --out "$tmp/m3" --quiet --jobs 2)"
