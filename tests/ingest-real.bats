#!/usr/bin/env bats
# kpi-ingest on the real DfE files in ../shared/data/real (see its README.md):
# every file reads without error, and known values come out by source line.
load helper
bats_require_minimum_version 1.5.0

setup() {
	need_shared
	cd "$SHARED/data/real"
}

# the record of FILE's line LINE with indicator IND: ingest FILE [OPTIONS...]
record_at() {
	local file=$1 line=$2 ind=$3
	shift 3
	kpi-ingest "$@" "$file" |
		jq -c --arg s "$file:$line" --arg i "$ind" 'select(.source == $s and .indicator == $i)'
}

@test "real: every file reads without error in its default shape" {
	for f in *.csv; do
		run --separate-stderr kpi-ingest "$f"
		[ "$status" -eq 0 ] || { echo "$f: exit $status: $stderr"; return 1; }
		[ "${#lines[@]}" -gt 0 ] || { echo "$f: no output"; return 1; }
	done
}

@test "real: the wide files read with --measures all" {
	for f in KS2_Attainment_2007-2011_LA.csv SFR36_CLA2014.csv; do
		run --separate-stderr kpi-ingest --measures all "$f"
		[ "$status" -eq 0 ] || { echo "$f: exit $status: $stderr"; return 1; }
		[ -z "$stderr" ] || { echo "$f: $stderr"; return 1; }
	done
}

@test "real: every England value in england-facts.csv comes out of its file" {
	# england-facts.csv itself goes through kpi-ingest (long shape: measure -> indicator)
	kpi-ingest england-facts.csv >"$BATS_TEST_TMPDIR/facts.ndjson"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/facts.ndjson")" -eq 37 ]
	while IFS=$'\t' read -r file column period value; do
		if [ "$column" = value ]; then
			opts=(--long)
			sel='select(.area == "England" and .period == $p)'
		else
			opts=()
			sel='select(.area == "England" and .period == $p and .indicator == $c)'
		fi
		n=$(kpi-ingest "${opts[@]}" "$file" |
			jq -c --arg p "$period" --arg c "$column" "$sel"' | select((.value | ltrimstr(" ")) == $v)' --arg v "$value" | wc -l)
		[ "$n" -ge 1 ] || { echo "not found: $file $column $period $value"; return 1; }
	done < <(jq -r '[.source_file, (.indicator | capture("\\((?<c>[a-z_A-Z0-9]+)[;)]").c), .period, .value] | @tsv' \
		"$BATS_TEST_TMPDIR/facts.ndjson")
}

@test "real: BOM file, EES melt, children looked after 81,770 on 31 March 2025 (line 3)" {
	run record_at cla_number_and_rate_per_10k_children.csv 3 children_count
	assert_output '{"indicator":"children_count","period":"2025","value":"81770","area":"England","time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","region_code":"","region_name":"","old_la_code":"","la_name":"","new_la_code":"","population_type":"Children looked after on 31 March each year","source":"cla_number_and_rate_per_10k_children.csv:3"}'
}

@test "real: BOM + CRLF, the earlier vintage says 83,630 for 2024 (line 3)" {
	run record_at cla_time_series_1994_2024.csv 3 number
	assert_output '{"indicator":"number","period":"2024","value":"83630","area":"England","time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","population_count":"Children looked after at 31 March","source":"cla_time_series_1994_2024.csv:3"}'
}

@test "real: quoted headers and a leading space kept: ' 47.665' (sen2_mi line 1296)" {
	run record_at sen2_mi.csv 1296 inc_exc_20week_rate --measures inc_exc_20week_rate --filter geographic_level=National
	assert_output --partial '{"indicator":"inc_exc_20week_rate","period":"2022","value":" 47.665","area":"England",'
}

@test "real: quoted empty fields read as empty; area falls back to England (d3 line 2)" {
	run record_at d3_cpps_subsequent_plan_2013_to_2025.csv 2 CPP_subsequent_percent
	assert_output '{"indicator":"CPP_subsequent_percent","period":"2025","value":"24.5","area":"England","time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","region_code":"","region_name":"","old_la_code":"","new_la_code":"","la_name":"","category":"Child Protection Plans which are a second or subsequent plan","source":"d3_cpps_subsequent_plan_2013_to_2025.csv:2"}'
}

