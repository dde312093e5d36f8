#!/usr/bin/env bats
# kpi-ingest | kpi-normalise on the real DfE and council files in
# ../shared/data/real, with the default catalogue.  Each file: exit 0, at most
# ten lines on stderr, no duplicate warning, and values checked by hand
# against the file's own line (quoted in a comment) with their canonical
# periods and breakdowns.
#
# Each file is read twice where its README options matter: with the options
# the README gave before kpi-ingest wrote breakdown objects (they still work),
# and with none (each EES filter column is then a field of the breakdown, each
# wide header's year the period, and the catalogue's qualified aliases say
# which fields name the indicator).
load helper
bats_require_minimum_version 1.5.0

setup() {
	need_shared
	R="$SHARED/data/real"
	unset KPI_CATALOGUE
	O="$BATS_TEST_TMPDIR/typed.ndjson"
	E="$BATS_TEST_TMPDIR/stderr"
}

# checked: kpi-normalise's exit status 0, at most ten stderr lines, no duplicate
checked() {
	local rc=$1
	if [ "$rc" -ne 0 ] || [ "$(wc -l < "$E")" -gt 10 ] || grep -q duplicate "$E"; then
		echo "exit $rc; stderr:"
		head -20 "$E"
		return 1
	fi
}

# normalise_real FILE [KPI-INGEST OPTION...]: kpi-ingest | kpi-normalise into $O
normalise_real() {
	local f=$1 rc=0
	shift
	# pipefail (helper.bash): rc is kpi-ingest's status if kpi-normalise's is 0
	kpi-ingest "$@" "$R/$f" | kpi-normalise > "$O" 2> "$E" || rc=$?
	checked "$rc"
}

# pick FILTER: [indicator, area, period, period_end, breakdown, value, status] of the records selected
pick() {
	jq -c "select($1) | [.indicator, .area, .period, .period_end, .breakdown, .value, .status]" "$O"
}

@test "real: CLA numbers and rates (--measures children_count,rate_per_10000)" {
	normalise_real cla_number_and_rate_per_10k_children.csv --measures children_count,rate_per_10000
	[ ! -s "$E" ]
	# 3: 2025,...,England,...,Children looked after on 31 March each year,12183016,81770,67
	run pick '.area == "England" and .period == "2024/25" and (.indicator | test("^cla_(count|rate_per_10k)$"))'
	assert_output '["cla_count","England","2024/25","2025-03-31",null,81770,"ok"]
["cla_rate_per_10k","England","2024/25","2025-03-31",null,67,"ok"]'
	# 505: 2024,...,England,...,Children starting to be looked after each year,12059476,33130,27
	run pick '.area == "England" and .period == "2023/24" and .indicator == "cla_starts_count"'
	assert_output '["cla_starts_count","England","2023/24","2024-03-31",null,33130,"ok"]'
	# 189: 2025,...,Leeds,E08000035,Children looked after on 31 March each year,176239,1498,85
	run pick '.area == "Leeds" and .period == "2024/25" and .indicator == "cla_rate_per_10k"'
	assert_output '["cla_rate_per_10k","Leeds","2024/25","2025-03-31",null,85,"ok"]'
	[ "$(wc -l < "$O")" -eq 5010 ]
}

@test "real: CLA numbers and rates, every column: population_type is the indicator, not a sub-group; the population is each rate's base" {
	normalise_real cla_number_and_rate_per_10k_children.csv
	[ ! -s "$E" ]
	# 2: 2025,...,England,...,Children ceasing to be looked after each year,12183016,34450,28
	run pick '.area == "England" and .period == "2024/25" and (.indicator | test("ceased"))'
	assert_output '["cla_ceased_count","England","2024/25","2025-03-31",null,34450,"ok"]
["cla_ceased_rate_per_10k","England","2024/25","2025-03-31",null,28,"ok"]'
	# the population estimate is the rate's denominator, its count the numerator
	run jq -c 'select(.area == "England" and .period == "2024/25" and .indicator == "cla_ceased_rate_per_10k") | [.numerator, .denominator]' "$O"
	assert_output '[34450,12183016]'
	run jq -c 'select(.indicator == "population_estimate")' "$O"
	assert_output ''
	[ "$(wc -l < "$O")" -eq 5010 ]
}

