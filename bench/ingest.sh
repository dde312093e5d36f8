#!/bin/bash
# bench/ingest.sh: kpi-ingest against Miller on the same 1,000,000-row long CSV.
# Prints markdown table rows (see bench/run):
#   | ingest | COMMAND | seconds | rows/s | peak RSS MB | ratio vs mlr |
# The data (bench/gen-long-csv.awk) is made once in ${BENCH_DIR:-bench/work}.
set -u
cd "$(dirname "$0")/.." || exit 2
dir=${BENCH_DIR:-bench/work}
mkdir -p "$dir" || exit 2
csv="$dir/long-1m.csv"
rows=1000000
if [ ! -s "$csv" ]; then
	awk -v rows=$rows -f bench/gen-long-csv.awk >"$csv.tmp" && mv "$csv.tmp" "$csv" || exit 2
fi
command -v kpi-ingest >/dev/null || { echo "bench/ingest.sh: kpi-ingest is not on PATH" >&2; exit 2; }

# run LABEL CMD...: sets secs and rss_mb (output to /dev/null)
run() {
	local t
	t=$(mktemp)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M' -o "$t" "$@" >/dev/null || { rm -f "$t"; return 1; }
		read -r secs rss_kb <"$t"
		rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
	else
		local TIMEFORMAT=%R
		{ time "$@" >/dev/null; } 2>"$t" || { rm -f "$t"; return 1; }
		secs=$(tail -1 "$t")
		rss_mb="n/a"
	fi
	rm -f "$t"
}

run kpi-ingest "$csv" || { echo "| ingest | kpi-ingest | (failed) | | | |"; exit 1; }
kpi_secs=$secs kpi_rss=$rss_mb
if command -v mlr >/dev/null && run mlr --icsv --ojsonl cat "$csv"; then
	mlr_secs=$secs mlr_rss=$rss_mb
else
	mlr_secs=""
fi
rate() { awk -v n=$rows -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }'; }
if [ -n "$mlr_secs" ]; then
	ratio=$(awk -v a="$mlr_secs" -v b="$kpi_secs" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }')
else
	ratio="(mlr not installed)"
fi
echo "| ingest | kpi-ingest | $kpi_secs | $(rate "$kpi_secs") | $kpi_rss | $ratio |"
[ -n "$mlr_secs" ] && echo "| ingest | mlr --icsv --ojsonl cat | $mlr_secs | $(rate "$mlr_secs") | $mlr_rss | 1.0x |"
exit 0
