#!/usr/bin/env bats
# kpi-ingest: a percentage column's count beside it (numerator, denominator)
# in melted files: the DfE's naming of such pairs, --numerator,
# --denominator, --no-auto-pairs.
load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$BATS_TEST_TMPDIR"
	# an EES file: counts and percentages in each row, as the DfE writes them
	cat >ees.csv <<'CSV'
time_period,time_identifier,geographic_level,country_code,country_name,la_name,referral_count,rereferral_count,rereferral_percent,CPP_subsequent,CPP_subsequent_percent,t_pupils_pa_10_exact,pt_pupils_pa_10_exact,pt_overall
2025,Reporting year,Local authority,E92000001,England,Leeds,5877,1300,22.1,40,19.5,800,12.5,6.1
2024,Reporting year,Local authority,E92000001,England,Leeds,5675,,c,38,x,790,12.4,6.0
CSV
}

@test "pairs: a percentage takes its count column's cell as numerator: X_percent with X_count or X, pt_X with t_X" {
	run --separate-stderr kpi-ingest ees.csv
	assert_success
	[ -z "$stderr" ]
	assert_line --index 2 '{"indicator":"rereferral_percent","period":"2025","value":"22.1","numerator":"1300","area":"Leeds","time_identifier":"Reporting year","geographic_level":"Local authority","country_code":"E92000001","country_name":"England","la_name":"Leeds","source":"ees.csv:2"}'
	assert_line --index 4 --partial '{"indicator":"CPP_subsequent_percent","period":"2025","value":"19.5","numerator":"40","area":"Leeds",'
	assert_line --index 6 --partial '{"indicator":"pt_pupils_pa_10_exact","period":"2025","value":"12.5","numerator":"800","area":"Leeds",'
	# no t_overall: no numerator; counts keep their own records, without one
	assert_line --index 7 --partial '{"indicator":"pt_overall","period":"2025","value":"6.1","area":"Leeds",'
	assert_line --index 0 --partial '{"indicator":"referral_count","period":"2025","value":"5877","area":"Leeds",'
	assert_line --index 1 --partial '{"indicator":"rereferral_count","period":"2025","value":"1300","area":"Leeds",'
	[ "${#lines[@]}" -eq 15 ]
	# an empty count cell is an empty numerator, a suppressed percentage keeps its symbol
	assert_line --index 9 --partial '{"indicator":"rereferral_percent","period":"2024","value":"c","numerator":"","area":"Leeds",'
}

@test "pairs: the numerator reaches the report: 22.1% (1,300), and kpi-normalise types it" {
	run bash -c "set -o pipefail; kpi-ingest ees.csv | kpi-normalise 2>/dev/null | jq -c 'select(.indicator==\"rereferrals_12m_pct\" and .period==\"2024/25\") | [.value, .numerator, .denominator]'"
	assert_success
	assert_output '[22.1,1300,null]'
	run bash -c "set -o pipefail; kpi-ingest ees.csv | kpi-normalise 2>/dev/null | kpi-trend | kpi-flag | kpi-render -f txt"
	assert_success
	assert_output --partial 'Latest (2024/25): 22.1% (1,300)'
}

@test "pairs: --numerator and --denominator name pairs the names do not show; kpi-normalise checks them" {
	run --separate-stderr kpi-ingest --numerator pt_overall=t_pupils_pa_10_exact \
		--denominator rereferral_percent=referral_count ees.csv
	assert_success
	assert_line --index 2 --partial '"indicator":"rereferral_percent","period":"2025","value":"22.1","numerator":"1300","denominator":"5877","area":"Leeds",'
	assert_line --index 7 --partial '"indicator":"pt_overall","period":"2025","value":"6.1","numerator":"800","area":"Leeds",'
	# 1300/5877 = 22.12%: within the rounding of 22.1
	run bash -c "set -o pipefail; kpi-ingest --denominator rereferral_percent=referral_count ees.csv | kpi-normalise >/dev/null 2>&1"
	assert_success
	# a wrong pair disagrees and says so
	run --separate-stderr bash -c "set -o pipefail; kpi-ingest --denominator rereferral_percent=CPP_subsequent ees.csv | kpi-normalise >/dev/null"
	assert_failure 1
	[ "$stderr" = "kpi-normalise: ees.csv:2: numerator 1300 is greater than denominator 40; value 22.1 disagrees with numerator/denominator 1300/40 = 3250" ]
}