@test "real: referrals and re-referrals (no options; every column is in the catalogue, the counts beside their percentages)" {
	normalise_real c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv
	[ ! -s "$E" ] || { cat "$E"; return 1; }
	# the four counts that were outside the catalogue, by their names
	run pick '.area == "Leeds" and .period == "2024/25" and (.indicator | test("^(children_referred_count|rereferral_children_count|referrals_nfa_count|referrals_not_in_need_count)$"))'
	assert_output '["referrals_nfa_count","Leeds","2024/25","2025-03-31",null,1027,"ok"]
["referrals_not_in_need_count","Leeds","2024/25","2025-03-31",null,4384,"ok"]
["children_referred_count","Leeds","2024/25","2025-03-31",null,9016,"ok"]
["rereferral_children_count","Leeds","2024/25","2025-03-31",null,2060,"ok"]'
	# 57: 2025,...,Leeds,Referrals and Re-referrals,10304,2494,24.2,1027,10,4384,42.5,...
	run pick '.area == "Leeds" and .period == "2024/25" and (.indicator | test("^(referrals_count|rereferrals_12m_pct|referrals_not_in_need_pct)$"))'
	assert_output '["referrals_count","Leeds","2024/25","2025-03-31",null,10304,"ok"]
["rereferrals_12m_pct","Leeds","2024/25","2025-03-31",null,24.2,"ok"]
["referrals_not_in_need_pct","Leeds","2024/25","2025-03-31",null,42.5,"ok"]'
	# 1970: 2013,...,National,...,593470,146770,24.7,...
	run pick '.area == "England" and .period == "2012/13" and .indicator == "rereferrals_12m_pct"'
	assert_output '["rereferrals_12m_pct","England","2012/13","2013-03-31",null,24.7,"ok"]'
	# 20: North Tyneside 2025: no_further_action_percent c
	run pick '.area == "North Tyneside" and .period == "2024/25" and .indicator == "referrals_nfa_pct"'
	assert_output '["referrals_nfa_pct","North Tyneside","2024/25","2025-03-31",null,null,"suppressed"]'
}

@test "real: repeat child protection plans (no options; u is not available)" {
	normalise_real d3_cpps_subsequent_plan_2013_to_2025.csv
	[ ! -s "$E" ]
	# 57: 2025,...,Leeds,...,829,191,23
	run pick '.area == "Leeds" and .period == "2024/25"'
	assert_output '["cp_plans_started_count","Leeds","2024/25","2025-03-31",null,829,"ok"]
["cp_plans_subsequent_count","Leeds","2024/25","2025-03-31",null,191,"ok"]
["cp_plans_second_time_pct","Leeds","2024/25","2025-03-31",null,23,"ok"]'
	# 269: 2024,...,Hampshire,...,u,u,u
	run pick '.area == "Hampshire" and .period == "2023/24" and .indicator == "cp_plans_second_time_pct"'
	assert_output '["cp_plans_second_time_pct","Hampshire","2023/24","2024-03-31",null,null,"not_available"]'
	# 1970: 2013,...,National,...,52680,7870,14.9
	run pick '.area == "England" and .period == "2012/13" and .indicator == "cp_plans_second_time_pct"'
	assert_output '["cp_plans_second_time_pct","England","2012/13","2013-03-31",null,14.9,"ok"]'
}

