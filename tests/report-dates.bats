#!/usr/bin/env bats
# The true date of DfE figures in a report (issue 14, "Done when"): a
# "Reporting year" 2025 of children-in-care data is as at 31 March 2025, the
# workforce's 2025 as at 30 September 2025. The real files are read from
# ../shared/data/real (need_shared); the snapshot wording is also tested on
# records of the project's own.

load helper
bats_require_minimum_version 1.5.0

# sw_snapshots: seven workforce figures as at 30 September 2019 to 2025
sw_snapshots() {
	local y
	for y in 2019 2020 2021 2022 2023 2024 2025; do
		printf '{"indicator":"sw_vacancy_rate_pct","name":"Social worker vacancy rate","section":"Workforce","unit":"percent","polarity":"lower_is_better","area":"Northshire","period":"%s-09-30","period_type":"date","value":%s.5}\n' \
			"$y" $((y - 2000))
	done
}

@test "a yearly snapshot is said as its month, its run and window in years; the heading keeps the day" {
	need_tools
	sw_snapshots >"$BATS_TEST_TMPDIR/sw.ndjson"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/sw.ndjson' | kpi-flag | kpi-render -f txt"
	assert_success
	assert_line "Key Performance Issues as at 30 September 2025"
	assert_line "  * Social worker vacancy rate: 25.5% in Sep 25, worse 6 years in a row."
	assert_line "    Social worker vacancy rate rose slightly from 24.5% in Sep 24 to 25.5% in"
	assert_line "    Sep 25. It has risen every year since reporting began in Sep 19 (19.5%)."
	assert_line "  Range over 7 years: 19.5% – 25.5%   Trend: ▁▂▃▅▆▇█"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/sw.ndjson' | kpi-flag | kpi-render -f md --month-style long"
	assert_success
	assert_line --partial "rose slightly from 24.5% in September 2024 to 25.5% in September 2025."
	refute_output --partial "in 30 Sep"
}

@test "a yearly snapshot two years behind the report is said late by years" {
	need_tools
	sw_snapshots >"$BATS_TEST_TMPDIR/sw-all.ndjson"
	head -5 "$BATS_TEST_TMPDIR/sw-all.ndjson" >"$BATS_TEST_TMPDIR/sw.ndjson"
	printf '%s\n' '{"indicator":"sw_agency_rate_pct","name":"Agency social worker rate","section":"Workforce","unit":"percent","polarity":"lower_is_better","area":"Northshire","period":"2025-09-30","period_type":"date","value":14.5}' \
		>>"$BATS_TEST_TMPDIR/sw.ndjson"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/sw.ndjson' | kpi-flag | kpi-render -f txt --full"
	assert_success
	assert_line "    Data for Sep 25 is not yet available; the latest is Sep 23. Social worker"
	assert_line "  Latest (Sep 23): 23.5%   Previous: 22.5%   Change: +1.0pp"
}

@test "a difference of figures with no known unit prints without the subtraction's noise" {
	need_tools
	printf '%s\n' '{"indicator":"agency_fte","area":"X","period":"2024-09-30","period_type":"date","value":41.8}' \
		'{"indicator":"agency_fte","area":"X","period":"2025-09-30","period_type":"date","value":43}' >"$BATS_TEST_TMPDIR/a.ndjson"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/a.ndjson' | kpi-flag | kpi-render -f md"
	assert_success
	assert_line "| agency\\_fte | 43 | 41.8 | +1.2 | 41.8 – 43 | - | - | - | ▁█ |"
}

# trafford_report FILE OUT: Trafford's board report from the real FILE, as
# text, into OUT
trafford_report() {
	corporate-parenting-board -f txt --area Trafford --benchmarks default "$SHARED/data/real/$1" >"$2" 2>/dev/null
}

@test "DfE children-in-care data, Reporting year 2025: the report is as at 31 March 2025" {
	need_tools
	need_shared
	trafford_report cla_number_and_rate_per_10k_children.csv "$BATS_TEST_TMPDIR/cla.txt"
	run grep -E 'as at|^At ' "$BATS_TEST_TMPDIR/cla.txt"
	assert_line --index 0 "Key Performance Issues as at 31 March 2025"
	assert_line --index 1 "At 31 March 2025, none of the 6 indicators improved and none is a current"
	run grep -A1 '^At 31 March 2025' "$BATS_TEST_TMPDIR/cla.txt"
	# the six are neutral (kpi's catalogue): the summary says they are for context
	assert_output "$(printf '%s\n' 'At 31 March 2025, none of the 6 indicators improved and none is a current' 'issue. All 6 are for context: none has a better or worse direction.')"
	# the England figure beside the rate; beside a count, England's alone;
	# the rate follows its count (children_count, paired by kpi-ingest)
	run grep -A2 '^Children looked after' "$BATS_TEST_TMPDIR/cla.txt"
	assert_output "Children looked after
  Latest (2024/25): 353   Previous: 377   Change: -24
  Range over 5 years: 350 – 389   England: 81,770   Trend: █▃▁▆▂
--
Children looked after per 10,000 children
  Latest (2024/25): 353 (62)   Previous: 377 (67)   Change: -5
  Range over 5 years: 62 – 71   England: 67 ↓ -5   Trend: █▄▂▅▁"
	run grep -c '31 December' "$BATS_TEST_TMPDIR/cla.txt"
	assert_output 0
}

