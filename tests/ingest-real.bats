#!/usr/bin/env bats
# kpi-ingest on the real DfE files in ../shared/data/real (see its README.md):
# every file reads without error, the 14 KPI-shaped ones give one observation
# per non-empty measure cell and no two of a series and period alike, and
# known values come out by source line.
load helper
bats_require_minimum_version 1.5.0

# Every file read once in its default shape (kpi-ingest FILE, from the
# files' folder, as the tests run it): its stdout, stderr and exit status
# kept in BATS_FILE_TMPDIR/ingested/ for every test that reads a file with
# no options, each checking the status first (ingested).
setup_file() {
	[ -d "$SHARED/data/real" ] || return 0
	cd "$SHARED/data/real"
	local f status
	mkdir "$BATS_FILE_TMPDIR/ingested"
	for f in *.csv; do
		status=0
		kpi-ingest "$f" >"$BATS_FILE_TMPDIR/ingested/$f.ndjson" 2>"$BATS_FILE_TMPDIR/ingested/$f.err" || status=$?
		echo "$status" >"$BATS_FILE_TMPDIR/ingested/$f.status"
	done
}

setup() {
	need_shared
	cd "$SHARED/data/real"
	REAL_PWD=$PWD
}

# ingested FILE: sets INGESTED to what kpi-ingest FILE wrote (setup_file);
# fails, saying so, where it did not exit 0
ingested() {
	local d="$BATS_FILE_TMPDIR/ingested" status
	[ -r "$d/$1.status" ] || { echo "$1: not read by setup_file"; return 1; }
	read -r status <"$d/$1.status"
	[ "$status" -eq 0 ] || { echo "$1: exit $status: $(head -3 "$d/$1.err")"; return 1; }
	INGESTED="$d/$1.ndjson"
}