@test "real: workforce as at 30 September (the catalogue's snapshot); low rounds to zero" {
	normalise_real csww_indicators_2017_to_2025.csv --measures agency_rate_fte,vacancy_rate_fte,turnover_rate_fte,caseload_fte
	[ ! -s "$E" ]
	# 57: 2025,...,Leeds,...: turnover_rate_fte 7, agency_rate_fte 2.1, vacancy_rate_fte 2.1, caseload_fte 14.8
	run pick '.area == "Leeds" and .period == "2025-09-30"'
	assert_output '["sw_turnover_rate_pct","Leeds","2025-09-30","2025-09-30",null,7,"ok"]
["sw_agency_rate_pct","Leeds","2025-09-30","2025-09-30",null,2.1,"ok"]
["sw_vacancy_rate_pct","Leeds","2025-09-30","2025-09-30",null,2.1,"ok"]
["sw_caseload_avg","Leeds","2025-09-30","2025-09-30",null,14.8,"ok"]'
	# 25: 2025,...,Sunderland,...,agency_rate_fte low
	run pick '.area == "Sunderland" and .period == "2025-09-30" and .indicator == "sw_agency_rate_pct"'
	assert_output '["sw_agency_rate_pct","Sunderland","2025-09-30","2025-09-30",null,null,"rounds_to_zero"]'
	# 1302: 2017,...,National,...: agency_rate_fte 15.8
	run pick '.area == "England" and .period == "2017-09-30" and .indicator == "sw_agency_rate_pct"'
	assert_output '["sw_agency_rate_pct","England","2017-09-30","2017-09-30",null,15.8,"ok"]'
	[ "$(jq -r 'select(.area == "England" and .indicator == "sw_caseload_avg") | .period_type' "$O" | sort -u)" = date ]
}

@test "real: workforce, every column but 'cases' in the catalogue: one warning" {
	normalise_real csww_indicators_2017_to_2025.csv
	# "cases" is too plain a name to be an alias: another file's "cases" is not this
	[ "$(cat "$E")" = "kpi-normalise: $R/csww_indicators_2017_to_2025.csv:2: indicator not in the catalogue $REPO/share/catalogue.csv (unit and polarity null): 'cases'" ]
	# 2: the columns that were outside the catalogue, by their names
	run jq -r 'select(.source | endswith(":2")) | .indicator' "$O"
	assert_output "$(printf '%s\n' sw_fte_count sw_headcount sw_starters_fte sw_starters_headcount sw_leavers_fte \
		sw_leavers_headcount sw_turnover_rate_pct sw_turnover_rate_headcount_pct sw_agency_fte sw_agency_headcount \
		sw_agency_rate_pct sw_agency_rate_headcount_pct sw_agency_cover_fte sw_agency_cover_share_pct sw_vacancy_fte \
		sw_vacancy_rate_pct sw_agency_cover_rate_pct sw_case_holders_fte cases sw_caseload_avg \
		sw_days_lost_fte sw_absence_rate_pct)"
	# 57: Leeds 2025 inpost_fte 660.4
	run pick '.area == "Leeds" and .indicator == "sw_fte_count" and .period == "2025-09-30"'
	assert_output '["sw_fte_count","Leeds","2025-09-30","2025-09-30",null,660.4,"ok"]'
}

@test "real: care leavers in suitable accommodation (--filter, --measures)" {
	normalise_real la_care_leavers_accommodation_suitability.csv --filter 'breakdown=Accommodation considered suitable' --measures care_leaver_percent
	[ ! -s "$E" ]
	# 498: 2025,...,Leeds,...,17 to 18 years,Accommodation considered suitable,210,87
	# 502: 2025,...,Leeds,...,19 to 21 years,Accommodation considered suitable,486,81
	run pick '.area == "Leeds" and .period == "2024/25"'
	assert_output '["care_leavers_suitable_accom_17_18_pct","Leeds","2024/25","2025-03-31",null,87,"ok"]
["care_leavers_suitable_accom_19_21_pct","Leeds","2024/25","2025-03-31",null,81,"ok"]'
	run pick '.area == "England" and .period == "2024/25"'
	assert_output '["care_leavers_suitable_accom_17_18_pct","England","2024/25","2025-03-31",null,91,"ok"]
["care_leavers_suitable_accom_19_21_pct","England","2024/25","2025-03-31",null,89,"ok"]'
}

