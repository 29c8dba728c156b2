#!/usr/bin/env bash
# The batch targets of the README, measured: `yusuan extract` (text, tables,
# facts, checks, CSVs) over a corpus with one thread and two, against
# `pdftotext -layout` over the same files (text only, one process per file
# as a shell loop would run it); peak memory on the largest document and on
# the corpus repeated three and six times (copies made distinct by a trailing
# comment, so the hash dedupe does not skip them).
#
#   scripts/bench_batch.sh [DIR] [ROUNDS]      (default ../shared/corpus/real, 11)
#
# OCR is left off (`--ocr never`): pdftotext reads no scans either, and
# scripts/bench_ocr.sh measures OCR on its own. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-../shared/corpus/real}
rounds=${2:-11}
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
pdftotext_all() { for f in "${files[@]}"; do pdftotext -layout "$f" - >/dev/null 2>&1 || true; done; }
extract() { rm -rf "$tmp/out"; "$bin" extract "$dir" --out "$tmp/out" --quiet --ocr never --jobs "$1"; }
peak_mb() { # peak RSS in MB of "$@"
  /usr/bin/time -f '%M' -o "$tmp/rss" "$@" >/dev/null 2>&1 || true
  echo $(( $(tail -1 "$tmp/rss") / 1024 ))
}
# This machine's own parallel scaling, as a control: the same CPU-bound
# work (sha256sum of 256 MB) once, and twice side by side.
head -c 268435456 /dev/urandom > "$tmp/blob"
control() { for _ in $(seq "$1"); do sha256sum "$tmp/blob" >/dev/null & done; wait; }
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
# Rounds interleave the runs, so a noisy neighbour on a shared host slows
# each configuration alike; median and best are printed.
declare -a T_p T_1 T_2 T_c1 T_c2
for _ in $(seq "$rounds"); do
  T_p+=("$(secs pdftotext_all)")
  T_1+=("$(secs extract 1)")
  T_2+=("$(secs extract 2)")
  T_c1+=("$(secs control 1)")
  T_c2+=("$(secs control 2)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
least() { printf '%s\n' "$@" | sort -g | head -1; }
printf '%d files, %d pages (%s), %d interleaved rounds: median (best)\n' "${#files[@]}" "$pages" "$dir" "$rounds"
row() { # label, times...
  local label=$1; shift
  local m b; m=$(median "$@"); b=$(least "$@")
  printf '%-40s %6.2f s (%5.2f)  %7.1f pages/s (%6.1f)\n' "$label" "$m" "$b" "$(echo "$pages / $m" | bc -l)" "$(echo "$pages / $b" | bc -l)"
}
row 'pdftotext -layout, 1 process at a time' "${T_p[@]}"
row 'yusuan extract --jobs 1' "${T_1[@]}"
row 'yusuan extract --jobs 2' "${T_2[@]}"
p=$(median "${T_p[@]}") one=$(median "${T_1[@]}") two=$(median "${T_2[@]}")
c1=$(median "${T_c1[@]}") c2=$(median "${T_c2[@]}")
printf 'yusuan --jobs 1 against pdftotext: %.2fx; --jobs 2 against --jobs 1: %.2fx (medians)\n' \
  "$(echo "$p / $one" | bc -l)" "$(echo "$one / $two" | bc -l)"
printf 'control (sha256sum, 2 side by side against 1): %.2fx of the ideal 2x on this machine now\n' \
  "$(echo "2 * $c1 / $c2" | bc -l)"
mkdir "$tmp/one"; ln -s "$(realpath "$largest")" "$tmp/one/"
printf 'peak memory, largest document (%d pages), --jobs 1: %d MB; --jobs 2: %d MB\n' "$largest_pages" \
  "$(peak_mb "$bin" extract "$tmp/one" --out "$tmp/o1" --quiet --ocr never --jobs 1)" \
  "$(peak_mb "$bin" extract "$tmp/one" --out "$tmp/o2" --quiet --ocr never --jobs 2)"
copies() { # copies N: the corpus N times in $tmp/xN
  mkdir -p "$tmp/x$1"
  for i in $(seq "$1"); do
    for f in "${files[@]}"; do
      { cat "$f"; printf '\n%% copy %d\n' "$i"; } > "$tmp/x$1/$(basename "$f" .pdf)_$i.pdf"
    done
  done
}
copies 3
copies 6
printf 'peak memory (--jobs 2), corpus x1 (%d files): %d MB; x3: %d MB; x6 (%d files): %d MB\n' \
  "${#files[@]}" "$(peak_mb "$bin" extract "$dir" --out "$tmp/m1" --quiet --ocr never --jobs 2)" \
  "$(peak_mb "$bin" extract "$tmp/x3" --out "$tmp/m3" --quiet --ocr never --jobs 2)" \
  "$(( ${#files[@]} * 6 ))" "$(peak_mb "$bin" extract "$tmp/x6" --out "$tmp/m6" --quiet --ocr never --jobs 2)"
