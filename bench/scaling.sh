#!/bin/bash
# bench/scaling.sh: every stage is linear in the keys of a record and in the
# series of a report (issue 18).  Ratios, not timings: the same work cut two
# ways, where linear code takes the same time per unit either way.
#  1. wide records: 5,000 records (1,000 series of 5 months) of 2,000 columns
#     against the same of 200 columns, through each stage alone (its input
#     made by the stages before, untimed); ratio = seconds per field at 2,000
#     columns / seconds per field at 200, about 1 (or below: a record's fixed
#     cost is spread over more fields) when linear, 10 when quadratic (a
#     128-bit filter of the keys made kpi-normalise take 64 s on 20,000
#     records of 2,000 columns, against 0.02 s narrow)
#  2. many series: 50,000 series against 5,000 (one observation each),
#     through kpi-trend and kpi-flag; ratio = seconds per series at 50,000 /
#     seconds per series at 5,000, about 1 when linear, 10 when quadratic
#     (kpi-render's is bench/render-scale.sh)
# Prints table rows (see bench/common.bash): rows/s counts fields (1) or
# series (2).  WIDE_RECORDS, WIDE_COLUMNS and MANY_SERIES make it smaller for
# a quick look.
set -u
. "$(dirname "$0")/common.bash"
bench_need kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render
records=${WIDE_RECORDS:-5000}
wide=${WIDE_COLUMNS:-2000}
narrow=$((wide / 10))
many=${MANY_SERIES:-50000}
few=$((many / 10))
work="$BENCH_DIR/scaling"
mkdir -p "$work" || exit 2

# table COLUMNS FILE: RECORDS rows of COLUMNS columns (indicator, period,
# value, area and pass-through columns), 5 months of RECORDS/5 areas
table() {
	awk -v cols="$1" -v rows="$records" 'BEGIN {
		printf "indicator,period,value,area"
		for (c = 4; c < cols; c++) printf ",c%d", c
		print ""
		for (r = 0; r < rows; r++) {
			printf "KPI01,2024-%02d,%d,A%d", r % 5 + 1, r % 97, int(r / 5)
			for (c = 4; c < cols; c++) printf ",%d", c
			print ""
		}
	}' >"$2"
}

# stages FILE: the input of each stage beside FILE (FILE.ingest ... FILE.render)
stages() {
	cp "$1" "$1.ingest" &&
		kpi-ingest "$1.ingest" >"$1.normalise" &&
		kpi-normalise "$1.normalise" >"$1.trend" &&
		kpi-trend "$1.trend" >"$1.flag" &&
		kpi-flag "$1.flag" >"$1.render"
}

# ratio_rows LABEL UNITS_A CMD_A UNITS_B CMD_B: A the reference, B the scaled
# case; one row for B with the per-unit ratio, one for A
ratio_rows() {
	local label=$1 na=$2 ca=$3 nb=$4 cb=$5
	if ! timed "$ca"; then
		echo "| scaling | $(cell "$label") | (failed) | | | |"
		return 1
	fi
	local sa=$secs ra=$rss_mb
	if ! timed "$cb"; then
		echo "| scaling | $(cell "$label") | (failed) | | | |"
		return 1
	fi
	local per
	per=$(awk -v sa="$sa" -v na="$na" -v sb="$secs" -v nb="$nb" 'BEGIN {
		if (sa > 0 && sb > 0) printf "%.2fx", (sb / nb) / (sa / na); else print "n/a" }')
	echo "| scaling | $(cell "$label"): $(cell "$cb") | $secs | $(rate "$nb" "$secs") | $rss_mb | **$per per unit** |"
	echo "| scaling | (reference) $(cell "$ca") | $sa | $(rate "$na" "$sa") | $ra | |"
}

# 1. wide records
table "$narrow" "$work/narrow.csv" && stages "$work/narrow.csv" || exit 2
table "$wide" "$work/wide.csv" && stages "$work/wide.csv" || exit 2
fields_narrow=$((records * narrow)) fields_wide=$((records * wide))
for t in ingest normalise trend flag render; do
	# after kpi-trend, one record per series: a fifth of the fields
	n_a=$fields_narrow n_b=$fields_wide
	case $t in flag | render) n_a=$((n_a / 5)) n_b=$((n_b / 5)) ;; esac
	ratio_rows "kpi-$t, $records records of $wide columns against $narrow" \
		"$n_a" "kpi-$t '$work/narrow.csv.$t'" "$n_b" "kpi-$t '$work/wide.csv.$t'"
done

# 2. many series: one observation each, all in one section
series() {
	awk -v n="$1" 'BEGIN { print "indicator,period,value,area"
		for (i = 0; i < n; i++) printf "KPI01,2024-01,%d,A%d\n", i % 97, i }' >"$2"
}
series "$few" "$work/few.csv" && stages "$work/few.csv" || exit 2
series "$many" "$work/many.csv" && stages "$work/many.csv" || exit 2
for t in trend flag; do
	ratio_rows "kpi-$t, $many series against $few" \
		"$few" "kpi-$t '$work/few.csv.$t'" "$many" "kpi-$t '$work/many.csv.$t'"
done
rm -rf "$work" # a gigabyte of stage inputs
exit 0