@test "pairs: --no-auto-pairs leaves percentages without numerators, --numerator still pairs" {
	run bash -c "set -o pipefail; kpi-ingest --no-auto-pairs ees.csv | grep -c numerator"
	assert_failure 1
	assert_output 0
	run bash -c "set -o pipefail; kpi-ingest --no-auto-pairs --numerator rereferral_percent=rereferral_count ees.csv | grep -c numerator"
	assert_success
	assert_output 2
}

@test "pairs: a pass-through column named numerator is renamed when a measure has one" {
	printf 'time_period,time_identifier,geographic_level,country_code,country_name,numerator,x_count,x_percent\n2025,Reporting year,National,E92000001,England,n,5,50\n' >n.csv
	run --separate-stderr kpi-ingest n.csv
	assert_success
	assert_line --index 1 --partial '"indicator":"x_percent","period":"2025","value":"50","numerator":"5","area":"England",'
	assert_line --index 1 --partial '"numerator_2":"n",'
	[ "$stderr" = "kpi-ingest: n.csv:1: columns renamed, as kpi-ingest sets these fields: numerator -> numerator_2" ]
}

@test "pairs: not MEASURE=COLUMN is a usage error (2); a column not there, or not a measure, is bad data (1)" {
	run --separate-stderr kpi-ingest --numerator rereferral_percent ees.csv
	assert_failure 2
	[ "$stderr" = "kpi-ingest: --numerator: 'rereferral_percent' is not MEASURE=COLUMN
Try 'kpi-ingest --help' for more information." ]
	run --separate-stderr kpi-ingest --denominator =x ees.csv
	assert_failure 2
	[ "$stderr" = "kpi-ingest: --denominator: '=x' is not MEASURE=COLUMN
Try 'kpi-ingest --help' for more information." ]
	run --separate-stderr kpi-ingest --numerator rereferral_percent=nothere ees.csv
	assert_failure 1
	[[ $stderr == "kpi-ingest: ees.csv: --numerator: no column 'nothere'; columns present: "* ]]
	run --separate-stderr kpi-ingest --numerator la_name=referral_count ees.csv
	assert_failure 1
	[ "$stderr" = "kpi-ingest: ees.csv: --numerator: column 'la_name' is not a measure column" ]
	printf 'indicator,period,value,n\nx,2025,5,1\n' >long.csv
	run --separate-stderr kpi-ingest --numerator value=n long.csv
	assert_failure 1
	[ "$stderr" = "kpi-ingest: long.csv: --numerator: column 'value' is not a measure column (the file has one value column: use --map numerator=COLUMN)" ]
}

@test "pairs: the real DfE files: re-referrals, second child protection plans and care leavers carry their counts" {
	need_shared
	run bash -c "set -o pipefail; kpi-ingest '$SHARED/data/real/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv' | jq -c 'select(.indicator==\"rereferral_percent\") | [.area, .period, .value, .numerator]' | sed -n 1p"
	assert_success
	assert_output '["England","2025","22.6","142900"]'
	run bash -c "set -o pipefail; kpi-ingest '$SHARED/data/real/d3_cpps_subsequent_plan_2013_to_2025.csv' | jq -c 'select(.indicator==\"CPP_subsequent_percent\") | [.area, .period, .value, .numerator]' | sed -n 1p"
	assert_success
	assert_output '["England","2025","24.5","15130"]'
	run bash -c "set -o pipefail; kpi-ingest '$SHARED/data/real/la_care_leavers_accommodation_suitability.csv' | kpi-normalise 2>/dev/null | jq -c 'select(.indicator==\"care_leavers_suitable_accom_19_21_pct\" and .area==\"Somerset\" and .period==\"2024/25\") | [.value, .numerator]'"
	assert_success
	assert_output '[91,244]'
}
