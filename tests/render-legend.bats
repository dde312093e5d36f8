#!/usr/bin/env bats
# kpi-render: "How to read this report" explains only the forms of figure
# the report uses: a percentage with its count (legend.figures) only when a
# percentage has one, a rate with its count (legend.rates) only when a rate
# has one. A workforce report's percentages count no children.

load helper

R="$DATA/render"
PCT='> - A percentage is followed by the number of children it counts: 74.2% (268).'
RATE='> - A rate per 10,000 children follows the number: 361 (68.9).'
POINTS='> - A difference between two percentages is in percentage points (pp in the tables): 30.4% against a 22.0% target is 8.4 percentage points above it.'

# the example's records of one unit, with or without their counts
records() {
	if [ "$2" = counts ]; then
		jq -c "select(.unit == \"$1\")" "$R/judged.ndjson"
	else
		jq -c "select(.unit == \"$1\") | del(.numerator, .denominator)" "$R/judged.ndjson"
	fi >"$BATS_TEST_TMPDIR/in.ndjson"
}

@test "legend: percentages with counts explain the count, not the rate" {
	records percent counts
	run kpi-render -f md "$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	assert_line "$PCT"
	refute_line "$RATE"
	assert_line "$POINTS"
}

@test "legend: percentages without counts (a workforce report) explain neither" {
	records percent none
	run kpi-render -f md "$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	refute_line "$PCT"
	refute_line "$RATE"
	refute_line --partial "number of children"
	assert_line "$POINTS"
}

@test "legend: a rate with its count explains the rate only; counts alone explain neither" {
	records rate_per_10k counts
	run kpi-render -f md "$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	refute_line "$PCT"
	assert_line "$RATE"
	refute_line "$POINTS"
	records count counts
	run kpi-render -f md "$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	assert_line --partial "How to read this report"
	refute_line "$PCT"
	refute_line "$RATE"
}

@test "legend: the real workforce file's report does not speak of children counted" {
	need_shared
	run bash -c "set -o pipefail; kpi-ingest --filter la_name=Trafford '$SHARED/data/real/csww_indicators_2017_to_2025.csv' \
		| kpi-normalise | kpi-trend | kpi-flag --benchmarks default | kpi-render -f txt"
	assert_success
	assert_line --partial "How to read this report"
	refute_output --partial "number of children it counts"
	refute_output --partial "rate per 10,000 children follows"
	# the small-number rule holds for any count, not children only
	assert_output --partial "or a count that moved by only one or two"
	refute_output --partial "one or two children"
}
