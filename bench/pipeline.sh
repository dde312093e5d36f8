#!/bin/bash
# bench/pipeline.sh: the whole pipeline on 1,000,000 observations as people
# write them ("Jun-17", "35.1%"): kpi-ingest | kpi-normalise | kpi-trend |
# kpi-flag | kpi-render -f html, against the closest Miller and jq
# equivalents (normalise, per-series count/mean/min/max and latest, a RAG
# rule, a flat table) on the same data in the same run.  Prints table rows (see
# bench/common.bash); rows/s counts observations; peak RSS is the largest
# process of the pipeline.
set -u
. "$(dirname "$0")/common.bash"
bench_need kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render
csv=$(bench_written_csv)
rows=$(($(wc -l <"$csv") - 1))
mlr_chain='put '\''$value = float(sub($value, "%$", "")); $period = strftime(strptime($period, "%b-%y"), "%Y-%m")'\'' then stats1 -a count,mean,min,max,stddev -f value -g indicator,area then put '\''$rag = $value_mean >= 50 ? "green" : "red"'\'''
jq_norm='.value |= (sub("%$"; "") | tonumber) | .numerator |= tonumber | .denominator |= tonumber | .period |= (strptime("%b-%y") | strftime("%Y-%m"))'
jq_trend='group_by(.indicator, .area)[] | {series: (.[0].indicator + " " + .[0].area), points: length, period: .[-1].period, value: .[-1].value, high: (map(.value) | max), low: (map(.value | values) | min), mean: (map(.value | values) | add / length)}'
jq_table='"| \(.series) | \(.period) | \(.value) | \(if .value >= .mean then "green" else "red" end) |"'
stage_rows pipeline "$rows" "kpi-ingest | kpi-normalise | kpi-trend | kpi-flag | kpi-render -f html, 1M observations" \
	"kpi-ingest '$csv' | kpi-normalise | kpi-trend | kpi-flag | kpi-render -f html" \
	mlr "mlr --icsv --omd put (normalise) then stats1 (count/mean/min/max/stddev) then put (RAG)" \
	"mlr --icsv --omd $mlr_chain '$csv'" \
	jq "kpi-ingest | jq (normalise) | jq -s group_by (per series) | jq -r (RAG table)" \
	"kpi-ingest '$csv' | jq -c '$jq_norm' | jq -cs '$jq_trend' | jq -r '$jq_table'"
exit 0
