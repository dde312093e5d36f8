#!/bin/bash
# bench/render.sh: kpi-render on the judged summaries of the 1,000,000
# benchmark observations (kpi-flag output, one per series, about 9,100).
# Prints table rows (see bench/common.bash); rows/s counts series.  kpi-render
# writes the whole board report (sections, sentences, SPC charts in HTML); the
# closest equivalent in jq or Miller is a flat Markdown table of the figures.
set -u
. "$(dirname "$0")/common.bash"
bench_need kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render
flagged=$(bench_flagged)
n=$(wc -l <"$flagged")
jq_prog='"| \(.indicator) | \(.area) | \(.period) | \(.value) | \(.rag) |"'
stage_rows render "$n" "kpi-render -f md, $n judged series" "kpi-render -f md '$flagged'" \
	mlr "mlr --ijsonl --omd cut (a flat table)" "mlr --ijsonl --omd cut -o -f indicator,area,period,value,rag '$flagged'" \
	jq "jq -r (a flat Markdown table)" "jq -r '$jq_prog' '$flagged'"
stage_rows render "$n" "kpi-render -f html (charts), $n judged series" "kpi-render -f html '$flagged'"
exit 0
