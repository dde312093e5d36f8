#!/usr/bin/env bats
# kpi-ingest: what identifies a series (the breakdown object of EES files and
# melts, --breakdown, --attribute, a pipe's first rows), EES metadata, the
# DfE symbols beside numbers, and periods carried by headers or --period.
# Fixtures in tests/data/ingest/.
load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$DATA/ingest"
}

# ROWS lines of an EES file whose population_type is one value for ROWS
# rows, then another for one row: kpi-ingest judges a pipe on 1,000 rows.
ees_turning_at() {
	echo "time_period,time_identifier,geographic_level,country_code,country_name,population_type,children_count"
	awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++) printf "%d,Reporting year,National,E92000001,England,Looked after on 31 March,%d\n", 1000 + i, i }'
	echo "2025,Reporting year,National,E92000001,England,Starting to be looked after,7"
}

@test "EES: the text columns that vary make the breakdown object, trimmed, in file order; one value on every row passes through" {
	run kpi-ingest ees_filters.csv
	assert_success
	assert_line --index 0 '{"indicator":"care_leaver_count","period":"2025","value":"13380","area":"England","breakdown":{"care_leaver_age":"17 to 18 years","breakdown":"Accommodation considered suitable"},"time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","region_code":"","region_name":"","old_la_code":"","new_la_code":"","la_name":"","cla_group":"Care leavers","source":"ees_filters.csv:2"}'
	assert_line --index 3 --partial '"value":"100","numerator":"14700","area":"England","breakdown":{"care_leaver_age":"17 to 18 years","breakdown":"Suitability total"},'
	# bracketed symbols and 12u are measure values, kept as written
	assert_line --index 4 --partial '{"indicator":"care_leaver_count","period":"2025","value":"[c]","area":"Darlington","breakdown":{"care_leaver_age":"19 to 21 years","breakdown":"Accommodation considered suitable"},'
	assert_line --index 5 --partial '"indicator":"care_leaver_percent","period":"2025","value":"[low]",'
	assert_line --index 6 --partial '"indicator":"care_leaver_count","period":"2025","value":"12u",'
	[ "${#lines[@]}" -eq 7 ]
}

@test "EES: an empty file, a header alone: no output, no message" {
	head -1 ees_filters.csv >"$BATS_TEST_TMPDIR/h.csv"
	run --separate-stderr kpi-ingest "$BATS_TEST_TMPDIR/h.csv"
	assert_success
	assert_output ''
	[ -z "$stderr" ]
}

@test "EES: one row: every text column has one value, so none is a breakdown field but the one named breakdown" {
	head -2 ees_filters.csv >"$BATS_TEST_TMPDIR/one.csv"
	run kpi-ingest --measures care_leaver_percent "$BATS_TEST_TMPDIR/one.csv"
	assert_success
	assert_output "{\"indicator\":\"care_leaver_percent\",\"period\":\"2025\",\"value\":\"91\",\"area\":\"England\",\"breakdown\":{\"breakdown\":\"Accommodation considered suitable\"},\"time_identifier\":\"Reporting year\",\"geographic_level\":\"National\",\"country_code\":\"E92000001\",\"country_name\":\"England\",\"region_code\":\"\",\"region_name\":\"\",\"old_la_code\":\"\",\"new_la_code\":\"\",\"la_name\":\"\",\"cla_group\":\"Care leavers\",\"care_leaver_age\":\" 17 to 18 years \",\"care_leaver_count\":\"13380\",\"source\":\"$BATS_TEST_TMPDIR/one.csv:2\"}"
}

@test "EES: --breakdown makes a constant column a field; --attribute passes a varying one through" {
	run kpi-ingest --breakdown cla_group --attribute care_leaver_age --measures care_leaver_percent ees_filters.csv
	assert_success
	assert_line --index 0 '{"indicator":"care_leaver_percent","period":"2025","value":"91","area":"England","breakdown":{"cla_group":"Care leavers","breakdown":"Accommodation considered suitable"},"time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","region_code":"","region_name":"","old_la_code":"","new_la_code":"","la_name":"","care_leaver_age":" 17 to 18 years ","care_leaver_count":"13380","source":"ees_filters.csv:2"}'
}

