#!/usr/bin/env bats
# kpi-ingest: shapes and dialects (fixtures in tests/data/ingest/).
load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$DATA/ingest"
}

@test "long: synonyms found case-insensitively, other columns pass through" {
	run kpi-ingest long.csv
	assert_success
	assert_output - <<'EOF'
{"indicator":"CLA rate","period":"Apr-17","value":"61.2","numerator":"350","denominator":"57190","area":"Trafford","team":"North","source":"long.csv:2"}
{"indicator":"CLA rate","period":"May-17","value":"c","numerator":"","denominator":"","area":"Trafford","team":"North","source":"long.csv:3"}
EOF
}

@test "long: the area is trimmed of the spaces around it, other values are as written" {
	run bash -c "set -o pipefail; printf 'area,indicator,period,value,team\r\n  North East ,x, 2024,1 ,\" A \"\r\n\" \",x,2024,2,B\r\n' | kpi-ingest"
	assert_success
	assert_output - <<'EOF'
{"indicator":"x","period":" 2024","value":"1 ","area":"North East","team":" A ","source":"-:2"}
{"indicator":"x","period":"2024","value":"2","area":"","team":"B","source":"-:3"}
EOF
	# --map names another column the area: trimmed the same
	run bash -c "set -o pipefail; printf 'ward,indicator,period,value\n Hale ,x,2024,1\n' | kpi-ingest --map area=ward"
	assert_output '{"indicator":"x","period":"2024","value":"1","area":"Hale","source":"-:2"}'
}

@test "long: --map overrides the synonyms" {
	run kpi-ingest --map area=team --map indicator=Measure long.csv
	assert_success
	assert_line --index 0 '{"indicator":"CLA rate","period":"Apr-17","value":"61.2","numerator":"350","denominator":"57190","area":"North","la":"Trafford","source":"long.csv:2"}'
}

@test "long: a mapped column is not also taken by a synonym; the last --map of a field wins" {
	run kpi-ingest --map indicator=LA --map area=Team --map area=Measure long.csv
	assert_success
	assert_line --index 0 '{"indicator":"Trafford","period":"Apr-17","value":"61.2","numerator":"350","denominator":"57190","area":"CLA rate","team":"North","source":"long.csv:2"}'
}

@test "long: --map to a missing column is bad data, exit 1" {
	run kpi-ingest --map area=ward long.csv
	assert_failure 1
	assert_output "kpi-ingest: long.csv: --map: no column 'ward'; columns present: la, team, value, measure, month, numerator, denominator"
}

@test "long: --map with an unknown field is a usage error" {
	run kpi-ingest --map colour=Team long.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: --map: 'colour' is not a field (indicator, period, value, numerator, denominator, area, breakdown)"
}

@test "dialect: quoted commas, doubled quotes, newlines, blank lines, trailing spaces" {
	run kpi-ingest quoted.csv
	assert_success
	assert_output - <<'EOF'
{"indicator":"Re-referrals, 12 months","period":"2016/17","value":"23.5%","note":"said \"ok\"","source":"quoted.csv:3"}
{"indicator":"Two\nlines","period":"2017/18","value":"..","note":"trailing space ","source":"quoted.csv:4"}
EOF
}

@test "dialect: UTF-8 BOM and CRLF" {
	run kpi-ingest bom_crlf.csv
	assert_success
	assert_output - <<'EOF'
{"indicator":"A","period":"2019","value":"1","source":"bom_crlf.csv:2"}
{"indicator":"B","period":"2020","value":"2","source":"bom_crlf.csv:3"}
EOF
}

@test "dialect: classic Mac line ends (CR only), with a quoted line break" {
	printf 'indicator,period,value,note\r"A",2019,1,"two\rlines"\rB,2020,2,x\r' >"$BATS_TEST_TMPDIR/mac.csv"
	run kpi-ingest "$BATS_TEST_TMPDIR/mac.csv"
	assert_success
	assert_output - <<EOF
{"indicator":"A","period":"2019","value":"1","note":"two\\nlines","source":"$BATS_TEST_TMPDIR/mac.csv:2"}
{"indicator":"B","period":"2020","value":"2","note":"x","source":"$BATS_TEST_TMPDIR/mac.csv:4"}
EOF
}

@test "dialect: standard input is named -" {
	run bash -c 'kpi-ingest < bom_crlf.csv'
	assert_success
	assert_line --index 1 '{"indicator":"B","period":"2020","value":"2","source":"-:3"}'
	run bash -c 'cat long.tsv | kpi-ingest -'
	assert_output '{"indicator":"A","period":"2019","value":"1,5","source":"-:2"}'
}

