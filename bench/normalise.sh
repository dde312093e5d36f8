#!/bin/bash
# bench/normalise.sh: normalisation of 1,000,000 observations (parse "23.5%"
# and the numbers, map "Jun-17" to "2017-06", look the indicator up) against
# jq and Miller doing the same parsing on the same data in the same run.
#  1. kpi-ingest | kpi-normalise from the CSV, against Miller reading the CSV
#     and normalising in one process, and kpi-ingest | jq (issue 5's goal:
#     at least 3x faster than the faster of the two)
#  2. kpi-normalise alone on kpi-ingest's NDJSON, against jq and Miller on
#     the same NDJSON
# Prints table rows (see bench/common.bash).
set -u
. "$(dirname "$0")/common.bash"
bench_need kpi-ingest kpi-normalise
csv=$(bench_written_csv)
rows=$(($(wc -l <"$csv") - 1))
raw="$BENCH_DIR/raw-1m.ndjson"
kpi-ingest "$csv" >"$raw" || exit 2

jq_prog='.value |= (sub("%$"; "") | tonumber) | .numerator |= tonumber | .denominator |= tonumber | .period |= (strptime("%b-%y") | strftime("%Y-%m"))'
mlr_prog='$value = float(sub($value, "%$", "")); $numerator = float($numerator); $denominator = float($denominator); $period = strftime(strptime($period, "%b-%y"), "%Y-%m")'

stage_rows normalise "$rows" "kpi-ingest | kpi-normalise (from the CSV)" "kpi-ingest '$csv' | kpi-normalise" \
	mlr "mlr --icsv --ojsonl put (parse %, numbers, map period)" "mlr --icsv --ojsonl put '$mlr_prog' '$csv'" \
	jq "kpi-ingest | jq -c (parse %, numbers, map period)" "kpi-ingest '$csv' | jq -c '$jq_prog'"
stage_rows normalise "$rows" "kpi-normalise alone (raw NDJSON in)" "kpi-normalise '$raw'" \
	mlr "mlr --ijsonl --ojsonl put, same NDJSON" "mlr --ijsonl --ojsonl put '$mlr_prog' '$raw'" \
	jq "jq -c, same NDJSON" "jq -c '$jq_prog' '$raw'"
exit 0