@test "real: the LA name is the area; breakdown with commas (conviction line 4)" {
	run bash -c "set -o pipefail; kpi-ingest la_conviction_health_outcome_cla.csv | grep -F '\"source\":\"la_conviction_health_outcome_cla.csv:4\"' | head -1"
	assert_output --partial '"indicator":"children_count","period":"2025","value":"90","area":"North East","breakdown":"Convicted or subject to youth cautions, or youth conditional cautions during the year",'
	run bash -c "set -o pipefail; kpi-ingest --filter 'geographic_level=Local authority' la_conviction_health_outcome_cla.csv | head -1"
	assert_output --regexp '"area":"([^"]+)".*"la_name":"\1"'
}

@test "real: durations pass as text: 02:03 (adoption line 55)" {
	run record_at national_cla_adopted_average_time_between_adoption_process_stages.csv 55 number
	assert_output --partial '"value":"02:03","area":"England",'
	assert_output --partial '"stage_of_adoption_process":"6. Total average time between entry into care and adoption","age_start_poc":"Total",'
}

@test "real: long file with area_name and area_code: England 90 for 2024/25 (line 90)" {
	run bash -c "set -o pipefail; kpi-ingest cla_health_assessment.csv | sed -n 89p"
	assert_output '{"indicator":"Children looked after who had their annual health assessment","period":"2024/25","value":"90","area":"England","area_code":"E92000001","measure":"Percentage","unit":"Persons","source":"cla_health_assessment.csv:90"}'
}

@test "real: quoted indicator with commas, NA passes as text (expected_standard_ks2 line 3)" {
	run bash -c "set -o pipefail; kpi-ingest expected_standard_ks2.csv | sed -n 2p"
	assert_output '{"indicator":"Pupils reaching the expected standard at the end of key stage 2 in reading, writing and mathematics","period":"2017/18","value":"NA","area":"Buckinghamshire","area_code":"E06000060","measure":"Percentage","unit":"Persons","source":"expected_standard_ks2.csv:3"}'
}

@test "real: trailing spaces kept ('Close '), la_name is the area (sn_model line 2)" {
	run --separate-stderr bash -c "set -o pipefail; kpi-ingest sn_model_2025_wide.csv | head -1"
	assert_output --partial '{"area":"Barking and Dagenham","old_la_code":"301","region_ind":"3","region_name":"London","sn_1":"308","sn_1p":"Close ","sn_2":"821",'
}

@test "real: KS2 2007-2011: empty header is column_2, leading-space header trimmed, region name keeps its trailing space" {
	run record_at KS2_Attainment_2007-2011_LA.csv 2 "Total eligible for KS2 tests 2007" --measures all --map area=column_2
	assert_output '{"indicator":"Total eligible for KS2 tests 2007","value":"2554","area":"England","la_number":"E","source":"KS2_Attainment_2007-2011_LA.csv:2"}'
	run record_at KS2_Attainment_2007-2011_LA.csv 2 "Number achieving Level 4 in English and Maths 2008" --measures all --map area=column_2
	assert_output --partial '"value":"905","area":"England",'
	run bash -c "set -o pipefail; kpi-ingest --measures all --map area=column_2 KS2_Attainment_2007-2011_LA.csv | jq -r 'select(.la_number == \"NE\") | .area' | sort -u"
	assert_output "North East "
}

@test "real: SFR36 2014: three empty trailing header names, '..' on the national row (line 2)" {
	run record_at SFR36_CLA2014.csv 2 "CLA_NetGain" --measures all --map area=geog_n
	assert_output --partial '{"indicator":"CLA_NetGain","value":"..","area":"ENGLAND","new_geog_code":"E92000001","geog_l":"NATIONAL",'
	run bash -c "set -o pipefail; kpi-ingest --long SFR36_CLA2014.csv 2>/dev/null | head -1 | jq -c '[.cla_netgain, .column_54, .column_55, .column_56]'"
	assert_output '["..","","",""]'
}