@test "real: care leavers, every row: each age and suitability a sub-group, none passed once" {
	normalise_real la_care_leavers_accommodation_suitability.csv
	[ "$(cat "$E")" = "kpi-normalise: $R/la_care_leavers_accommodation_suitability.csv:2: indicator not in the catalogue $REPO/share/catalogue.csv (unit and polarity null): 'care_leaver_count', 'care_leaver_percent' (2 times; the first here, --verbose lists each)" ]
	# every measure cell is an observation: 6,680 rows x 2
	[ "$(wc -l < "$O")" -eq 13360 ]
	# 498, 502: the suitable rows are the catalogue's two indicators, total series
	run pick '.area == "Leeds" and .period == "2024/25" and .breakdown == null'
	assert_output '["care_leavers_suitable_accom_17_18_pct","Leeds","2024/25","2025-03-31",null,87,"ok"]
["care_leavers_suitable_accom_19_21_pct","Leeds","2024/25","2025-03-31",null,81,"ok"]'
	# 503: Leeds 19 to 21 years, unsuitable: 32, 5%; 376: Wirral 19 to 21, no information, 1, k
	run pick '.area == "Leeds" and .period == "2024/25" and .indicator == "care_leaver_count" and .breakdown.breakdown == "Accommodation considered unsuitable" and .breakdown.care_leaver_age == "19 to 21 years"'
	assert_output '["care_leaver_count","Leeds","2024/25","2025-03-31",{"care_leaver_age":"19 to 21 years","breakdown":"Accommodation considered unsuitable"},32,"ok"]'
	run pick '.area == "Wirral" and .period == "2024/25" and .indicator == "care_leaver_percent" and .breakdown.breakdown == "No information" and .breakdown.care_leaver_age == "19 to 21 years"'
	assert_output '["care_leaver_percent","Wirral","2024/25","2025-03-31",{"care_leaver_age":"19 to 21 years","breakdown":"No information"},null,"rounds_to_zero"]'
}

@test "real: adoption timings, YY:MM as days (--filter age_start_poc=Total)" {
	normalise_real national_cla_adopted_average_time_between_adoption_process_stages.csv --filter age_start_poc=Total
	[ ! -s "$E" ]
	# 10: 2025,...,1. Average time between entry into care and decision...,Total,00:09
	# 19: 2025,...,2. ...matching of child and adopters,Total,00:10
	# 28: 2025,...,3. ...date placed for adoption,Total,00:01
	run pick '.period == "2024/25" and (.indicator | test("^adoption_(entry_to_decision|decision_to_match|match_to_placed)_days$"))'
	assert_output '["adoption_entry_to_decision_days","England","2024/25","2025-03-31",null,274,"ok"]
["adoption_decision_to_match_days","England","2024/25","2025-03-31",null,304,"ok"]
["adoption_match_to_placed_days","England","2024/25","2025-03-31",null,30,"ok"]'
	run jq -r 'select(.indicator == "adoption_entry_to_adoption_days" and .period == "2024/25") | [.value, .value_raw] | @tsv' "$O"
	assert_output $'822\t02:03'
}

@test "real: adoption timings, every age: the ages are sub-groups of each stage, Total the total series" {
	normalise_real national_cla_adopted_average_time_between_adoption_process_stages.csv
	[ ! -s "$E" ]
	[ "$(wc -l < "$O")" -eq 315 ]
	# 29: 2025,...,4. Total average time between entry into care and date placed for adoption,Aged 1,01:10
	run pick '.period == "2024/25" and .indicator == "adoption_entry_to_placed_days" and .breakdown.age_start_poc == "Aged 1"'
	assert_output '["adoption_entry_to_placed_days","England","2024/25","2025-03-31",{"age_start_poc":"Aged 1"},670,"ok"]'
	run pick '.period == "2024/25" and .indicator == "adoption_entry_to_decision_days" and .breakdown == null'
	assert_output '["adoption_entry_to_decision_days","England","2024/25","2025-03-31",null,274,"ok"]'
}

@test "real: absence of children looked after, academic years (--filter, --measures)" {
	normalise_real absence_la.csv --filter 'social_care_group=CLA 12 months at 31 March' --filter phase_type_grouping=Total --measures pt_overall,pt_pupils_pa_10_exact
	[ ! -s "$E" ]
	# 1102: 202425,...,Leeds,...,CLA 12 months at 31 March,Total,...,pt_overall 9.9,...,pt_pupils_pa_10_exact 21.2
	run pick '.area == "Leeds" and .period == "2024/25"'
	assert_output '["absence_overall_cla_pct","Leeds","2024/25","2025-08-31",null,9.9,"ok"]
["absence_persistent_cla_pct","Leeds","2024/25","2025-08-31",null,21.2,"ok"]'
	# 3577: 202324,...,Leeds,...: pt_overall 9.3
	run pick '.area == "Leeds" and .period == "2023/24" and .indicator == "absence_overall_cla_pct"'
	assert_output '["absence_overall_cla_pct","Leeds","2023/24","2024-08-31",null,9.3,"ok"]'
	# 987: 202425,...,Knowsley,...,25,16.7,c,c
	run pick '.area == "Knowsley" and .period == "2024/25" and .indicator == "absence_persistent_cla_pct"'
	assert_output '["absence_persistent_cla_pct","Knowsley","2024/25","2025-08-31",null,16.7,"ok"]'
}

