#!/usr/bin/env bats
# kpi-ingest | kpi-normalise on the real DfE files in ../shared/data/real,
# with the default catalogue.  Each test records the options that work.
load helper
bats_require_minimum_version 1.5.0

setup() {
	need_shared
	R="$SHARED/data/real"
	unset KPI_CATALOGUE
}

# the England value of INDICATOR for PERIOD in the normalised stream on stdin
england() { # INDICATOR PERIOD
	jq -r --arg i "$1" --arg p "$2" 'select(.indicator == $i and .period == $p and .area == "England") | .value'
}

@test "real: CLA numbers and rates (qualified aliases on population_type)" {
	kpi-ingest "$R/cla_number_and_rate_per_10k_children.csv" | kpi-normalise --allow-duplicates 2>/dev/null > "$BATS_TEST_TMPDIR/o"
	[ "$(england cla_rate_per_10k 2025 < "$BATS_TEST_TMPDIR/o")" = 67 ]
	[ "$(england cla_count 2024 < "$BATS_TEST_TMPDIR/o")" = 83530 ]
	[ "$(england cla_starts_rate_per_10k 2025 < "$BATS_TEST_TMPDIR/o")" = 26 ]
}

@test "real: the same file with --measures and the duplicate check passes" {
	run bash -c "set -o pipefail; kpi-ingest --measures children_count,rate_per_10000 '$R/cla_number_and_rate_per_10k_children.csv' | kpi-normalise --strict > /dev/null"
	assert_success
	assert_output ''
}

@test "real: referrals and re-referrals" {
	kpi-ingest "$R/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv" | kpi-normalise 2>/dev/null > "$BATS_TEST_TMPDIR/o"
	[ "$(england rereferrals_12m_pct 2025 < "$BATS_TEST_TMPDIR/o")" = 22.6 ]
	[ "$(england referrals_count 2025 < "$BATS_TEST_TMPDIR/o")" = 632830 ]
}

@test "real: repeat child protection plans, strict" {
	kpi-ingest "$R/d3_cpps_subsequent_plan_2013_to_2025.csv" | kpi-normalise --strict > "$BATS_TEST_TMPDIR/o"
	[ "$(england cp_plans_second_time_pct 2025 < "$BATS_TEST_TMPDIR/o")" = 24.5 ]
}

@test "real: workforce" {
	kpi-ingest --measures agency_rate_fte,vacancy_rate_fte,turnover_rate_fte,caseload_fte "$R/csww_indicators_2017_to_2025.csv" | kpi-normalise --strict > "$BATS_TEST_TMPDIR/o"
	[ "$(england sw_agency_rate_pct 2024 < "$BATS_TEST_TMPDIR/o")" = 16.2 ]
	[ "$(england sw_caseload_avg 2025 < "$BATS_TEST_TMPDIR/o")" = 15.2 ]
}

@test "real: health of children looked after (qualified on characteristic and breakdown)" {
	kpi-ingest --measures children_percent "$R/la_conviction_health_outcome_cla.csv" | kpi-normalise 2>/dev/null > "$BATS_TEST_TMPDIR/o"
	[ "$(england health_assessments_annual_pct 2025 < "$BATS_TEST_TMPDIR/o")" = 90 ]
	[ "$(england immunisations_pct 2025 < "$BATS_TEST_TMPDIR/o")" = 84 ]
	[ "$(england sdq_concern_pct 2025 < "$BATS_TEST_TMPDIR/o")" = 42 ]
}

@test "real: care leavers in suitable accommodation, filtered to the suitable rows" {
	kpi-ingest --filter 'breakdown=Accommodation considered suitable' --measures care_leaver_percent "$R/la_care_leavers_accommodation_suitability.csv" | kpi-normalise --strict > "$BATS_TEST_TMPDIR/o"
	[ "$(england care_leavers_suitable_accom_17_18_pct 2025 < "$BATS_TEST_TMPDIR/o")" = 91 ]
	[ "$(england care_leavers_suitable_accom_19_21_pct 2025 < "$BATS_TEST_TMPDIR/o")" = 89 ]
}

@test "real: adoption timings YY:MM become days" {
	kpi-ingest --filter age_start_poc=Total "$R/national_cla_adopted_average_time_between_adoption_process_stages.csv" | kpi-normalise --strict > "$BATS_TEST_TMPDIR/o"
	[ "$(england adoption_entry_to_adoption_days 2025 < "$BATS_TEST_TMPDIR/o")" = 822 ]
	run jq -r 'select(.indicator == "adoption_entry_to_adoption_days" and .period == "2025") | .value_raw' "$BATS_TEST_TMPDIR/o"
	assert_output '02:03'
}

