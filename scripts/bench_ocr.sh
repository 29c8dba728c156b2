#!/usr/bin/env bash
# OCR seconds per page: `yusuan text` (which OCRs image-only pages) on the
# scanned samples and the fully scanned 北京 disclosure, with one worker
# thread (RAYON_NUM_THREADS=1: one Tesseract at a time) and with every core
# (pages in parallel). Best of ROUNDS. Figures go into the README.
#
#   scripts/bench_ocr.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
command -v tesseract >/dev/null || {
  echo "needs tesseract (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
  exit 2
}
cargo build --release --quiet
bin=target/release/yusuan
files=(samples/rsj2020_scanned_a.pdf samples/rsj2020_scanned_b.pdf)
bj="../shared/corpus/real/renwu__002_北京_政务服务和数据管理局_2026年部门预算.pdf"
[[ -f $bj ]] && files+=("$bj")
best_of() { # best-of-$rounds wall seconds of "$@"
  local best=""
  for _ in $(seq "$rounds"); do
    local t0 t1 t
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    t=$(echo "$t1 - $t0" | bc -l)
    if [[ -z $best ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}
cores=$(nproc)
printf '%s, %d cores, best of %d\n' "$(tesseract --version 2>&1 | head -1)" "$cores" "$rounds"
printf '%-58s %5s %12s %12s\n' file pages "1 thread" "$cores threads"
for f in "${files[@]}"; do
  n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}' || true)
  n=${n:-$("$bin" text --json --ocr never "$f" 2>/dev/null | wc -l)}
  one=$(export RAYON_NUM_THREADS=1; best_of "$bin" text "$f")
  all=$(best_of "$bin" text "$f")
  printf '%-58s %5d %7.2f s/page %7.2f s/page\n' "$(basename "$f")" "$n" \
    "$(echo "$one / $n" | bc -l)" "$(echo "$all / $n" | bc -l)"
done