# the record of FILE's line LINE with indicator IND: ingest FILE [OPTIONS...]
# (with no options, in the files' folder, what setup_file read)
record_at() {
	local file=$1 line=$2 ind=$3
	shift 3
	if [ $# -eq 0 ] && [ "$PWD" = "$REAL_PWD" ]; then
		ingested "$file" || return 1
		jq -c --arg s "$file:$line" --arg i "$ind" 'select(.source == $s and .indicator == $i)' "$INGESTED"
		return
	fi
	kpi-ingest "$@" "$file" |
		jq -c --arg s "$file:$line" --arg i "$ind" 'select(.source == $s and .indicator == $i)'
}

@test "real: every file reads without error in its default shape" {
	# read by setup_file to files, not through run: run splits the megabytes
	# written into lines
	local n=0
	for f in *.csv; do
		n=$((n + 1))
		ingested "$f"
		grep -q . "$INGESTED" || { echo "$f: no output"; return 1; }
	done
	[ "$n" -ge 16 ]
}

# The 14 KPI-shaped files (all but the statistical-neighbour lookup and
# england-facts.csv) and, for each, its measure columns (1-based, first and
# last), read from their headers by hand: the cells an independent count
# (tests/csvcells.awk) says hold a value.
kpi_files() {
	cat <<'EOF'
KS2_Attainment_2007-2011_LA.csv	3	22
SFR36_CLA2014.csv	5	53
absence_la.csv	14	25
c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv	12	21
cla_health_assessment.csv	7	7
cla_number_and_rate_per_10k_children.csv	13	14
cla_time_series_1994_2024.csv	7	7
csww_indicators_2017_to_2025.csv	11	32
d3_cpps_subsequent_plan_2013_to_2025.csv	12	14
expected_standard_ks2.csv	7	7
la_care_leavers_accommodation_suitability.csv	13	14
la_conviction_health_outcome_cla.csv	13	14
national_cla_adopted_average_time_between_adoption_process_stages.csv	9	9
sen2_mi.csv	11	83
EOF
}

# A series and period as kpi_breakdown_key reads them (lib/breakdown.c):
# the breakdown's non-total fields, folded, sorted; a string S is {breakdown: S}.
SERIES_KEY='
def fold: ascii_downcase | gsub("[^a-z0-9]"; "");
def total: (. // "") | gsub("^[ \t]+|[ \t]+$"; "") | ascii_downcase
	| . == "" or . == "total" or . == "all" or startswith("total ") or startswith("all ") or endswith(" total");
def bdkey: if . == null then "" elif type == "string" then {breakdown: .} | bdkey
	else to_entries | map(select(.value | total | not) | "\(.key | fold)=\(.value | fold)") | sort | join("|") end;
# each distinct breakdown folded once (jq 1.6 gsub is slow)
foreach inputs as $r ({m: {}}; ($r.breakdown | tojson) as $b
	| if .m | has($b) then .k = .m[$b] else ($r.breakdown | bdkey) as $k | .m[$b] = $k | .k = $k end;
	[$r.indicator, $r.area, .k, $r.period] | @json)'

@test "real: the 14 KPI files: exit 0 with no options, at most ten lines of stderr, one observation per non-empty measure cell" {
	[ "$(kpi_files | wc -l)" -eq 14 ]
	while IFS=$'\t' read -r f from to; do
		ingested "$f" || return 1
		[ "$(wc -l <"${INGESTED%.ndjson}.err")" -le 10 ] || { echo "$f: $(wc -l <"${INGESTED%.ndjson}.err") lines of stderr"; return 1; }
		cells=$(awk -v from="$from" -v to="$to" -f "$REPO/tests/csvcells.awk" "$f")
		obs=$(wc -l <"$INGESTED")
		[ "$cells" -gt 0 ] && [ "$obs" -eq "$cells" ] || { echo "$f: $obs observations, $cells non-empty measure cells"; return 1; }
	done < <(kpi_files)
}

@test "real: the 14 KPI files: no two observations share indicator, area, breakdown and period" {
	while IFS=$'\t' read -r f _; do
		# as the tools compare breakdowns (totals folded out): unique so, unique as written
		ingested "$f" || return 1
		jq -n -r "$SERIES_KEY" "$INGESTED" >"$BATS_TEST_TMPDIR/keys"
		[ -s "$BATS_TEST_TMPDIR/keys" ] || { echo "$f: no keys"; return 1; }
		dup=$(sort "$BATS_TEST_TMPDIR/keys" | uniq -d | head -3)
		[ -z "$dup" ] || { echo "$f: $dup"; return 1; }
	done < <(kpi_files)
}

@test "real: a pipe gives what the file gives (its first 1,000 rows decide the columns)" {
	for f in la_care_leavers_accommodation_suitability.csv SFR36_CLA2014.csv cla_number_and_rate_per_10k_children.csv; do
		ingested "$f" || return 1
		sed 's/"source":"[^"]*"//' "$INGESTED" >"$BATS_TEST_TMPDIR/file"
		cat "$f" | kpi-ingest | sed 's/"source":"[^"]*"//' >"$BATS_TEST_TMPDIR/pipe"
		cmp "$BATS_TEST_TMPDIR/file" "$BATS_TEST_TMPDIR/pipe" || { echo "$f differs through a pipe"; return 1; }
	done
}

@test "real: EES metadata beside the file: indicators, filters, labels, units and decimal places" {
	cd ees-meta
	run record_at indicator_units_should_pass.csv 2 sess_authorised_percent
	assert_output '{"indicator":"sess_authorised_percent","period":"201718","value":"3.12503","area":"North East","breakdown":{"establishment_type_group":"State-funded primary and secondary"},"indicator_label":"Authorised absence rate","indicator_unit":"£m","indicator_dp":"1","time_identifier":"Academic year","geographic_level":"Regional","country_code":"E92000001","country_name":"England","region_code":"E12000001","region_name":"North East","education_phase":"Combined","source":"indicator_units_should_pass.csv:2"}'
	run bash -c "set -o pipefail; kpi-ingest indicator_units_should_pass.csv | jq -r '[.indicator, .indicator_unit, .indicator_dp] | @tsv' | sort -u"
	assert_output "$(printf '%s\n' 'enrolments		0' 'enrolments_pa_10_exact	pp	0' 'enrolments_pa_10_exact_percent	%	3' 'example_id	numberstring	' 'num_schools		0' 'sess_authorised_percent	£m	1' 'sess_overall_percent	%	0' 'sess_unauthorised_percent	£	2')"
	# a column literally named breakdown is one filter among four; grouping columns pass through
	run record_at filter_groups_mix.csv 2 cohort
	assert_output --partial '"breakdown":{"institution_type":"Total","cohort_level":"Level 2 approved","breakdown":"Disadvantaged White","data_type":"Number of pupils"},"indicator_label":"Number of pupils completing 16-18 study",'
	assert_output --partial '"institution_group":"State-funded mainstream schools & colleges","cohort_level_group":"Level 2","breakdown_topic":"Disadvantage Y11 Status and Ethnicity Major","version":"Revised",'
	# every geography column of the standard passes through; the school is the area
	run bash -c "set -o pipefail; kpi-ingest passes_everything.csv | jq -c 'select(.geographic_level == \"School\") | [.area, .breakdown, .school_urn != null]' | sed -n 1p"
	assert_output --regexp '^\["[^"]+",\{"education_phase":"[^"]+","phase_type_grouping":"[^"]+"\},true\]$'
	# every header and value quoted; region columns after the indicator
	run record_at financial_quarter.csv 2 q4_p_total
	assert_output '{"indicator":"q4_p_total","period":"201819","value":"82.14","area":"England","breakdown":{"age_detailed":"35-44","gender":"Female","ethnicity_major":"Mixed / Multiple Ethnic Group"},"indicator_label":"Quarter 4 Total Learners by Participation","indicator_unit":"","indicator_dp":"","time_identifier":"Financial year Q1","geographic_level":"National","country_code":"E92000001","country_name":"England","region_code":"","region_name":"","source":"financial_quarter.csv:2"}'
}

@test "real: EES metadata: every pair reads without a message, one observation per indicator cell" {
	cd ees-meta
	for f in filter_groups_mix financial_quarter indicator_units_should_pass passes_everything; do
		run --separate-stderr kpi-ingest "$f.csv"
		[ "$status" -eq 0 ] && [ -z "$stderr" ] || { echo "$f: exit $status: $stderr"; return 1; }
		n=$(awk -F, 'NR > 1 && $2 == "Indicator"' "$f.meta.csv" | wc -l)
		[ "$(printf '%s\n' "${lines[@]}" | jq -r .indicator | sort -u | wc -l)" -eq "$n" ] || { echo "$f: not $n indicators"; return 1; }
	done
	# --ees-meta names it; a copy of the data elsewhere finds none and guesses
	cp filter_groups_mix.csv "$BATS_TEST_TMPDIR/data.csv"
	run bash -c "set -o pipefail; kpi-ingest --ees-meta filter_groups_mix.meta.csv '$BATS_TEST_TMPDIR/data.csv' | sed -n 1p | jq -c '[.indicator_label, (.breakdown | keys_unsorted)]'"
	assert_output '["Number of pupils completing 16-18 study",["institution_type","cohort_level","breakdown","data_type"]]'
	run bash -c "set -o pipefail; kpi-ingest '$BATS_TEST_TMPDIR/data.csv' | sed -n 1p | jq -c '[.indicator_label, (.breakdown | keys_unsorted)]'"
	assert_output '[null,["institution_group","institution_type","cohort_level_group","cohort_level","breakdown_topic","breakdown","data_type"]]'
}

@test "real: the wide files read with --measures all" {
	for f in KS2_Attainment_2007-2011_LA.csv SFR36_CLA2014.csv; do
		status=0
		kpi-ingest --measures all "$f" >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" || status=$?
		stderr=$(cat "$BATS_TEST_TMPDIR/err")
		[ "$status" -eq 0 ] || { echo "$f: exit $status: $stderr"; return 1; }
		[ -z "$stderr" ] || { echo "$f: $stderr"; return 1; }
	done
}

@test "real: every England value in england-facts.csv comes out of its file" {
	# england-facts.csv itself goes through kpi-ingest (long shape: measure -> indicator)
	ingested england-facts.csv
	cp "$INGESTED" "$BATS_TEST_TMPDIR/facts.ndjson"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/facts.ndjson")" -eq 37 ]
	while IFS=$'\t' read -r file column period value; do
		if [ "$column" = value ]; then
			opts=(--long)
			sel='select(.area == "England" and .period == $p)'
		else
			opts=()
			sel='select(.area == "England" and .period == $p and .indicator == $c)'
		fi
		# each file (and shape) is read once, its England records kept for
		# the facts that follow
		england="$BATS_TEST_TMPDIR/england.${#opts[@]}.$file"
		# (without options, as setup_file read it)
		if [ ! -e "$england" ] && [ ${#opts[@]} -eq 0 ]; then
			ingested "$file" || return 1
			jq -c 'select(.area == "England")' "$INGESTED" >"$england"
		fi
		[ -e "$england" ] || kpi-ingest "${opts[@]}" "$file" | jq -c 'select(.area == "England")' >"$england"
		n=$(jq -c --arg p "$period" --arg c "$column" "$sel"' | select((.value | ltrimstr(" ")) == $v)' --arg v "$value" "$england" | wc -l)
		[ "$n" -ge 1 ] || { echo "not found: $file $column $period $value"; return 1; }
	done < <(jq -r '[.source_file, (.indicator | capture("\\((?<c>[a-z_A-Z0-9]+)[;)]").c), .period, .value] | @tsv' \
		"$BATS_TEST_TMPDIR/facts.ndjson")
}

@test "real: BOM file, EES melt, children looked after 81,770 on 31 March 2025 (line 3); population_type is the breakdown" {
	run record_at cla_number_and_rate_per_10k_children.csv 3 children_count
	assert_output '{"indicator":"children_count","period":"2025","value":"81770","area":"England","breakdown":{"population_type":"Children looked after on 31 March each year"},"time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","region_code":"","region_name":"","old_la_code":"","la_name":"","new_la_code":"","source":"cla_number_and_rate_per_10k_children.csv:3"}'
	# the rate takes the count and the population estimate (the base of the
	# rate, not an indicator: column 12 makes no records of its own)
	run record_at cla_number_and_rate_per_10k_children.csv 15 rate_per_10000
	assert_output --partial '"value":"62","numerator":"6410","denominator":"1032130","area":"East Midlands","breakdown":{"population_type":"Children looked after on 31 March each year"},'
}

@test "real: BOM + CRLF, the earlier vintage says 83,630 for 2024 (line 3)" {
	run record_at cla_time_series_1994_2024.csv 3 number
	assert_output '{"indicator":"number","period":"2024","value":"83630","area":"England","breakdown":{"population_count":"Children looked after at 31 March"},"time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","source":"cla_time_series_1994_2024.csv:3"}'
}

@test "real: quoted headers and a leading space kept: ' 47.665' (sen2_mi line 1296)" {
	run record_at sen2_mi.csv 1296 inc_exc_20week_rate --measures inc_exc_20week_rate --filter geographic_level=National
	assert_output --partial '{"indicator":"inc_exc_20week_rate","period":"2022","value":" 47.665","area":"England",'
}

@test "real: quoted empty fields read as empty; area falls back to England; one category on every row passes through (d3 line 2)" {
	run record_at d3_cpps_subsequent_plan_2013_to_2025.csv 2 CPP_subsequent_percent
	assert_output '{"indicator":"CPP_subsequent_percent","period":"2025","value":"24.5","numerator":"15130","area":"England","time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","region_code":"","region_name":"","old_la_code":"","new_la_code":"","la_name":"","category":"Child Protection Plans which are a second or subsequent plan","source":"d3_cpps_subsequent_plan_2013_to_2025.csv:2"}'
}

@test "real: the LA name is the area; characteristic and breakdown (with commas) are the breakdown (conviction line 4)" {
	ingested la_conviction_health_outcome_cla.csv
	run bash -c "set -o pipefail; grep -F '\"source\":\"la_conviction_health_outcome_cla.csv:4\"' '$INGESTED' | sed -n 1p"
	assert_output --partial '"indicator":"children_count","period":"2025","value":"90","area":"North East","breakdown":{"characteristic":"Convictions: Children looked after Ages 10 to 17 years","breakdown":"Convicted or subject to youth cautions, or youth conditional cautions during the year"},'
	run bash -c "set -o pipefail; kpi-ingest --filter 'geographic_level=Local authority' la_conviction_health_outcome_cla.csv | sed -n 1p"
	assert_output --regexp '"area":"([^"]+)".*"la_name":"\1"'
}

@test "real: durations pass as text: 02:03 (adoption line 55)" {
	run record_at national_cla_adopted_average_time_between_adoption_process_stages.csv 55 number
	assert_output --partial '"value":"02:03","area":"England","breakdown":{"stage_of_adoption_process":"6. Total average time between entry into care and adoption","age_start_poc":"Total"},'
	assert_output --partial '"cla_group":"Age on starting final period of care",'
}

@test "real: care leavers, two filters: age and suitability (line 2, line 9)" {
	run record_at la_care_leavers_accommodation_suitability.csv 2 care_leaver_percent
	assert_output '{"indicator":"care_leaver_percent","period":"2025","value":"91","numerator":"13380","area":"England","breakdown":{"care_leaver_age":"17 to 18 years","breakdown":"Accommodation considered suitable"},"time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","region_code":"","region_name":"","old_la_code":"","la_name":"","new_la_code":"","source":"la_care_leavers_accommodation_suitability.csv:2"}'
	run record_at la_care_leavers_accommodation_suitability.csv 9 care_leaver_percent
	assert_output --partial '"value":"100","numerator":"38190","area":"England","breakdown":{"care_leaver_age":"19 to 21 years","breakdown":"Suitability total"},'
}

@test "real: absence, academic years: social care group and phase are the breakdown, six half terms passes through (line 2)" {
	run record_at absence_la.csv 2 pt_overall
	assert_output --partial '{"indicator":"pt_overall","period":"202425","value":"17.4","area":"England","breakdown":{"social_care_group":"CINO at 31 March","phase_type_grouping":"Total"},"time_identifier":"Academic year",'
	assert_output --partial '"absence_terms":"six half terms",'
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
	run --separate-stderr bash -c "set -o pipefail; kpi-ingest sn_model_2025_wide.csv | sed -n 1p"
	assert_output --partial '{"area":"Barking and Dagenham","old_la_code":"301","region_ind":"3","region_name":"London","sn_1":"308","sn_1p":"Close ","sn_2":"821",'
}

# the record of FILE's line LINE with indicator IND and period PER: ingest FILE
# (what setup_file read)
record_in() {
	local file=$1 line=$2 ind=$3 per=$4
	ingested "$file" || return 1
	jq -c --arg s "$file:$line" --arg i "$ind" --arg p "$per" 'select(.source == $s and .indicator == $i and .period == $p)' "$INGESTED"
}

@test "real: KS2 2007-2011, no options: periods from the headers; the unnamed column after LA Number is the area" {
	run record_in KS2_Attainment_2007-2011_LA.csv 2 "Total eligible for KS2 tests" 2007
	assert_output '{"indicator":"Total eligible for KS2 tests","period":"2007","value":"2554","area":"England","la_number":"E","source":"KS2_Attainment_2007-2011_LA.csv:2"}'
	# the header with a leading space, trimmed
	run record_in KS2_Attainment_2007-2011_LA.csv 2 "Number achieving Level 4 in English and Maths" 2008
	assert_output '{"indicator":"Number achieving Level 4 in English and Maths","period":"2008","value":"905","area":"England","la_number":"E","source":"KS2_Attainment_2007-2011_LA.csv:2"}'
	# x and . are measures' symbols; the area's name is trimmed ('North East '
	# in the file), so --area 'North East' finds it
	run record_in KS2_Attainment_2007-2011_LA.csv 19 "Number achieving Level 4 in Maths" 2007
	assert_output --partial '"value":"x","area":"Hackney","la_number":"204",'
	ingested KS2_Attainment_2007-2011_LA.csv
	run bash -c "set -o pipefail; jq -r 'select(.la_number == \"NE\") | .area' '$INGESTED' | sort -u"
	assert_output "North East"
	run bash -c "set -o pipefail; jq -r '.area' '$INGESTED' | grep -c ' \$'"
	assert_output 0
}

@test "real: KS2: the man page's example gives the same observations" {
	run bash -c "set -o pipefail; kpi-ingest --measures all --map area=column_2 KS2_Attainment_2007-2011_LA.csv | cksum"
	assert_success
	ingested KS2_Attainment_2007-2011_LA.csv
	expected=$(cksum <"$INGESTED")
	assert_output "$expected"
}

@test "real: SFR36 2014: the headers' one period Mar2014 for every measure; three empty trailing header names; '..' on the national row (line 2)" {
	run record_at SFR36_CLA2014.csv 2 "CLA_NetGain"
	assert_output '{"indicator":"CLA_NetGain","period":"Mar2014","value":"..","area":"ENGLAND","new_geog_code":"E92000001","geog_l":"NATIONAL","geog_c":"999","source":"SFR36_CLA2014.csv:2"}'
	run record_at SFR36_CLA2014.csv 2 "CLA_Mar"
	assert_output --partial '"period":"Mar2014","value":"68840","area":"ENGLAND",'
	run record_at SFR36_CLA2014.csv 2 "CLA"
	assert_output --partial '"period":"Mar2014","value":"97950","area":"ENGLAND",'
	run record_at SFR36_CLA2014.csv 2 "CLA_stp"
	assert_output --partial '"period":"Mar2014","value":"3550",'
	run record_at SFR36_CLA2014.csv 3 "CLA_NetGain"
	assert_output --partial '"value":"-30","area":"NORTH EAST",'
	ingested SFR36_CLA2014.csv
	run bash -c "set -o pipefail; jq -r '.indicator' '$INGESTED' | sort -u | grep -c column_"
	assert_output 0
	run bash -c "set -o pipefail; kpi-ingest --long SFR36_CLA2014.csv 2>/dev/null | sed -n 1p | jq -c '[.cla_netgain, .column_54, .column_55, .column_56]'"
	assert_output '["..","","",""]'
}