@test "a figure two periods or more behind the report's date is a data-quality note; one period behind is not" {
	need_tools
	# monthly data to March 2025; a calendar year's figure that stopped in
	# 2022 (SEN2's file); a financial year's 2023/24, published after the year
	printf 'indicator,period,value\ncla_count,2025-01,300\ncla_count,2025-02,310\ncla_count,2025-03,305\nehcp_20_weeks_pct,2021,70.3\nehcp_20_weeks_pct,2022,35.0\nreferrals_count,2022/23,1200\nreferrals_count,2023/24,1300\n' >"$BATS_TEST_TMPDIR/d.csv"
	run select-commission -f md "$BATS_TEST_TMPDIR/d.csv"
	assert_success
	assert_line "## Key Performance Issues as at 31 March 2025"
	run sed -n '/^### Data quality/,/^### /p' <<< "$output"
	assert_output "### Data quality

- New EHC plans issued within 20 weeks (including exceptions): the latest figure is for 2022.

### Contacts and referrals"
}

@test "SEN2's figures, which end in 2022, are said to be old in a report as at August 2025" {
	need_tools
	need_shared
	local real="$SHARED/data/real"
	run select-commission -f md --area Trafford "$real/sen2_mi.csv" "$real/absence_la.csv"
	assert_success
	assert_line "## Key Performance Issues as at 31 August 2025"
	assert_line "- New EHC plans issued within 20 weeks (including exceptions): the latest figure is for 2022."
	assert_line "- New EHC plans issued within 20 weeks (excluding exceptions): the latest figure is for 2022."
	# the absence figures, for 2024/25, are not
	refute_output --regexp "^- Overall absence of children in need: the latest"
}

@test "DfE files' columns not in the catalogue are left out of a board's report, and named" {
	need_tools
	need_shared
	local real="$SHARED/data/real"
	run --separate-stderr corporate-parenting-board -f md --area Trafford "$real/la_care_leavers_accommodation_suitability.csv"
	assert_success
	refute_output --partial care_leaver
	refute_output --partial "Other indicators"
	assert_line --partial "| Care leavers aged 19-21 in suitable accommodation | 91.0% (128) | 85.0% (120) |"
	[ "${stderr_lines[0]}" = "kpi-normalise: $real/la_care_leavers_accommodation_suitability.csv:2: indicator not in the catalogue $REPO/share/catalogue.csv, left out: 'care_leaver_count', 'care_leaver_percent' (2 times; the first here, --verbose lists each)" ]
	[ "${stderr_lines[1]}" = "kpi-normalise: 11690 records left out by --catalogued-only: their indicators are not in the catalogue $REPO/share/catalogue.csv" ]
	run --separate-stderr corporate-parenting-board -f md --area Trafford --all-indicators "$real/la_care_leavers_accommodation_suitability.csv"
	assert_success
	assert_line --partial "| care\\_leaver\\_count (19 to 21 years) | 2024/25: 141 | 141 |"
}

@test "DfE workforce data (csww), 2025: the report is as at 30 September 2025" {
	need_tools
	need_shared
	trafford_report csww_indicators_2017_to_2025.csv "$BATS_TEST_TMPDIR/sw.txt"
	run grep -E 'as at|^At ' "$BATS_TEST_TMPDIR/sw.txt"
	assert_line --index 0 "Key Performance Issues as at 30 September 2025"
	assert_line --index 1 "At 30 September 2025, 4 of the 21 indicators improved and 2 are current"
	grep -q '^  \* Social worker vacancy rate: 32.6% in Sep 25, worse 4 years in a row.$' "$BATS_TEST_TMPDIR/sw.txt"
	grep -q '^    Social worker vacancy rate rose slightly from 31.7% in Sep 24 to 32.6% in$' "$BATS_TEST_TMPDIR/sw.txt"
	run grep -c ' 30 Sep \| 31 December' "$BATS_TEST_TMPDIR/sw.txt"
	assert_output 0
}
