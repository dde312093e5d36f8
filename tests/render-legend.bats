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

SLIGHT3='> - For a percentage with too few figures to show its usual variation, slightly means a move of no more than 3 percentage points.'

@test "legend: the 3-point rule is explained only where a written sentence's slightly used it" {
	# 80.1% (89) to 78.2% (86), no moving range: slight by the 3-point rule
	run bash -c "set -o pipefail; kpi-flag '$DATA/flag/base.ndjson' | kpi-render | grep -i 'slight'"
	assert_success
	assert_output "$(printf '%s\n' \
		"> - Slightly means a move within the figure's usual variation from one period to the next, or a count that moved by only one or two; sharply, a move well beyond it." \
		"$SLIGHT3" \
		'  Children in care visited within timescale fell slightly from 80.1% (89) in Feb 24 to 78.2% (86) in Mar 24. This is the lowest figure in the last 12 months. This is lower than Mar 23 (84.0%).')"
	# kpi-flag --slight-points 2.5: the band the sentence used
	run bash -c "set -o pipefail; kpi-flag --slight-points 2.5 '$DATA/flag/base.ndjson' | kpi-render | grep -c 'no more than 2.5 percentage points'"
	assert_output 1
	# within the series' average moving range: the usual variation alone
	run bash -c "set -o pipefail; jq -c '.spc.avg_mr = 2.5' '$DATA/flag/base.ndjson' | kpi-flag | kpi-render"
	assert_success
	assert_output --partial 'fell slightly from 80.1% (89)'
	refute_output --partial 'percentage points.'
	refute_output --partial 'too few figures'
	# one child fewer: the count's one or two
	run bash -c "set -o pipefail; jq -c '.numerator = 88' '$DATA/flag/base.ndjson' | kpi-flag | kpi-render"
	refute_output --partial 'too few figures'
	# a slight move left to the tables (--style full lists it; the dashboard
	# writes no sentence and no legend)
	run bash -c "set -o pipefail; kpi-flag '$DATA/flag/base.ndjson' | kpi-render --full"
	assert_output --partial "$SLIGHT3"
	# records judged before movement_basis (the example's): no such line
	run kpi-render "$R/judged.ndjson"
	assert_output --partial 'fell slightly'
	refute_output --partial 'too few figures'
	# the phrase is the council's to change
	printf 'legend.slight_points = Under %s points is slight for short series.\n' '{n}' >"$BATS_TEST_TMPDIR/p.phrases"
	run bash -c "set -o pipefail; kpi-flag '$DATA/flag/base.ndjson' | kpi-render --phrases '$BATS_TEST_TMPDIR/p.phrases' | grep -c '^> - Under 3 points is slight for short series.$'"
	assert_output 1
}