@test "EES: --breakdown and --attribute: a column named by both, a role column are usage errors; a missing column is bad data" {
	run kpi-ingest --breakdown cla_group --attribute cla_group ees_filters.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: ees_filters.csv: column 'cla_group' is named by both --breakdown and --attribute"
	run kpi-ingest --attribute ward ees_filters.csv
	assert_failure 1
	assert_output --partial "kpi-ingest: ees_filters.csv: --attribute: no column 'ward'; columns present: "
	run kpi-ingest --breakdown time_period ees_filters.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: ees_filters.csv: --breakdown: column 'time_period' is the period column"
	run kpi-ingest --breakdown , ees_filters.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: --breakdown: ',' has an empty column name"
}

@test "long: today's string breakdown; --breakdown makes an object of the named columns and the breakdown column" {
	printf 'indicator,period,value,ward,sub_group,note\nA,2019,1,Ashton,Girls,ok\nA,2019,2,Bury,Girls,late\n' >"$BATS_TEST_TMPDIR/l.csv"
	run kpi-ingest "$BATS_TEST_TMPDIR/l.csv"
	assert_success
	assert_line --index 0 "{\"indicator\":\"A\",\"period\":\"2019\",\"value\":\"1\",\"breakdown\":\"Girls\",\"ward\":\"Ashton\",\"note\":\"ok\",\"source\":\"$BATS_TEST_TMPDIR/l.csv:2\"}"
	run kpi-ingest --breakdown ward "$BATS_TEST_TMPDIR/l.csv"
	assert_success
	assert_line --index 1 "{\"indicator\":\"A\",\"period\":\"2019\",\"value\":\"2\",\"breakdown\":{\"ward\":\"Bury\",\"breakdown\":\"Girls\"},\"note\":\"late\",\"source\":\"$BATS_TEST_TMPDIR/l.csv:3\"}"
}

@test "--measures on a plain CSV: the text columns that vary are the breakdown" {
	printf 'Month,LA,Team,Referrals,Assessments\nApr-17,Trafford,North,10,9\nApr-17,Trafford,South,12,\n' >"$BATS_TEST_TMPDIR/m.csv"
	run kpi-ingest --measures all "$BATS_TEST_TMPDIR/m.csv"
	assert_success
	assert_output - <<EOF
{"indicator":"Referrals","period":"Apr-17","value":"10","area":"Trafford","breakdown":{"team":"North"},"source":"$BATS_TEST_TMPDIR/m.csv:2"}
{"indicator":"Assessments","period":"Apr-17","value":"9","area":"Trafford","breakdown":{"team":"North"},"source":"$BATS_TEST_TMPDIR/m.csv:2"}
{"indicator":"Referrals","period":"Apr-17","value":"12","area":"Trafford","breakdown":{"team":"South"},"source":"$BATS_TEST_TMPDIR/m.csv:3"}
EOF
}

@test "a pipe: its first 1,000 rows decide; a later row that breaks a constant column is an error naming the options" {
	run --separate-stderr bash -c "set -o pipefail; ees_turning_at() { $(declare -f ees_turning_at | tail -n +2); }; ees_turning_at 1000 | kpi-ingest >/dev/null"
	assert_failure 1
	[ "$stderr" = "kpi-ingest: -:1002: column 'population_type' is 'Starting to be looked after' here but was 'Looked after on 31 March' on all of the first 1000 rows, so it was read as describing the file (a pipe is judged on its first rows): say --breakdown population_type or --attribute population_type" ]
}

@test "a pipe: --breakdown or --attribute settles it; a file is read whole first and needs neither" {
	ees_turning_at 1000 >"$BATS_TEST_TMPDIR/t.csv"
	run bash -c "set -o pipefail; kpi-ingest --breakdown population_type <'$BATS_TEST_TMPDIR/t.csv' | tail -1"
	assert_success
	assert_output '{"indicator":"children_count","period":"2025","value":"7","area":"England","breakdown":{"population_type":"Starting to be looked after"},"time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","source":"-:1002"}'
	run bash -c "set -o pipefail; cat '$BATS_TEST_TMPDIR/t.csv' | kpi-ingest --attribute population_type | tail -1"
	assert_success
	assert_output --partial '"population_type":"Starting to be looked after","source":"-:1002"}'
	run bash -c "set -o pipefail; kpi-ingest '$BATS_TEST_TMPDIR/t.csv' | sed -n 1p"
	assert_success
	assert_output --partial '"breakdown":{"population_type":"Looked after on 31 March"},'
	# 999 rows then the change: all of them in the first 1,000
	ees_turning_at 999 >"$BATS_TEST_TMPDIR/t999.csv"
	run bash -c "set -o pipefail; cat '$BATS_TEST_TMPDIR/t999.csv' | kpi-ingest | sed -n 1p"
	assert_success
	assert_output --partial '"breakdown":{"population_type":"Looked after on 31 March"},'
}

