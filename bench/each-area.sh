#!/bin/bash
# bench/each-area.sh: every council's report of the DfE's children-in-care
# file (cla_number_and_rate_per_10k_children.csv, every local authority with
# England and the regions), kpi-regenerate --each-area against England, the
# region and the statistical neighbours; the goal (issue 19) is 20 ms or less
# per report.  The file is ../shared's, never the repository's: without it
# the row says so and nothing is timed.
# Prints a markdown table row (see bench/run); reports/s is the rate, and the
# command column gives the milliseconds per report:
#   | each-area | COMMAND | seconds | reports/s | peak RSS MB | ratio |
set -u
cd "$(dirname "$0")/.." || exit 2
real=${KPI_SHARED:-../shared}/data/real
data=$real/cla_number_and_rate_per_10k_children.csv
sn=$real/sn_model_2025_wide.csv
dir=${BENCH_DIR:-bench/work}/each-area
type=corporate-parenting-board
for tool in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
	command -v "$tool" >/dev/null || { echo "bench/each-area.sh: $tool is not on PATH" >&2; exit 2; }
done
if [ ! -f "$data" ] || [ ! -f "$sn" ]; then
	echo "bench/each-area.sh: $real is absent: the row is skipped" >&2
	echo "| each-area | (skipped: ../shared/data/real is absent) | | | | |"
	exit 0
fi
rm -rf "$dir"
mkdir -p "$dir" || exit 2

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

jobs=$(nproc 2>/dev/null || echo 1)
t0=$(now)
pipelines/regenerate --type "$type" --each-area --force -q -j "$jobs" -o "$dir" \
	--compare england,region,neighbours --neighbours "$sn" "$data" 2>/dev/null ||
	{ echo "| each-area | kpi-regenerate --each-area | (failed) | | | |"; exit 1; }
t1=$(now)
secs=$(elapsed "$t0" "$t1")
reports=$(find "$dir" -maxdepth 1 -name "$type-*.html" | wc -l)
[ "$reports" -gt 0 ] || { echo "| each-area | kpi-regenerate --each-area | (no report written) | | | |"; exit 1; }
ms=$(awk -v n="$reports" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 / n }')
rate=$(awk -v n="$reports" -v a="$t0" -v b="$t1" 'BEGIN { if (b > a) printf "%.1f", n / (b - a); else print "n/a" }')
echo "| each-area | kpi-regenerate --type $type --each-area --compare england,region,neighbours -j $jobs, cla_number_and_rate_per_10k_children.csv ($reports reports, $ms ms per report; goal 20) | $secs | $rate | n/a | no equivalent |"
exit 0