@test "real: absence, every row: the school phase is a sub-group, Total the total series" {
	normalise_real absence_la.csv
	[ "$(wc -l < "$E")" -eq 1 ]
	# 1102: ...,Leeds,...,CLA 12 months at 31 March,Total,...,pt_overall 9.9
	# 1103: ...,Leeds,...,CLA 12 months at 31 March,State-funded secondary,...,14.6
	run pick '.area == "Leeds" and .period == "2024/25" and .indicator == "absence_overall_cla_pct" and (.breakdown == null or .breakdown.phase_type_grouping == "State-funded secondary")'
	assert_output '["absence_overall_cla_pct","Leeds","2024/25","2025-08-31",null,9.9,"ok"]
["absence_overall_cla_pct","Leeds","2024/25","2025-08-31",{"phase_type_grouping":"State-funded secondary"},14.6,"ok"]'
	# 827: 202425,...,National,...,CLA 12 months at 31 March,Total,...,9,...
	[ "$(jq -c 'select(.area == "England" and .period == "2024/25" and .indicator == "absence_overall_cla_pct" and .breakdown == null) | .value' "$O")" = 9 ]
}

@test "real: SEN2 EHCP timeliness, 12-decimal and space-led values (--measures)" {
	normalise_real sen2_mi.csv --measures inc_exc_20week_rate,no_exc_20week_rate
	[ ! -s "$E" ]
	# 1328: 2022,...,Leeds: inc_exc_20week_rate " 12.291"; 841: 2017: 96.600000000000, 96.800000000000
	run pick '.area == "Leeds" and (.period == "2022" or .period == "2017")'
	assert_output '["ehcp_20_weeks_pct","Leeds","2017","2017-12-31",null,96.6,"ok"]
["ehcp_20_weeks_excl_exceptions_pct","Leeds","2017","2017-12-31",null,96.8,"ok"]
["ehcp_20_weeks_pct","Leeds","2022","2022-12-31",null,12.291,"ok"]
["ehcp_20_weeks_excl_exceptions_pct","Leeds","2022","2022-12-31",null,12.291,"ok"]'
	[ "$(jq -r 'select(.indicator == "ehcp_20_weeks_pct" and .period == "2022" and .area == "England") | .value' "$O")" = 47.665 ]
}

@test "real: the whole SEN2 file: the columns outside the catalogue on one line" {
	normalise_real sen2_mi.csv
	[ "$(wc -l < "$E")" -eq 1 ]
	grep -q "^kpi-normalise: .*: indicator not in the catalogue .* and 62 more (67 times; the first here, --verbose lists each)$" "$E"
}

@test "real: Trafford's health assessments, financial years like the DfE's" {
	normalise_real cla_health_assessment.csv
	[ ! -s "$E" ]
	# 97: E08000009,Trafford,2024/25,...,93; 13: Trafford 2017/18 95; 6: England 2017/18 88
	run pick '(.area == "Trafford" and (.period == "2024/25" or .period == "2017/18")) or (.area == "England" and .period == "2017/18")'
	assert_output '["health_assessments_annual_pct","England","2017/18","2018-03-31",null,88,"ok"]
["health_assessments_annual_pct","Trafford","2017/18","2018-03-31",null,95,"ok"]
["health_assessments_annual_pct","Trafford","2024/25","2025-03-31",null,93,"ok"]'
}