@test "a pipe: under --keep-going the row that breaks it and the rest are rejected, and counted" {
	ees_turning_at 1000 >"$BATS_TEST_TMPDIR/t.csv"
	echo "2025,Reporting year,National,E92000001,England,Looked after on 31 March,8" >>"$BATS_TEST_TMPDIR/t.csv"
	run --separate-stderr bash -c "set -o pipefail; cat '$BATS_TEST_TMPDIR/t.csv' | kpi-ingest --rejects '$BATS_TEST_TMPDIR/rej' | wc -l"
	assert_output 1000
	[ "${stderr_lines[1]}" = "kpi-ingest: -: the 1 row after the row that changed a constant column rejected with it" ]
	[ "${stderr_lines[2]}" = "kpi-ingest: 1002 records read, 1000 written, 2 rejected" ]
	run jq -r .source "$BATS_TEST_TMPDIR/rej"
	assert_output $'-:1002\n-:1003'
}

@test "EES metadata: col_type decides measures and the breakdown, whatever the values look like" {
	cat >"$BATS_TEST_TMPDIR/d.csv" <<'EOF'
time_period,time_identifier,geographic_level,country_code,country_name,year_group,sex,pupils,version
202425,Academic year,National,E92000001,England,7,Total,100,1
202425,Academic year,National,E92000001,England,8,Total,[z],1
EOF
	printf '\xef\xbb\xbfcol_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\r\nyear_group,Filter,Year group,,,,,\r\nsex,Filter,Sex,,,,,\r\npupils,Indicator,Number of pupils ,,,0,,\r\n' >"$BATS_TEST_TMPDIR/d.meta.csv"
	run kpi-ingest "$BATS_TEST_TMPDIR/d.csv"
	assert_success
	assert_output - <<EOF
{"indicator":"pupils","period":"202425","value":"100","area":"England","breakdown":{"year_group":"7","sex":"Total"},"indicator_label":"Number of pupils","indicator_unit":"","indicator_dp":"0","time_identifier":"Academic year","geographic_level":"National","country_code":"E92000001","country_name":"England","version":"1","source":"$BATS_TEST_TMPDIR/d.csv:2"}
{"indicator":"pupils","period":"202425","value":"[z]","area":"England","breakdown":{"year_group":"8","sex":"Total"},"indicator_label":"Number of pupils","indicator_unit":"","indicator_dp":"0","time_identifier":"Academic year","geographic_level":"National","country_code":"E92000001","country_name":"England","version":"1","source":"$BATS_TEST_TMPDIR/d.csv:3"}
EOF
	# without it, year_group holds numbers: a measure, as version is
	rm "$BATS_TEST_TMPDIR/d.meta.csv"
	run bash -c "set -o pipefail; kpi-ingest '$BATS_TEST_TMPDIR/d.csv' | jq -r .indicator | sort -u | paste -sd,"
	assert_output 'pupils,version,year_group'
}

@test "EES metadata: bad files are bad data; columns it names that the data lacks are left out with a warning" {
	printf 'time_period,time_identifier,geographic_level,country_code,country_name,pupils\n2025,Calendar year,National,E92000001,England,3\n' >"$BATS_TEST_TMPDIR/d.csv"
	printf 'col_name,label\npupils,Pupils\n' >"$BATS_TEST_TMPDIR/d.meta.csv"
	run kpi-ingest "$BATS_TEST_TMPDIR/d.csv"
	assert_failure 1
	assert_output "kpi-ingest: $BATS_TEST_TMPDIR/d.meta.csv:1: EES metadata has no 'col_type' column (needs col_name,col_type)"
	printf 'col_name,col_type\npupils,Indicatr\n' >"$BATS_TEST_TMPDIR/d.meta.csv"
	run kpi-ingest "$BATS_TEST_TMPDIR/d.csv"
	assert_failure 1
	assert_output "kpi-ingest: $BATS_TEST_TMPDIR/d.meta.csv:2: col_type is neither Filter nor Indicator"
	printf 'col_name,col_type\npupils,indicator\nschools,Indicator\n' >"$BATS_TEST_TMPDIR/d.meta.csv"
	run --separate-stderr kpi-ingest "$BATS_TEST_TMPDIR/d.csv"
	assert_success
	assert_output --partial '"indicator":"pupils","period":"2025","value":"3","area":"England","indicator_label":"","indicator_unit":"","indicator_dp":"",'
	[ "$stderr" = "kpi-ingest: $BATS_TEST_TMPDIR/d.meta.csv: columns not in $BATS_TEST_TMPDIR/d.csv, left out: schools" ]
	run kpi-ingest --ees-meta "$BATS_TEST_TMPDIR/none.meta.csv" "$BATS_TEST_TMPDIR/d.csv"
	assert_failure 2
	assert_output "kpi-ingest: $BATS_TEST_TMPDIR/none.meta.csv: No such file or directory"
}