@test "real: absence of children looked after, academic years 202425" {
	kpi-ingest --filter 'social_care_group=CLA 12 months at 31 March' --filter phase_type_grouping=Total --measures pt_overall,pt_pupils_pa_10_exact "$R/absence_la.csv" | kpi-normalise --strict > "$BATS_TEST_TMPDIR/o"
	[ "$(england absence_overall_cla_pct 2024/25 < "$BATS_TEST_TMPDIR/o")" = 9 ]
	[ "$(england absence_persistent_cla_pct 2024/25 < "$BATS_TEST_TMPDIR/o")" = 20.3 ]
}

@test "real: SEN2 EHCP timeliness, 12-decimal and space-led values" {
	kpi-ingest --measures inc_exc_20week_rate,no_exc_20week_rate "$R/sen2_mi.csv" | kpi-normalise --strict > "$BATS_TEST_TMPDIR/o"
	[ "$(england ehcp_20_weeks_pct 2022 < "$BATS_TEST_TMPDIR/o")" = 47.665 ]
	[ "$(england ehcp_20_weeks_pct 2021 < "$BATS_TEST_TMPDIR/o")" = 57.9 ]
	[ "$(england ehcp_20_weeks_excl_exceptions_pct 2022 < "$BATS_TEST_TMPDIR/o")" = 49.166 ]
}

@test "real: the whole SEN2 file passes (unknown columns warned once each)" {
	run --separate-stderr kpi-ingest "$R/sen2_mi.csv"
	assert_success
	[ -z "$stderr" ]
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/raw"
	run --separate-stderr kpi-normalise "$BATS_TEST_TMPDIR/raw"
	assert_success
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/o"
	# every line of stderr is an unknown-indicator warning at the row that first has it
	warned=$(printf '%s\n' "$stderr" | sed -n "s|^kpi-normalise: $R/sen2_mi.csv:[0-9]*: unknown indicator '\([^']*\)' (not in the catalogue $REPO/share/catalogue.csv): unit and polarity are null\$|\1|p")
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 67 ]
	[ "$(printf '%s\n' "$warned" | wc -l)" -eq 67 ]
	# none twice, and exactly the indicators written without a unit
	[ -z "$(printf '%s\n' "$warned" | sort | uniq -d)" ]
	[ "$(printf '%s\n' "$warned" | sort)" = "$(jq -r 'select(.unit == null) | .indicator' "$BATS_TEST_TMPDIR/o" | sort -u)" ]
	# and the catalogue's indicators are not among them
	[ "$(jq -r 'select(.unit != null) | .indicator' "$BATS_TEST_TMPDIR/o" | sort -u | tr '\n' ' ')" = "ehcp_20_weeks_excl_exceptions_pct ehcp_20_weeks_pct ehcp_assessment_refused_pct ehcp_assessment_requests_count ehcp_new_count send_tribunals_count " ]
}

@test "real: Trafford-style long files (slash years, NA)" {
	kpi-ingest "$R/cla_health_assessment.csv" | kpi-normalise --strict > "$BATS_TEST_TMPDIR/o"
	[ "$(jq -r 'select(.area == "England" and .period == "2024/25") | .value' "$BATS_TEST_TMPDIR/o")" = 90 ]
	run bash -c "set -o pipefail; kpi-ingest '$R/expected_standard_ks2.csv' | kpi-normalise --strict | jq -r 'select(.status == \"missing\") | .value_raw' | sort | uniq -c"
	assert_success
	assert_output '     26 NA'
}

@test "real: the 1994-2024 time series (BOM, CRLF, x)" {
	kpi-ingest "$R/cla_time_series_1994_2024.csv" | kpi-normalise --strict > "$BATS_TEST_TMPDIR/o"
	[ "$(england cla_count 2024 < "$BATS_TEST_TMPDIR/o")" = 83630 ]
	[ "$(jq -r 'select(.indicator == "cla_uasc_count" and .period == "1994") | .status' "$BATS_TEST_TMPDIR/o")" = suppressed ]
}

@test "real: england-facts by indicator_hint finds the revisions as duplicates" {
	run bash -c "set -o pipefail; kpi-ingest --map indicator=indicator_hint '$R/england-facts.csv' | kpi-normalise --keep-going 2>&1 >/dev/null | grep 'cla_count'"
	assert_output --partial 'england-facts.csv:7: duplicate of '
	assert_output --partial "england-facts.csv:5 (cla_count, period 2024) with a different value '83630'"
}
