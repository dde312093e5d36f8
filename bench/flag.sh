#!/bin/bash
# bench/flag.sh: kpi-flag on the series summaries of the 1,000,000 benchmark
# observations (kpi-ingest | kpi-normalise | kpi-trend: one summary per
# series, about 9,100).  Prints table rows (see bench/common.bash); rows/s
# counts summaries.  kpi-flag judges each series (RAG, SPC assurance,
# improvement or issue, with reasons); the closest honest equivalent in jq or
# Miller is a per-record rule on the latest change and the polarity.
set -u
. "$(dirname "$0")/common.bash"
bench_need kpi-ingest kpi-normalise kpi-trend kpi-flag
sum=$(bench_summaries)
n=$(wc -l <"$sum")
jq_prog='. + {rag: (if .value == null or .change == null then null elif .change == 0 then "amber" elif (.change > 0) == (.polarity == "higher_is_better") then "green" else "red" end)}'
mlr_prog='if (is_empty($change) || is_absent($change)) { $rag = "" } elif ($change == 0) { $rag = "amber" } elif (($change > 0) == ($polarity == "higher_is_better")) { $rag = "green" } else { $rag = "red" }'
stage_rows flag "$n" "kpi-flag, $n series summaries of 1M observations" "kpi-flag '$sum'" \
	mlr "mlr --ijsonl --ojsonl put (RAG from change and polarity)" "mlr --ijsonl --ojsonl put '$mlr_prog' '$sum'" \
	jq "jq -c (RAG from change and polarity)" "jq -c '$jq_prog' '$sum'"
exit 0
