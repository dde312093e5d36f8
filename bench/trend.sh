#!/bin/bash
# bench/trend.sh: kpi-trend on 1,000,000 observations, and --every-period
# against a loop of --as-at runs.  Prints table rows (see bench/common.bash);
# rows/s counts input observations.
#  1. 1M observations (152 areas x 60 indicators x 110 months, bench/gen-long-csv.awk)
#     through kpi-ingest | kpi-normalise | kpi-trend
#  2. kpi-trend alone on the same typed observations
#  3. kpi-trend alone on 1M typed observations in 20,000 series (bench/gen-typed.awk);
#     issue 6's goal: well under 200 MB
#  4. --every-period against one --as-at run per month, on 152 areas x 2
#     indicators x 110 months; ratio = loop seconds / --every-period seconds
#  5. --as-known-at DATE against a plain run, on the typed observations of 2.
#     each dated (released the November after its year) and every tenth
#     released again, revised, a year later (issue 17: --as-known-at costs at
#     most 20% more than a plain run); ratio = its seconds / the plain run's
# Nothing in Miller or jq computes what kpi-trend does (window, runs,
# highest since, SPC); the closest honest equivalent is a per-series
# count/mean/min/max (Miller 6.6's stats1 has no "last": it gives the standard
# deviation instead) and latest point (jq), which is what the comparators compute.
set -u
. "$(dirname "$0")/common.bash"
bench_need kpi-ingest kpi-normalise kpi-trend
csv=$(bench_long_csv)
rows=$(($(wc -l <"$csv") - 1))
typed="$BENCH_DIR/typed-1m.ndjson"
kpi-ingest "$csv" | kpi-normalise >"$typed" || exit 2

mlr_stats='stats1 -a count,mean,min,max,stddev -f value -g indicator,area'
# jq: slurp and group (a streaming reduce into an object is quadratic in jq 1.6)
jq_prog='group_by(.indicator, .area)[] | {indicator: .[0].indicator, area: .[0].area, points: length, period: .[-1].period, value: .[-1].value, high: (map(.value) | max), low: (map(.value | values) | min), mean: (map(.value | values) | add / length)}'

# 1. the pipeline
stage_rows trend "$rows" "kpi-ingest | kpi-normalise | kpi-trend, 1M observations, about 9,100 series" \
	"kpi-ingest '$csv' | kpi-normalise | kpi-trend" \
	mlr "mlr --icsv --ojsonl $mlr_stats (from the CSV)" "mlr --icsv --ojsonl $mlr_stats '$csv'"
# 2. kpi-trend alone
stage_rows trend "$rows" "kpi-trend alone, the same 1M typed observations" "kpi-trend '$typed'" \
	mlr "mlr --ijsonl --ojsonl $mlr_stats, same NDJSON" "mlr --ijsonl --ojsonl $mlr_stats '$typed'" \
	jq "jq -s 'group_by(.indicator, .area)' (count/mean/min/max/latest per series), same NDJSON" "jq -cs '$jq_prog' '$typed'"

# 3. 1M observations in 20,000 series
t20k="$BENCH_DIR/typed-20k-series.ndjson"
if [ ! -s "$t20k" ]; then
	awk -v inds=100 -v areas=200 -v months=50 -f bench/gen-typed.awk >"$t20k.tmp" && mv "$t20k.tmp" "$t20k" || exit 2
fi
stage_rows trend "$(wc -l <"$t20k")" "kpi-trend alone, 1M typed observations in 20,000 series" "kpi-trend '$t20k'" \
	mlr "mlr --ijsonl --ojsonl $mlr_stats, same NDJSON" "mlr --ijsonl --ojsonl $mlr_stats '$t20k'"

# 4. --every-period against a loop of --as-at runs
small="$BENCH_DIR/typed-small.ndjson"
if [ ! -s "$small" ]; then
	awk -v inds=2 -v areas=152 -v months=110 -f bench/gen-typed.awk >"$small.tmp" && mv "$small.tmp" "$small" || exit 2
fi
n_small=$(wc -l <"$small")
timed "kpi-trend --every-period '$small'" || { echo "| trend | kpi-trend --every-period | (failed) | | | |"; exit 1; }
every_secs=$secs every_rss=$rss_mb
months=$(awk 'BEGIN { for (m = 0; m < 110; m++) printf "%04d-%02d ", 2015 + int((m + 3) / 12), (m + 3) % 12 + 1 }')
timed "for m in $months; do kpi-trend --as-at \$m '$small' || exit 1; done" ||
	{ echo "| trend | 110 x kpi-trend --as-at MONTH | (failed) | | | |"; exit 1; }
loop_secs=$secs loop_rss=$rss_mb
echo "| trend | kpi-trend --every-period, $n_small observations, 304 series x 110 months | $every_secs | $(rate "$n_small" "$every_secs") | $every_rss | **$(ratio "$loop_secs" "$every_secs") vs the loop** |"
echo "| trend | 110 x kpi-trend --as-at MONTH (shell loop), the same data | $loop_secs | $(rate "$n_small" "$loop_secs") | $loop_rss | $(ratio "$loop_secs" "$every_secs") |"

# 5. --as-known-at against a plain run on the same dated observations
dated="$BENCH_DIR/typed-1m-released.ndjson"
if [ ! -s "$dated" ] || [ "$dated" -ot "$typed" ]; then
	awk -f bench/add-released.awk "$typed" >"$dated.tmp" && mv "$dated.tmp" "$dated" || exit 2
fi
n_dated=$(wc -l <"$dated")
timed "kpi-trend '$dated'" || { echo "| trend | kpi-trend, dated observations | (failed) | | | |"; exit 1; }
plain_secs=$secs plain_rss=$rss_mb
timed "kpi-trend --as-known-at 2021-06-30 '$dated'" ||
	{ echo "| trend | kpi-trend --as-known-at DATE | (failed) | | | |"; exit 1; }
echo "| trend | kpi-trend --as-known-at 2021-06-30, the 1M observations dated, a tenth revised ($n_dated records) | $secs | $(rate "$n_dated" "$secs") | $rss_mb | **$(ratio "$secs" "$plain_secs") of a plain run** |"
echo "| trend | kpi-trend (plain run), the same dated records | $plain_secs | $(rate "$n_dated" "$plain_secs") | $plain_rss | 1.0x |"
exit 0
