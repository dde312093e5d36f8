#!/usr/bin/env bats
# Decimal places from the catalogue's decimals column (kpi-catalogue(5)):
# kpi-normalise writes the field, kpi-flag and kpi-render show figures with it.
load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' '{"indicator":"sw_fte_count","period":"2024","value":"99.7","area":"T","source":"w.csv:2"}' \
		'{"indicator":"sw_fte_count","period":"2025","value":"105.3","area":"T","source":"w.csv:3"}' > fte.ndjson
}

@test "decimals: the catalogue's column becomes the record's field, after comparable" {
	run bash -c "set -o pipefail; kpi-normalise fte.ndjson | jq -c '[.indicator, .unit, .decimals]'"
	assert_success
	assert_output $'["sw_fte_count","count",1]\n["sw_fte_count","count",1]'
	# a record's own decimals wins and passes through once
	run bash -c "set -o pipefail; printf '%s\n' '{\"indicator\":\"sw_fte_count\",\"period\":\"2025\",\"value\":\"105.3\",\"decimals\":2}' | kpi-normalise | jq -c '[.decimals]'"
	assert_success
	assert_output '[2]'
	# an indicator the column leaves empty has no field
	run bash -c "set -o pipefail; printf '%s\n' '{\"indicator\":\"cla_count\",\"period\":\"2025\",\"value\":\"5\"}' | kpi-normalise | jq -c 'has(\"decimals\")'"
	assert_success
	assert_output false
}

@test "decimals: FTEs are reported to one place, the change from the figures shown" {
	run bash -c "set -o pipefail; kpi-normalise fte.ndjson | kpi-trend | kpi-flag | kpi-render -f txt"
	assert_success
	assert_output --partial 'Child and family social workers rose from 99.7 in 2024 to 105.3 in 2025.'
	assert_output --partial 'Latest (2025): 105.3   Previous: 99.7   Change: +5.6'
}

@test "decimals: a catalogue value that is not 0 to 6 is bad data naming its line" {
	printf 'id,name,unit,polarity,decimals\nfte,FTE,count,neutral,7\n' > "$BATS_TEST_TMPDIR/cat.csv"
	run --separate-stderr kpi-normalise --catalogue "$BATS_TEST_TMPDIR/cat.csv" /dev/null
	assert_failure 1
	[ "$stderr" = "kpi-normalise: $BATS_TEST_TMPDIR/cat.csv:2: decimals is not a number from 0 to 6 or empty" ]
}

@test "decimals: Trafford's social workers and caseloads from the DfE's workforce file, to one place" {
	need_shared
	run bash -c "set -o pipefail; kpi-ingest --filter la_name=Trafford '$SHARED/data/real/csww_indicators_2017_to_2025.csv' | kpi-normalise 2>/dev/null | kpi-trend | kpi-flag --benchmarks default | kpi-render -f txt"
	assert_success
	# "(FTE)" stays: the headcount is another indicator of the report
	assert_output --partial 'Child and family social workers (FTE) rose from 99.7 in Sep 24 to 105.3 in'
	assert_output --partial 'Average social worker caseload rose from 13.7 in Sep 24 to 14.3 in Sep 25.'
	assert_output --partial 'This is below the England figure of 15.2 (Sep 25).'
}

@test "range: one figure has no range (was 'Range over 1 year: 0 – 0'); two have one" {
	printf 'indicator,period,value,area\ncla_count,2024,0,X\ncla_rate_per_10k,2023,5,X\ncla_rate_per_10k,2024,6,X\n' >"$BATS_TEST_TMPDIR/one.csv"
	run bash -c "set -o pipefail; kpi-ingest '$BATS_TEST_TMPDIR/one.csv' | kpi-normalise | kpi-trend | kpi-flag | kpi-render -f txt"
	assert_success
	assert_line '  Latest (2024): 0   Trend: ▄'
	assert_line '  Latest (2024): 6   Previous: 5   Change: +1   Range over 2 years: 5 – 6'
	run bash -c "set -o pipefail; kpi-ingest '$BATS_TEST_TMPDIR/one.csv' | kpi-normalise | kpi-trend | kpi-flag | kpi-render -f md"
	assert_success
	assert_line '| Children looked after | 0 | - | - | - | - | - | - | ▄ |'
	assert_line '| Indicator | Latest (2024) | Previous | Change | Range over 2 years | Target | RAG | England | Trend |'
}

@test "decimals: whole rates and days show as published; one figure with a decimal part keeps one place for all" {
	# rates per 10,000 and days published whole (the DfE's): no ".0"
	printf 'indicator,period,value,area\ncla_rate_per_10k,2023,67,X\ncla_rate_per_10k,2024,62,X\nadoption_entry_to_placed_days,2023,500,X\nadoption_entry_to_placed_days,2024,578,X\n' >whole.csv
	run bash -c "set -o pipefail; kpi-ingest whole.csv | kpi-normalise | kpi-trend | kpi-flag | kpi-render -f txt"
	assert_success
	assert_line '  Latest (2024): 62   Previous: 67   Change: -5   Range over 2 years: 62 – 67'
	assert_output --partial '578 days'
	refute_output --partial '.0'
	# one figure with a decimal part: every figure of that indicator to one place
	printf 'indicator,period,value,area\ncla_rate_per_10k,2023,67.5,X\ncla_rate_per_10k,2024,62,X\n' >mixed.csv
	run bash -c "set -o pipefail; kpi-ingest mixed.csv | kpi-normalise | kpi-trend | kpi-flag | kpi-render -f txt"
	assert_success
	assert_line '  Latest (2024): 62.0   Previous: 67.5   Change: -5.5'
	assert_line '  Range over 2 years: 62.0 – 67.5   Trend: █▁'
	# a whole England benchmark beside whole figures stays whole; one with a decimal part does not
	printf 'indicator,area,period,value\ncla_rate_per_10k,England,2024,70\n' >bench.csv
	run bash -c "set -o pipefail; kpi-ingest whole.csv | kpi-normalise | kpi-trend | kpi-flag --benchmarks bench.csv | kpi-render -f txt"
	assert_output --partial 'England: 70 ↓ -8'
	printf 'indicator,area,period,value\ncla_rate_per_10k,England,2024,70.4\n' >bench.csv
	run bash -c "set -o pipefail; kpi-ingest whole.csv | kpi-normalise | kpi-trend | kpi-flag --benchmarks bench.csv | kpi-render -f txt"
	assert_output --partial 'Latest (2024): 62.0   Previous: 67.0'
	assert_output --partial 'England: 70.4 ↓ -8.4'
	# percentages keep one place, whole or not
	printf 'indicator,period,value,area\ncare_leavers_suitable_accom_17_18_pct,2023,92,X\ncare_leavers_suitable_accom_17_18_pct,2024,93,X\n' >pct.csv
	run bash -c "set -o pipefail; kpi-ingest pct.csv | kpi-normalise | kpi-trend | kpi-flag | kpi-render -f txt"
	assert_output --partial 'Latest (2024): 93.0%   Previous: 92.0%'
	# the catalogue's decimals win over the rule
	printf 'id,name,unit,polarity,decimals\ncla_rate_per_10k,Rate,rate_per_10k,neutral,2\n' >cat.csv
	run bash -c "set -o pipefail; kpi-ingest whole.csv | kpi-normalise --catalogue cat.csv 2>/dev/null | kpi-trend | kpi-flag | kpi-render -f txt"
	assert_output --partial 'Latest (2024): 62.00   Previous: 67.00'
}
