#!/bin/bash
# bench/ingest.sh: kpi-ingest against Miller (and jq, which cannot read CSV:
# Miller's CSV reader feeding it) on the same 1,000,000-row long CSV.
# Prints table rows (see bench/common.bash).  Goal (issue 4): at least 3x
# Miller and 2 million rows/s.
set -u
. "$(dirname "$0")/common.bash"
bench_need kpi-ingest
csv=$(bench_long_csv)
rows=$(($(wc -l <"$csv") - 1))
stage_rows ingest "$rows" "kpi-ingest (1M-row long CSV to raw NDJSON)" "kpi-ingest '$csv'" \
	mlr "mlr --icsv --ojsonl cat" "mlr --icsv --ojsonl cat '$csv'"
exit 0