@test "symbols: every DfE/GSS symbol, bare, bracketed or after a number, keeps a column a measure" {
	run kpi-ingest symbols.csv
	assert_success
	[ "${#lines[@]}" -eq 27 ]
	run bash -c "set -o pipefail; kpi-ingest symbols.csv | jq -r '[.indicator, .value] | @tsv' | paste -sd' '"
	assert_output "$(printf '%s\t%s ' bare c bracketed '[c]' flagged 12u bare x bracketed '[x]' flagged '12 u' bare z bracketed '[z]' flagged 3.5U bare u bracketed '[u]' flagged 0u bare k bracketed '[k]' flagged 1 bare low bracketed '[low]' flagged 2 bare : bracketed '[ low ]' flagged 3 bare .. bracketed '[:]' flagged 4 bare . bracketed '[..]' flagged 5 | sed 's/ $//')"
	# the text column with one value passes through
	run bash -c "set -o pipefail; kpi-ingest symbols.csv | sed -n 1p"
	assert_output --partial '"note":"Revised","source":"symbols.csv:2"}'
}

@test "symbols: a bracket around text, or letters after a number, is text: the column is a breakdown field" {
	printf 'time_period,time_identifier,geographic_level,country_code,country_name,a,b,n\n2025,Reporting year,National,E92000001,England,[note],12kg,1\n2025,Reporting year,National,E92000001,England,[c],12,2\n' >"$BATS_TEST_TMPDIR/s.csv"
	run kpi-ingest "$BATS_TEST_TMPDIR/s.csv"
	assert_success
	assert_line --index 0 --partial '"indicator":"n","period":"2025","value":"1","area":"England","breakdown":{"a":"[note]","b":"12kg"},'
	[ "${#lines[@]}" -eq 2 ]
}

@test "periods from headers: the indicator is the header without its year, the period the year as written" {
	run kpi-ingest header_years.csv
	assert_success
	assert_output - <<'EOF'
{"indicator":"Referrals","period":"2019","value":"100","area":"Trafford","publication":"SFR 2021","source":"header_years.csv:2"}
{"indicator":"Referrals","period":"2020","value":"120","area":"Trafford","publication":"SFR 2021","source":"header_years.csv:2"}
{"indicator":"Rate per 10k","period":"2019/20","value":"400.5","area":"Trafford","publication":"SFR 2021","source":"header_years.csv:2"}
{"indicator":"Referrals","period":"2019","value":"x","area":"Wigan","publication":"SFR 2021","source":"header_years.csv:3"}
{"indicator":"Referrals","period":"2020","value":"130","area":"Wigan","publication":"SFR 2021","source":"header_years.csv:3"}
{"indicator":"Rate per 10k","period":"2019/20","value":"[c]","area":"Wigan","publication":"SFR 2021","source":"header_years.csv:3"}
{"indicator":"Rate per 10k","period":"2020/21","value":"410","area":"Wigan","publication":"SFR 2021","source":"header_years.csv:3"}
EOF
}

@test "periods from headers: one year in every header that has one is every measure's period, in its most specific form" {
	# CRLF, a row of empty fields, two unnamed columns empty on every row
	run --separate-stderr kpi-ingest header_one_year.csv
	assert_success
	assert_output - <<'EOF'
{"indicator":"CLA_Mar","period":"Mar2014","value":"350","area":"Trafford","source":"header_one_year.csv:2"}
{"indicator":"CLA","period":"Mar2014","value":"500","area":"Trafford","source":"header_one_year.csv:2"}
{"indicator":"CLA_male","period":"Mar2014","value":"190","area":"Trafford","source":"header_one_year.csv:2"}
{"indicator":"CLA_Mar","period":"Mar2014","value":"c","area":"Wigan","source":"header_one_year.csv:4"}
{"indicator":"CLA","period":"Mar2014","value":"510","area":"Wigan","source":"header_one_year.csv:4"}
{"indicator":"CLA_male","period":"Mar2014","value":"200","area":"Wigan","source":"header_one_year.csv:4"}
EOF
	[ -z "$stderr" ]
}