@test "real: KS2 expected standard, academic years, NA is missing" {
	normalise_real expected_standard_ks2.csv
	[ ! -s "$E" ]
	# 6: England 2017/18 65; 13: Trafford 2017/18 76; 37: Trafford 2019/20 NA
	run pick '(.area == "England" or .area == "Trafford") and (.period == "2017/18" or .period == "2019/20")'
	assert_output '["ks2_rwm_expected_all_pct","England","2017/18","2018-08-31",null,65,"ok"]
["ks2_rwm_expected_all_pct","Trafford","2017/18","2018-08-31",null,76,"ok"]
["ks2_rwm_expected_all_pct","England","2019/20","2020-08-31",null,null,"missing"]
["ks2_rwm_expected_all_pct","Trafford","2019/20","2020-08-31",null,null,"missing"]'
	[ "$(jq -r 'select(.status == "missing") | .value_raw' "$O" | sort | uniq -c)" = '     26 NA' ]
}

@test "real: the 1994-2024 time series (BOM, CRLF, x not available)" {
	normalise_real cla_time_series_1994_2024.csv
	[ ! -s "$E" ]
	# 3: 2024,...,Children looked after at 31 March,83630; 155: 1994 adopted 2190; 154: 1994 UASC x
	run pick '.period == "2023/24" and .indicator == "cla_count"'
	assert_output '["cla_count","England","2023/24","2024-03-31",null,83630,"ok"]'
	run pick '.period == "1993/94" and (.indicator == "adoptions_count" or .indicator == "cla_uasc_count")'
	assert_output '["cla_uasc_count","England","1993/94","1994-03-31",null,null,"not_available"]
["adoptions_count","England","1993/94","1994-03-31",null,2190,"ok"]'
}

@test "real: health of children looked after (--measures children_percent)" {
	normalise_real la_conviction_health_outcome_cla.csv --measures children_percent
	[ "$(wc -l < "$E")" -eq 1 ]
	# 1920-1922: 2025,Leeds,Health assessments...: 86, 62, 73; 5322: ...SDQ score is a cause for concern,168,42
	run pick '.area == "Leeds" and .period == "2024/25" and .breakdown == null and .unit != null'
	assert_output '["cla_convictions_pct","Leeds","2024/25","2025-03-31",null,1,"ok"]
["health_assessments_annual_pct","Leeds","2024/25","2025-03-31",null,86,"ok"]
["immunisations_pct","Leeds","2024/25","2025-03-31",null,62,"ok"]
["dental_checks_pct","Leeds","2024/25","2025-03-31",null,73,"ok"]
["sdq_concern_pct","Leeds","2024/25","2025-03-31",null,42,"ok"]'
	# 1923: ...,Total all ages,1159,100: the 100% total row is a sub-group of the column, not the total series
	run pick '.area == "Leeds" and .period == "2024/25" and .indicator == "children_percent" and .breakdown.characteristic == "Health assessments: Children looked after all ages"'
	assert_output '["children_percent","Leeds","2024/25","2025-03-31",{"characteristic":"Health assessments: Children looked after all ages","breakdown":"Total all ages"},100,"ok"]'
}

@test "real: health of children looked after, every row: characteristic and breakdown are the sub-group" {
	normalise_real la_conviction_health_outcome_cla.csv
	[ "$(wc -l < "$E")" -eq 1 ]
	[ "$(wc -l < "$O")" -eq 18370 ]
	# 127: 2025,Leeds,Convictions...,Total ages 10 to 17 years,771,100; 126: ...,11,1
	run pick '.area == "Leeds" and .period == "2024/25" and (.indicator == "cla_convictions_pct" or (.indicator == "children_count" and .breakdown.characteristic == "Convictions: Children looked after Ages 10 to 17 years"))'
	assert_output '["children_count","Leeds","2024/25","2025-03-31",{"characteristic":"Convictions: Children looked after Ages 10 to 17 years","breakdown":"Convicted or subject to youth cautions, or youth conditional cautions during the year"},11,"ok"]
["cla_convictions_pct","Leeds","2024/25","2025-03-31",null,1,"ok"]
["children_count","Leeds","2024/25","2025-03-31",{"characteristic":"Convictions: Children looked after Ages 10 to 17 years","breakdown":"Total ages 10 to 17 years"},771,"ok"]'
}

