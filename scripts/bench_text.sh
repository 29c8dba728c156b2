#!/usr/bin/env bash
# Pages per second of `yusuan text` against `pdftotext -layout`, one thread
# each, over the same PDFs (default: ../shared/corpus/real). Rerun after
# any change to the PDF or layout stages; figures go into the README.
# OCR is off (`--ocr never`): pdftotext reads no scans either
# (scripts/bench_ocr.sh measures OCR).
#
#   scripts/bench_text.sh [DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-../shared/corpus/real}
rounds=${2:-3}
command -v pdftotext >/dev/null || { echo "needs pdftotext (apt-get install poppler-utils)"; exit 2; }
cargo build --release --quiet
bin=target/release/yusuan
mapfile -d '' files < <(find "$dir" -name '*.pdf' -print0 | sort -z)
pages=0
for f in "${files[@]}"; do
  n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}')
  pages=$((pages + ${n:-0}))
done
time_cmd() { # prints best-of-$rounds seconds for running "$@" on every file
  local best=""
  for _ in $(seq "$rounds"); do
    local t0 t1
    t0=$(date +%s.%N)
    for f in "${files[@]}"; do "$@" "$f" >/dev/null 2>&1 || true; done
    t1=$(date +%s.%N)
    local t
    t=$(echo "$t1 - $t0" | bc -l)
    if [[ -z $best ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}
y=$(export RAYON_NUM_THREADS=1; time_cmd "$bin" text --ocr never)
p=$(time_cmd sh -c 'pdftotext -layout "$0" -')
printf '%d files, %d pages, best of %d rounds, one thread each\n' "${#files[@]}" "$pages" "$rounds"
printf 'yusuan text        %6.2f s  %7.1f pages/s\n' "$y" "$(echo "$pages / $y" | bc -l)"
printf 'pdftotext -layout  %6.2f s  %7.1f pages/s\n' "$p" "$(echo "$pages / $p" | bc -l)"
printf 'ratio (yusuan / pdftotext pages/s): %.2f\n' "$(echo "$p / $y" | bc -l)"