@test "dialect: TSV by extension, by sniffing, and by --format" {
	run kpi-ingest long.tsv
	assert_output '{"indicator":"A","period":"2019","value":"1,5","source":"long.tsv:2"}'
	run kpi-ingest sniffed.txt
	assert_output '{"indicator":"A","period":"2019","value":"7","source":"sniffed.txt:2"}'
	run kpi-ingest --format tsv sniffed.txt
	assert_output '{"indicator":"A","period":"2019","value":"7","source":"sniffed.txt:2"}'
}

@test "dialect: semicolons sniffed, and --delimiter" {
	run kpi-ingest semicolon.txt
	assert_output '{"indicator":"A","period":"2019","value":"7","source":"semicolon.txt:2"}'
	run kpi-ingest --delimiter ';' semicolon.txt
	assert_output '{"indicator":"A","period":"2019","value":"7","source":"semicolon.txt:2"}'
	run kpi-ingest --delimiter ',' semicolon.txt
	assert_output --partial '"indicator_period_value":"A;2019;7"'
}

@test "dialect: --delimiter must be one byte" {
	run kpi-ingest --delimiter '::' long.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: --delimiter: '::' is not one byte (or 'tab')"
}

@test "dialect: --encoding windows-1252 converts" {
	run kpi-ingest --encoding windows-1252 cp1252.csv
	assert_success
	assert_output '{"indicator":"A","period":"2019","value":"1","area":"Café Town","source":"cp1252.csv:2"}'
}

@test "dialect: an unknown --encoding is a usage error" {
	run kpi-ingest --encoding latin-9 cp1252.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: --encoding: 'latin-9' is not utf-8 or windows-1252"
}

@test "header: snake_case, column_N for empty names, _2 for duplicates with one warning" {
	run --separate-stderr kpi-ingest dup_header.csv
	assert_success
	assert_output '{"indicator":"A","period":"2019","value":"1","value_2":"one","column_5":"x","note":"n1","note_2":"n2","source":"dup_header.csv:2"}'
	[ "$stderr" = "kpi-ingest: dup_header.csv:1: duplicate column names renamed: column 4 'value' -> value_2, column 7 'note' -> note_2" ]
}

@test "header: repeated mid-file is skipped with a note" {
	run --separate-stderr kpi-ingest repeated_header.csv
	assert_success
	assert_output - <<'EOF'
{"indicator":"A","period":"2019","value":"1","source":"repeated_header.csv:2"}
{"indicator":"A","period":"2020","value":"2","source":"repeated_header.csv:4"}
EOF
	[ "$stderr" = "kpi-ingest: repeated_header.csv:3: note: header repeated, skipped" ]
}

@test "header: a column named like a field kpi-ingest sets is renamed" {
	run --separate-stderr kpi-ingest sources.csv
	assert_success
	assert_output '{"indicator":"A","period":"2019","value":"1","source_2":"survey","source":"sources.csv:2"}'
	[ "$stderr" = "kpi-ingest: sources.csv:1: columns renamed, as kpi-ingest sets these fields: source -> source_2" ]
}

@test "header only, empty file, blank lines only: no output, exit 0" {
	run kpi-ingest header_only.csv empty.csv
	assert_success
	assert_output ""
	run bash -c 'printf "\n\n" | kpi-ingest'
	assert_success
	assert_output ""
}

@test "wide: period headers detected, one record per non-empty cell with FILE:LINE:COLUMN" {
	run kpi-ingest wide.csv
	assert_success
	assert_output - <<'EOF'
{"indicator":"Referrals","period":"Apr-16","value":"100","source":"wide.csv:2:2"}
{"indicator":"Referrals","period":"Jun-16","value":"120","source":"wide.csv:2:4"}
{"indicator":"Re-referrals %","period":"Apr-16","value":"23.5%","source":"wide.csv:3:2"}
{"indicator":"Re-referrals %","period":"May-16","value":"c","source":"wide.csv:3:3"}
{"indicator":"Re-referrals %","period":"Jun-16","value":"21","source":"wide.csv:3:4"}
EOF
}

@test "wide: financial years, with an area column" {
	run kpi-ingest wide_years.csv
	assert_success
	assert_output - <<'EOF'
{"indicator":"KS2 RWM","period":"2019/20","value":"65","area":"Trafford","source":"wide_years.csv:2:3"}
{"indicator":"KS2 RWM","period":"2020/21","value":"NA","area":"Trafford","source":"wide_years.csv:2:4"}
EOF
}