@test "periods from headers: a measure whose header has none, beside others that differ, is named" {
	printf 'LA,Referrals 2019,Referrals 2020,Assessments\nTrafford,1,2,3\n' >"$BATS_TEST_TMPDIR/h.csv"
	run --separate-stderr kpi-ingest "$BATS_TEST_TMPDIR/h.csv"
	assert_success
	assert_line --index 2 "{\"indicator\":\"Assessments\",\"value\":\"3\",\"area\":\"Trafford\",\"source\":\"$BATS_TEST_TMPDIR/h.csv:2\"}"
	[ "$stderr" = "kpi-ingest: $BATS_TEST_TMPDIR/h.csv:1: 1 measure column carry no period in the header, unlike the others (assessments): their observations have none (see --period)" ]
	run kpi-ingest --period 2021 "$BATS_TEST_TMPDIR/h.csv"
	assert_success
	assert_line --index 2 "{\"indicator\":\"Assessments\",\"period\":\"2021\",\"value\":\"3\",\"area\":\"Trafford\",\"source\":\"$BATS_TEST_TMPDIR/h.csv:2\"}"
}

@test "--period: the period of a file that has none; an error where the file has its own" {
	run kpi-ingest --measures all --period 2024/25 no_period.csv
	assert_success
	assert_output - <<'EOF'
{"indicator":"Referrals","period":"2024/25","value":"100","area":"Trafford","source":"no_period.csv:2"}
{"indicator":"Assessments","period":"2024/25","value":"90","area":"Trafford","source":"no_period.csv:2"}
{"indicator":"Referrals","period":"2024/25","value":"120","area":"Wigan","source":"no_period.csv:3"}
EOF
	run --separate-stderr kpi-ingest --measures all no_period.csv
	assert_success
	assert_line --index 0 '{"indicator":"Referrals","value":"100","area":"Trafford","source":"no_period.csv:2"}'
	[ "$stderr" = "kpi-ingest: no_period.csv:1: no period column and no period in the headers: the observations have none (see --period, --map period=COLUMN)" ]
	printf 'indicator,value\nA,1\n' >"$BATS_TEST_TMPDIR/l.csv"
	run kpi-ingest --period 2019-06 "$BATS_TEST_TMPDIR/l.csv"
	assert_output "{\"indicator\":\"A\",\"period\":\"2019-06\",\"value\":\"1\",\"source\":\"$BATS_TEST_TMPDIR/l.csv:2\"}"
	run kpi-ingest --period 2024 header_one_year.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: header_one_year.csv: --period: the headers give the period of every measure"
	run kpi-ingest --period 2024 header_years.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: header_years.csv: --period: the headers give the periods"
	run kpi-ingest --period 2024 long.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: long.csv: --period: the file has its own periods (month)"
	run kpi-ingest --period 2024 wide.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: wide.csv: --period: the file has its own periods (its header)"
	run kpi-ingest --period '' long.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: --period: the period is empty"
	run kpi-ingest --period 2024 records.ndjson
	assert_failure 2
	assert_line --index 0 "kpi-ingest: records.ndjson: NDJSON records pass through as they are: --period applies to tables (CSV, TSV, JSON documents)"
}

@test "warnings: one line per cause with its count and first place; --verbose prints each" {
	printf 'indicator,period,value\nA,2019,1\nindicator,period,value\nA,2020,2\nindicator,period,value\nindicator,period,value\n' >"$BATS_TEST_TMPDIR/r.csv"
	run --separate-stderr kpi-ingest "$BATS_TEST_TMPDIR/r.csv"
	assert_success
	[ "$stderr" = "kpi-ingest: $BATS_TEST_TMPDIR/r.csv:3: note: header repeated, skipped (3 times; the first here, --verbose lists each)" ]
	run --separate-stderr kpi-ingest --verbose "$BATS_TEST_TMPDIR/r.csv"
	[ "${#stderr_lines[@]}" -eq 3 ]
	[ "${stderr_lines[2]}" = "kpi-ingest: $BATS_TEST_TMPDIR/r.csv:6: note: header repeated, skipped" ]
}