@test "real: the health-assessment rate from the DfE file (2025) and Trafford's (2024/25) is one series" {
	# each pipeline on its own, so that set -e sees every stage's status
	kpi-ingest "$R/la_conviction_health_outcome_cla.csv" 2>/dev/null | kpi-normalise > "$BATS_TEST_TMPDIR/a.ndjson" 2>/dev/null
	kpi-ingest "$R/cla_health_assessment.csv" 2>/dev/null | kpi-normalise > "$BATS_TEST_TMPDIR/b.ndjson" 2>/dev/null
	kpi-trend "$BATS_TEST_TMPDIR/a.ndjson" "$BATS_TEST_TMPDIR/b.ndjson" > "$BATS_TEST_TMPDIR/s.ndjson"
	run jq -c 'select(.indicator == "health_assessments_annual_pct" and (.area == "England" or .area == "Trafford")) | [.area, .period, .value, .first_period, (.history | length), (.source | sub(".*/"; ""))]' "$BATS_TEST_TMPDIR/s.ndjson"
	# one summary each; history from both files: 2017/18-2019/20 are only in
	# Trafford's, 2024/25 (DfE 2025) is first read from the DfE's
	assert_output '["England","2024/25",90,"2017/18",8,"la_conviction_health_outcome_cla.csv:1672"]
["Trafford","2024/25",93,"2017/18",8,"la_conviction_health_outcome_cla.csv:1832"]'
}

# --- wide files: years in the headers ------------------------------------------

@test "real: KS2 Level 4 counts from header years are counts, never the percent indicator" {
	normalise_real KS2_Attainment_2007-2011_LA.csv
	[ ! -s "$E" ]
	# 2: E,England,2554,1158,1078,867,... (2007) ...,2244,1116,1075,901 (2011)
	run pick '.area == "England" and (.period == "2007" or .period == "2011") and (.indicator | test("en_ma|eligible"))'
	assert_output '["ks2_eligible_cla_count","England","2007","2007-12-31",null,2554,"ok"]
["ks2_level4_en_ma_cla_count","England","2007","2007-12-31",null,867,"ok"]
["ks2_eligible_cla_count","England","2011","2011-12-31",null,2244,"ok"]
["ks2_level4_en_ma_cla_count","England","2011","2011-12-31",null,901,"ok"]'
	# 78: 383,Leeds,64,27,21,19,62,26,26,22,... (2008: English and Maths 22)
	run pick '.area == "Leeds" and .period == "2008" and .indicator == "ks2_level4_en_ma_cla_count"'
	assert_output '["ks2_level4_en_ma_cla_count","Leeds","2008","2008-12-31",null,22,"ok"]'
	# x is not available, . (an authority that did not yet exist) not applicable
	[ "$(jq -r 'select(.value == null) | .value_raw + " " + .status' "$O" | sort | uniq -c | awk '{print $2, $3}' | tr '\n' ' ')" = ". not_applicable x not_available " ]
}

@test "real: SFR36 (CLA_Mar2014 gives every column its period, 31 March 2014)" {
	normalise_real SFR36_CLA2014.csv
	[ "$(wc -l < "$E")" -eq 1 ]
	# 2: E92000001,NATIONAL,999,ENGLAND,68840,...: CLA_Mar2014 68840, CLA_UASC 1970, CLA_Parent 3210, CLA_NetGain ..
	run pick '.area == "ENGLAND" and (.indicator | test("^(cla_count|cla_uasc_count|cla_care_order_at_home_count|CLA_NetGain)$"))'
	assert_output '["cla_count","ENGLAND","2014-03","2014-03-31",null,68840,"ok"]
["cla_care_order_at_home_count","ENGLAND","2014-03","2014-03-31",null,3210,"ok"]
["cla_uasc_count","ENGLAND","2014-03","2014-03-31",null,1970,"ok"]
["CLA_NetGain","ENGLAND","2014-03","2014-03-31",null,null,"not_available"]'
}

@test "real: england-facts by indicator_hint finds the revisions as duplicates" {
	run bash -c "set -o pipefail; kpi-ingest --map indicator=indicator_hint '$R/england-facts.csv' | kpi-normalise --keep-going 2>&1 >/dev/null | grep 'cla_count'"
	assert_output --partial 'england-facts.csv:7: duplicate of '
	assert_output --partial "england-facts.csv:5 (cla_count, period 2024) with a different value '83630'"
}
