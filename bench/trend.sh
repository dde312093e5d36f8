#!/bin/bash
# bench/trend.sh: kpi-trend on 1,000,000 observations, and --every-period
# against a loop of --as-at runs.  Prints markdown table rows (see bench/run):
#   | trend | COMMAND | seconds | rows/s | peak RSS MB | ratio |
# rows/s counts input observations.  Peak RSS is kpi-trend's alone.
#  1. 1M observations (152 areas x 60 indicators x 110 months, bench/gen-long-csv.awk)
#     through kpi-ingest | kpi-normalise | kpi-trend; seconds for the pipeline
#  2. kpi-trend alone on the same typed observations
#  3. kpi-trend alone on 1M typed observations in 20,000 series (bench/gen-typed.awk)
#  4. --every-period against one --as-at run per month, on 152 areas x 2
#     indicators x 110 months; ratio = loop seconds / --every-period seconds
set -u
cd "$(dirname "$0")/.." || exit 2
dir=${BENCH_DIR:-bench/work}
mkdir -p "$dir" || exit 2
for tool in kpi-ingest kpi-normalise kpi-trend; do
	command -v "$tool" >/dev/null || { echo "bench/trend.sh: $tool is not on PATH" >&2; exit 2; }
done

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# timed OUT CMD...: runs CMD > OUT; sets secs and rss_kb
timed() {
	local out=$1 t
	shift
	t=$(mktemp)
	/usr/bin/time -f '%e %M' -o "$t" "$@" >"$out" || { rm -f "$t"; return 1; }
	read -r secs rss_kb <"$t"
	rm -f "$t"
}

# 1. the pipeline
csv="$dir/long-1m.csv"
if [ ! -s "$csv" ]; then
	awk -v rows=1000000 -f bench/gen-long-csv.awk >"$csv.tmp" && mv "$csv.tmp" "$csv" || exit 2
fi
typed="$dir/typed-1m.ndjson"
rows=$(($(wc -l <"$csv") - 1))
tt=$(mktemp)
t0=$(now)
if kpi-ingest "$csv" | kpi-normalise 2>/dev/null | /usr/bin/time -f '%e %M' -o "$tt" kpi-trend >"$dir/summary-1m.ndjson"; then
	t1=$(now)
	secs=$(elapsed "$t0" "$t1")
	read -r _ rss_kb <"$tt"
	echo "| trend | kpi-ingest \\| kpi-normalise \\| kpi-trend, 1M observations, $(wc -l <"$dir/summary-1m.ndjson") series | $secs | $(rate "$rows" "$secs") | $(mb "$rss_kb") | |"
else
	echo "| trend | kpi-ingest \\| kpi-normalise \\| kpi-trend | (failed) | | | |"
fi
rm -f "$tt"

# 2. kpi-trend alone on the pipeline's typed observations
kpi-ingest "$csv" | kpi-normalise >"$typed" 2>/dev/null
if [ -s "$typed" ] && timed /dev/null kpi-trend "$typed"; then
	echo "| trend | kpi-trend, the same 1M typed observations | $secs | $(rate "$(wc -l <"$typed")" "$secs") | $(mb "$rss_kb") | |"
fi

# 3. 1M observations in 20,000 series
t20k="$dir/typed-20k-series.ndjson"
if [ ! -s "$t20k" ]; then
	awk -v inds=100 -v areas=200 -v months=50 -f bench/gen-typed.awk >"$t20k.tmp" && mv "$t20k.tmp" "$t20k" || exit 2
fi
if timed "$dir/summary-20k.ndjson" kpi-trend "$t20k"; then
	echo "| trend | kpi-trend, 1M typed observations in $(wc -l <"$dir/summary-20k.ndjson") series | $secs | $(rate "$(wc -l <"$t20k")" "$secs") | $(mb "$rss_kb") | |"
else
	echo "| trend | kpi-trend, 1M observations in 20,000 series | (failed) | | | |"
fi

# 4. --every-period against a loop of --as-at runs
small="$dir/typed-small.ndjson"
if [ ! -s "$small" ]; then
	awk -v inds=2 -v areas=152 -v months=110 -f bench/gen-typed.awk >"$small.tmp" && mv "$small.tmp" "$small" || exit 2
fi
n_small=$(wc -l <"$small")
timed /dev/null kpi-trend --every-period "$small" || { echo "| trend | kpi-trend --every-period | (failed) | | | |"; exit 1; }
every_secs=$secs every_rss=$rss_kb
months=$(awk 'BEGIN { for (m = 0; m < 110; m++) printf "%04d-%02d\n", 2015 + int((m + 3) / 12), (m + 3) % 12 + 1 }')
t0=$(now)
for m in $months; do
	kpi-trend --as-at "$m" "$small" >/dev/null || { echo "| trend | --as-at loop | (failed at $m) | | | |"; exit 1; }
done
t1=$(now)
loop_secs=$(elapsed "$t0" "$t1")
ratio=$(awk -v a="$loop_secs" -v b="$every_secs" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }')
echo "| trend | kpi-trend --every-period, $n_small observations x 110 months | $every_secs | $(rate "$n_small" "$every_secs") | $(mb "$every_rss") | $ratio |"
echo "| trend | 110 x kpi-trend --as-at MONTH (shell loop) | $loop_secs | $(rate "$n_small" "$loop_secs") | | 1.0x |"
exit 0
