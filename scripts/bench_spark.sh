#!/usr/bin/env bash
# The Spark job in local mode on two cores against `yusuan extract --jobs 2`
# on the same files, and the size of the Parquet output against the CSVs.
#
#   scripts/bench_spark.sh [CORPUS] [COPIES] [ROUNDS]
#
# CORPUS: a folder of PDFs (default ../shared/corpus/real, read-only; it is
# never copied into the repository). COPIES: the corpus is laid out that
# many times in a temporary folder, each copy's files with a distinct
# trailing comment after %%EOF (a PDF reader ignores it), so that every
# file is a distinct document (yusuan counts the same bytes once) and the
# run is long enough for Spark's fixed costs (the JVM's start, the Python
# workers') to be seen against the work. SPARK_ARGS='--writer spark' runs
# the job's previous path (the rows written by Spark). OCR is off on both sides (the
# corpus's scans would dominate). Rounds are interleaved on this shared
# VM; medians are printed. Besides the wall time, the CPU time of each
# command and everything it starts (JVM, Python workers) is counted with
# `perf stat -e task-clock` where perf is installed: the work done, which
# neighbours on a shared machine change far less than the wall time.
#
# Needs: target/release/yusuan (cargo build --release), and a Python with
# yusuan[spark] installed (PYTHON, default python3) and Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=${1:-../shared/corpus/real}
COPIES=${2:-4}
ROUNDS=${3:-3}
PYTHON=${PYTHON:-python3}
YUSUAN=${YUSUAN:-target/release/yusuan}
SPARK_ARGS=${SPARK_ARGS:-}   # e.g. '--max-partition-bytes 8388608'
[[ -d $CORPUS ]] || { echo "no corpus at $CORPUS" >&2; exit 2; }
[[ -x $YUSUAN ]] || { echo "build first: cargo build --release" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
for ((k = 1; k <= COPIES; k++)); do
  mkdir -p "$work/in/copy$k"
  for f in "$CORPUS"/*.pdf; do
    { cat "$f"; printf '\n%% yusuan bench copy %d\n' "$k"; } >"$work/in/copy$k/$(basename "$f")"
  done
done
files=$(find "$work/in" -name '*.pdf' | wc -l)
mb=$(du -sm "$work/in" | cut -f1)
echo "input: $files PDFs, $mb MB ($COPIES copies of $CORPUS)"

export PYSPARK_PYTHON=${PYSPARK_PYTHON:-$(command -v "$PYTHON")}
cli=() spark=() spark_job=() cli_cpu=() spark_cpu=()
now() { date +%s.%N; }
# cpu FILE CMD...: runs CMD, its CPU seconds (children included) to FILE.
cpu() {
  local f=$1; shift
  if command -v perf >/dev/null 2>&1; then
    perf stat -x, -e task-clock -o "$f" -- "$@"
  else
    echo "0,msec,task-clock" >"$f"; "$@"
  fi
}
cpu_of() { awk -F, '/task-clock/ {printf "%.2f", $1 / 1000}' "$1"; }
for ((r = 1; r <= ROUNDS; r++)); do
  rm -rf "$work/cli"
  t0=$(now)
  cpu "$work/cli.cpu" "$YUSUAN" extract "$work/in" --out "$work/cli" --jobs 2 --ocr never --quiet || [[ $? == 1 ]]
  t1=$(now)
  cli+=("$(echo "$t1 - $t0" | bc)")
  cli_cpu+=("$(cpu_of "$work/cli.cpu")")

  rm -rf "$work/spark"
  t0=$(now)
  cpu "$work/spark.cpu" "$PYTHON" -m yusuan.spark --master 'local[2]' --input "$work/in" \
    --output "$work/spark" --ocr never $SPARK_ARGS 2>"$work/spark.log"
  t1=$(now)
  spark+=("$(echo "$t1 - $t0" | bc)")
  spark_cpu+=("$(cpu_of "$work/spark.cpu")")
  # The job's own time: from a running session to the written datasets.
  spark_job+=("$(grep -o 'in [0-9.]* s ->' "$work/spark.log" | tr -dc '0-9.')")
  echo "round $r: cli ${cli[-1]} s (cpu ${cli_cpu[-1]} s), spark ${spark[-1]} s (job ${spark_job[-1]} s, cpu ${spark_cpu[-1]} s), load $(cut -d' ' -f1 /proc/loadavg)"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
c=$(median "${cli[@]}")
s=$(median "${spark[@]}")
j=$(median "${spark_job[@]}")
pages=$(awk -F, 'NR > 1 {n += $4} END {print n}' "$work/cli/documents.csv")
echo
echo "pages: $pages"
printf 'yusuan extract --jobs 2:                 %6.2f s  %6.0f pages/s\n' "$c" "$(echo "$pages / $c" | bc -l)"
printf 'spark local[2], job (session running):    %6.2f s  %6.0f pages/s  (%+.0f%%)\n' "$j" \
  "$(echo "$pages / $j" | bc -l)" "$(echo "($j / $c - 1) * 100" | bc -l)"
printf 'spark local[2], whole command (JVM too):  %6.2f s  %6.0f pages/s  (%+.0f%%)\n' "$s" \
  "$(echo "$pages / $s" | bc -l)" "$(echo "($s / $c - 1) * 100" | bc -l)"
cc=$(median "${cli_cpu[@]}")
sc=$(median "${spark_cpu[@]}")
printf 'CPU time: yusuan extract %.2f s, spark command %.2f s (%+.0f%%)\n' "$cc" "$sc" \
  "$(echo "($sc / $cc - 1) * 100" | bc -l)"

# Sizes on one copy of the corpus: the copies' identical rows would
# flatter Parquet's dictionaries.
echo
rm -rf "$work/one" "$work/spark"
"$YUSUAN" extract "$work/in/copy1" --out "$work/one" --jobs 2 --ocr never --quiet || [[ $? == 1 ]]
"$PYTHON" -m yusuan parquet "$work/one" "$work/parquet" 2>/dev/null
"$PYTHON" -m yusuan.spark --master 'local[2]' --input "$work/in/copy1" --output "$work/spark" --ocr never 2>/dev/null
echo "size of the output for one copy (bytes):"
printf '%-12s %12s %14s %14s\n' file csv 'parquet(py)' 'parquet(spark)'
tc=0 tp=0 ts=0
for f in documents facts tables line_items projects indicators checks; do
  c=$(stat -c %s "$work/one/$f.csv")
  p=$(stat -c %s "$work/parquet/$f.parquet")
  s=$(find "$work/spark/$f" -name '*.parquet' -printf '%s\n' | awk '{n += $1} END {print n + 0}')
  printf '%-12s %12d %14d %14d\n' "$f" "$c" "$p" "$s"
  tc=$((tc + c)) tp=$((tp + p)) ts=$((ts + s))
done
printf '%-12s %12d %14d %14d   (parquet/csv: %.2f, %.2f)\n' all "$tc" "$tp" "$ts" \
  "$(echo "$tp / $tc" | bc -l)" "$(echo "$ts / $tc" | bc -l)"