@test "wide: --long turns detection off" {
	run --separate-stderr kpi-ingest --long wide_years.csv
	assert_success
	[ "$stderr" = "kpi-ingest: wide_years.csv:1: no value column found: rows pass through as they are (see --map, --measures, --wide)" ]
	assert_output '{"indicator":"KS2 RWM","area":"Trafford","2019_20":"65","2020_21":"NA","source":"wide_years.csv:2"}'
}

@test "wide: --wide forces it when headers do not look like periods" {
	printf 'kpi,first,second\nA,1,2\n' >"$BATS_TEST_TMPDIR/w.csv"
	run kpi-ingest --wide "$BATS_TEST_TMPDIR/w.csv"
	assert_success
	assert_output - <<EOF
{"indicator":"A","period":"first","value":"1","source":"$BATS_TEST_TMPDIR/w.csv:2:2"}
{"indicator":"A","period":"second","value":"2","source":"$BATS_TEST_TMPDIR/w.csv:2:3"}
EOF
}

@test "EES: every measure column melts; area is the most specific name; codes pass through" {
	run kpi-ingest ees.csv
	assert_success
	assert_line --index 0 '{"indicator":"referral_count","period":"2025","value":"632830","area":"England","time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","region_code":"","region_name":"","old_la_code":"","new_la_code":"","la_name":"","category":"Referrals","source":"ees.csv:2"}'
	assert_line --index 3 --partial '"value":"20.7","area":"North East",'
	assert_line --index 5 '{"indicator":"rereferral_percent","period":"2025","value":"c","area":"Darlington","time_identifier":"Reporting year","geographic_level":"Local authority","country_code":"E92000001","country_name":"England","region_code":"E12000001","region_name":"North East","old_la_code":"841","new_la_code":"E06000005","la_name":"Darlington","category":"Referrals","source":"ees.csv:4"}'
	[ "${#lines[@]}" -eq 6 ]
}

@test "EES: --measures, --filter and --indicator-prefix" {
	run kpi-ingest --measures rereferral_percent --filter 'geographic_level=Local authority' \
		--filter geographic_level=National --indicator-prefix c1_ ees.csv
	assert_success
	assert_output - <<'EOF'
{"indicator":"c1_rereferral_percent","period":"2025","value":"22.6","area":"England","time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","region_code":"","region_name":"","old_la_code":"","new_la_code":"","la_name":"","category":"Referrals","referral_count":"632830","source":"ees.csv:2"}
{"indicator":"c1_rereferral_percent","period":"2025","value":"c","area":"Darlington","time_identifier":"Reporting year","geographic_level":"Local authority","country_code":"E92000001","country_name":"England","region_code":"E12000001","region_name":"North East","old_la_code":"841","new_la_code":"E06000005","la_name":"Darlington","category":"Referrals","referral_count":"1240","source":"ees.csv:4"}
EOF
}

@test "EES: --map area=new_la_code takes the area from the code column" {
	run kpi-ingest --measures referral_count --filter 'geographic_level=Local authority' --map area=new_la_code ees.csv
	assert_success
	assert_output '{"indicator":"referral_count","period":"2025","value":"1240","area":"E06000005","time_identifier":"Reporting year","geographic_level":"Local authority","country_code":"E92000001","country_name":"England","region_code":"E12000001","region_name":"North East","old_la_code":"841","la_name":"Darlington","category":"Referrals","rereferral_percent":"c","source":"ees.csv:4"}'
}

@test "EES: --measures with an unknown column matches nothing: exit 1, the closest columns named" {
	run kpi-ingest --measures rereferral_pct ees.csv
	assert_failure 1
	assert_output "kpi-ingest: ees.csv: --measures: no column 'rereferral_pct'; columns present: rereferral_percent, referral_count, region_name, category, new_la_code, region_code, time_period, country_code, country_name, geographic_level, ... (13 in all)"
}

@test "--measures on a plain CSV melts the named columns" {
	run --separate-stderr kpi-ingest --measures Numerator,Denominator --filter Month=Apr-17 long.csv
	assert_success
	assert_output - <<'EOF'
{"indicator":"Numerator","period":"Apr-17","value":"350","area":"Trafford","measure":"CLA rate","value_2":"61.2","team":"North","source":"long.csv:2"}
{"indicator":"Denominator","period":"Apr-17","value":"57190","area":"Trafford","measure":"CLA rate","value_2":"61.2","team":"North","source":"long.csv:2"}
EOF
	[ "$stderr" = "kpi-ingest: long.csv:1: columns renamed, as kpi-ingest sets these fields: value -> value_2" ]
}

@test "--filter keeps matching rows of a long file" {
	run kpi-ingest --filter Month=May-17 long.csv
	assert_success
	assert_output --partial '"period":"May-17"'
	[ "${#lines[@]}" -eq 1 ]
}

@test "NDJSON: objects pass through, source added where missing, blank lines skipped" {
	run kpi-ingest records.ndjson
	assert_success
	assert_output - <<'EOF'
{"indicator":"A","period":"2019","value":"1","source":"records.ndjson:1"}
{"indicator":"B","period":"2020","value":null,"source":"upstream.csv:9"}
{"source":"records.ndjson:4"}
EOF
}

@test "NDJSON: sniffed on standard input" {
	run bash -c 'head -1 records.ndjson | kpi-ingest'
	assert_success
	assert_output '{"indicator":"A","period":"2019","value":"1","source":"-:1"}'
}

@test "several files, each with its own header" {
	run kpi-ingest bom_crlf.csv long.tsv
	assert_success
	assert_output - <<'EOF'
{"indicator":"A","period":"2019","value":"1","source":"bom_crlf.csv:2"}
{"indicator":"B","period":"2020","value":"2","source":"bom_crlf.csv:3"}
{"indicator":"A","period":"2019","value":"1,5","source":"long.tsv:2"}
EOF
}

@test "a huge field passes whole" {
	awk 'BEGIN { printf "indicator,period,value\nA,2019,\""; for (i = 0; i < 200000; i++) printf "x"; print "\"" }' >"$BATS_TEST_TMPDIR/huge.csv"
	run bash -c "set -o pipefail; kpi-ingest '$BATS_TEST_TMPDIR/huge.csv' | wc -c"
	assert_success
	# 200,000 x plus the rest of the record
	[ "$output" -gt 200000 ]
	[ "$output" -lt 200100 ]
}

@test "dialect: a .csv file with semicolons (European Excel) is read by its first line" {
	cp semicolon.txt "$BATS_TEST_TMPDIR/eu.csv"
	run kpi-ingest "$BATS_TEST_TMPDIR/eu.csv"
	assert_success
	assert_output "{\"indicator\":\"A\",\"period\":\"2019\",\"value\":\"7\",\"source\":\"$BATS_TEST_TMPDIR/eu.csv:2\"}"
}

@test "a NUL byte in a field is bad data at its line, not text cut short (issue 18)" {
	printf 'indicator,period,value\nA,2019,1\0002\nA,2020,3\n' >"$BATS_TEST_TMPDIR/nul.csv"
	run --separate-stderr kpi-ingest "$BATS_TEST_TMPDIR/nul.csv"
	assert_failure 1
	assert_output ""
	[ "$stderr" = "kpi-ingest: $BATS_TEST_TMPDIR/nul.csv:2: NUL byte at byte offset 31" ]
}

@test "NDJSON: --encoding windows-1252 converts too" {
	printf '{"area":"Caf\xe9"}\n' >"$BATS_TEST_TMPDIR/w.ndjson"
	run kpi-ingest -e windows-1252 "$BATS_TEST_TMPDIR/w.ndjson"
	assert_success
	assert_output "{\"area\":\"Café\",\"source\":\"$BATS_TEST_TMPDIR/w.ndjson:1\"}"
}

@test "memory stays flat: 100x the rows, about the same peak RSS" {
	[ -x /usr/bin/time ] || skip "/usr/bin/time is absent"
	awk -v rows=3000 -f "$REPO/bench/gen-long-csv.awk" >"$BATS_TEST_TMPDIR/small.csv"
	awk -v rows=300000 -f "$REPO/bench/gen-long-csv.awk" >"$BATS_TEST_TMPDIR/big.csv"
	small=$(/usr/bin/time -f %M kpi-ingest "$BATS_TEST_TMPDIR/small.csv" 2>&1 >/dev/null)
	big=$(/usr/bin/time -f %M kpi-ingest "$BATS_TEST_TMPDIR/big.csv" 2>&1 >/dev/null)
	echo "peak RSS KB: $small for 3,000 rows, $big for 300,000"
	# the big file is ~11 MB: reading it whole would show
	[ $((big - small)) -lt 4096 ]
}
