#!/usr/bin/env bats
# kpi-normalise's fast paths (issue 19) say what the general ones said: the
# duplicate table's arrays per series and its spill table, in any order of
# input; the typed record written straight from the raw text (escapes,
# numbers that are or are not their own shortest text); a source file's
# next line read without a search.
load helper
bats_require_minimum_version 1.5.0

setup() {
	export KPI_CATALOGUE="$DATA/normalise/catalogue.csv"
}

@test "duplicates found in any order: periods backwards, years apart, another area between" {
	cat >"$BATS_TEST_TMPDIR/in.ndjson" <<'EOF'
{"indicator":"cla_count","period":"2017-06","value":"10","area":"Kent","source":"a.csv:2"}
{"indicator":"cla_count","period":"2017-05","value":"11","area":"Kent","source":"a.csv:3"}
{"indicator":"cla_count","period":"2030-01","value":"12","area":"Kent","source":"a.csv:4"}
{"indicator":"cla_count","period":"1990-01","value":"13","area":"Kent","source":"a.csv:5"}
{"indicator":"cla_count","period":"2017-06","value":"10","area":"Surrey","source":"a.csv:6"}
{"indicator":"cla_count","period":"1990-01","value":"13","area":"Kent","source":"b.csv:2"}
{"indicator":"cla_count","period":"2030-01","value":"99","area":"Kent","source":"b.csv:3"}
{"indicator":"cla_count","period":"2017-05","value":"11","numerator":"1","area":"Kent","source":"b.csv:4"}
{"indicator":"cla_count","period":"Jun-17","value":"10.0","area":"Kent","source":"b.csv:5"}
{"indicator":"cla_count","period":"2017-06","value":"10","area":"Surrey","source":"b.csv:6"}
EOF
	run --separate-stderr kpi-normalise --keep-going "$BATS_TEST_TMPDIR/in.ndjson"
	[ "$status" -eq 1 ]
	[ "$stderr" = "kpi-normalise: b.csv:3: duplicate of a.csv:4 (cla_count, period 2030-01) with a different value '99'; if the two are releases, date them with kpi-ingest --released DATE
kpi-normalise: b.csv:2: duplicate with the same value as an earlier record, passed once: a.csv:5 (cla_count, period 1990-01), a.csv:3 (cla_count, period 2017-05), a.csv:2 (cla_count, period 2017-06), a.csv:6 (cla_count, period 2017-06) (4 times; the first here, --verbose lists each)
kpi-normalise: 10 records read, 9 written, 1 rejected" ]
	run bash -c "set -o pipefail; printf '%s\n' '$output' | jq -c '[.area, .period, .value, .source]'"
	assert_output '["Kent","2017-06",10,"a.csv:2"]
["Kent","2017-05",11,"a.csv:3"]
["Kent","2030-01",12,"a.csv:4"]
["Kent","1990-01",13,"a.csv:5"]
["Surrey","2017-06",10,"a.csv:6"]'
}

@test "the earlier source of a duplicate: FILE:LINE, FILE:LINE:COLUMN, a file without a line, the input's line" {
	cat >"$BATS_TEST_TMPDIR/in.ndjson" <<'EOF'
{"indicator":"cla_count","period":"2017","value":"1","area":"Kent","source":"wide.csv:7:KPI 3"}
{"indicator":"cla_count","period":"2018","value":"2","area":"Kent","source":"wide.csv:8"}
{"indicator":"cla_count","period":"2019","value":"3","area":"Kent","source":"pack.csv"}
{"indicator":"cla_count","period":"2020","value":"4","area":"Kent"}
{"indicator":"cla_count","period":"2017","value":"5","area":"Kent","source":"x.csv:2"}
{"indicator":"cla_count","period":"2018","value":"5","area":"Kent","source":"x.csv:3"}
{"indicator":"cla_count","period":"2019","value":"5","area":"Kent","source":"x.csv:4"}
{"indicator":"cla_count","period":"2020","value":"5","area":"Kent","source":"x.csv:5"}
EOF
	run --separate-stderr kpi-normalise --keep-going "$BATS_TEST_TMPDIR/in.ndjson"
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 4 ]
	[ "$stderr" = "kpi-normalise: x.csv:2: duplicate of wide.csv:7:KPI 3 (cla_count, period 2017) with a different value '5'; if the two are releases, date them with kpi-ingest --released DATE
kpi-normalise: x.csv:3: duplicate of wide.csv:8 (cla_count, period 2018) with a different value '5'; if the two are releases, date them with kpi-ingest --released DATE
kpi-normalise: x.csv:4: duplicate of pack.csv (cla_count, period 2019) with a different value '5'; if the two are releases, date them with kpi-ingest --released DATE
kpi-normalise: x.csv:5: duplicate of $BATS_TEST_TMPDIR/in.ndjson:4 (cla_count, period 2020) with a different value '5'; if the two are releases, date them with kpi-ingest --released DATE
kpi-normalise: 8 records read, 4 written, 4 rejected" ]
}

@test "strings written from the raw text: escapes decoded and written again, numbers as their text only when shortest" {
	cat >"$BATS_TEST_TMPDIR/in.ndjson" <<'EOF'
{"indicator":"cla_count","period":"2017","value":"1\u0032","area":"K\u00e9nt","source":"caf\u00e9.csv:2","released":"2020-01-01","ward":"N\"orth"}
{"indicator":"cla_count","period":"2018","value":"035.10","area":"Kent","source":"a\"b.csv:3","w\u0061rd":"South"}
{"indicator":"cla_count","period":"2019","value":35.10,"area":12,"source":"a.csv:4"}
{"indicator":"cla_count","period":"2020","value":"1e3","numerator":"-0","denominator":"0.0000001","area":"Kent","source":"a.csv:5"}
{"indicator":"cla_count","period":"2021","value":"123456789012345678","area":"Kent","source":"a.csv:6"}
{"indicator":"cla_count","period":"2022","value":" 46 ","area":"Kent"}
EOF
	run --separate-stderr kpi-normalise --lenient "$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	assert_line --index 0 '{"indicator":"cla_count","name":"Children looked after","section":"Children in care","unit":"count","polarity":"neutral","order":2,"value":12,"value_raw":"12","numerator":null,"denominator":null,"status":"ok","period":"2017","period_type":"year","period_start":"2017-01-01","period_end":"2017-12-31","period_raw":"2017","area":"K\u00e9nt","breakdown":null,"source":"café.csv:2","released":"2020-01-01","ward":"N\"orth"}'
	assert_line --index 1 '{"indicator":"cla_count","name":"Children looked after","section":"Children in care","unit":"count","polarity":"neutral","order":2,"value":35.1,"value_raw":"035.10","numerator":null,"denominator":null,"status":"ok","period":"2018","period_type":"year","period_start":"2018-01-01","period_end":"2018-12-31","period_raw":"2018","area":"Kent","breakdown":null,"source":"a\"b.csv:3","ward":"South"}'
	assert_line --index 2 '{"indicator":"cla_count","name":"Children looked after","section":"Children in care","unit":"count","polarity":"neutral","order":2,"value":35.1,"value_raw":"35.10","numerator":null,"denominator":null,"status":"ok","period":"2019","period_type":"year","period_start":"2019-01-01","period_end":"2019-12-31","period_raw":"2019","area":12,"breakdown":null,"source":"a.csv:4"}'
	assert_line --index 3 '{"indicator":"cla_count","name":"Children looked after","section":"Children in care","unit":"count","polarity":"neutral","order":2,"value":1000,"value_raw":"1e3","numerator":0,"denominator":1e-07,"status":"ok","period":"2020","period_type":"year","period_start":"2020-01-01","period_end":"2020-12-31","period_raw":"2020","area":"Kent","breakdown":null,"source":"a.csv:5"}'
	assert_line --index 4 '{"indicator":"cla_count","name":"Children looked after","section":"Children in care","unit":"count","polarity":"neutral","order":2,"value":1.2345678901234568e+17,"value_raw":"123456789012345678","numerator":null,"denominator":null,"status":"ok","period":"2021","period_type":"year","period_start":"2021-01-01","period_end":"2021-12-31","period_raw":"2021","area":"Kent","breakdown":null,"source":"a.csv:6"}'
	assert_line --index 5 "{\"indicator\":\"cla_count\",\"name\":\"Children looked after\",\"section\":\"Children in care\",\"unit\":\"count\",\"polarity\":\"neutral\",\"order\":2,\"value\":46,\"value_raw\":\" 46 \",\"numerator\":null,\"denominator\":null,\"status\":\"ok\",\"period\":\"2022\",\"period_type\":\"year\",\"period_start\":\"2022-01-01\",\"period_end\":\"2022-12-31\",\"period_raw\":\"2022\",\"area\":\"Kent\",\"breakdown\":null,\"source\":\"$BATS_TEST_TMPDIR/in.ndjson:6\"}"
	[ "${#lines[@]}" -eq 6 ]
}

@test "a thousand series of one observation each, then each again: one merged warning, one different value" {
	awk 'BEGIN { for (r = 0; r < 2; r++) for (i = 0; i < 1000; i++)
		printf "{\"indicator\":\"cla_count\",\"period\":\"2024\",\"value\":\"%d\",\"area\":\"A%04d\",\"source\":\"s.csv:%d\"}\n",
			i + (r && i == 999), i, r * 1000 + i + 2 }' >"$BATS_TEST_TMPDIR/in.ndjson"
	run --separate-stderr kpi-normalise --keep-going "$BATS_TEST_TMPDIR/in.ndjson"
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1000 ]
	[ "${#stderr_lines[@]}" -eq 3 ]
	[ "${stderr_lines[0]}" = "kpi-normalise: s.csv:2001: duplicate of s.csv:1001 (cla_count, period 2024) with a different value '1000'; if the two are releases, date them with kpi-ingest --released DATE" ]
	[ "${stderr_lines[1]}" = "kpi-normalise: s.csv:1002: duplicate with the same value as an earlier record, passed once: s.csv:2 (cla_count, period 2024), s.csv:3 (cla_count, period 2024), s.csv:4 (cla_count, period 2024), s.csv:5 (cla_count, period 2024), s.csv:6 (cla_count, period 2024) and 994 more (999 times; the first here, --verbose lists each)" ]
	[ "${stderr_lines[2]}" = "kpi-normalise: 2000 records read, 1999 written, 1 rejected" ]
}

@test "a series of 20,000 days read backwards, then again forwards: the second pass adds nothing" {
	awk 'BEGIN { for (i = 20000; i >= 1; i--)
		printf "{\"indicator\":\"cla_count\",\"period\":%d,\"value\":\"%d\",\"area\":\"Kent\",\"source\":\"d.csv:%d\"}\n", 40000 + i, i % 97, 20002 - i
	for (i = 1; i <= 20000; i++)
		printf "{\"indicator\":\"cla_count\",\"period\":%d,\"value\":\"%d\",\"area\":\"Kent\",\"source\":\"e.csv:%d\"}\n", 40000 + i, i % 97 + (i == 12345), i + 1 }' \
		>"$BATS_TEST_TMPDIR/in.ndjson"
	head -n 20000 "$BATS_TEST_TMPDIR/in.ndjson" >"$BATS_TEST_TMPDIR/first.ndjson"
	kpi-normalise --keep-going --period-is-date "$BATS_TEST_TMPDIR/first.ndjson" >"$BATS_TEST_TMPDIR/first.out" 2>/dev/null || true
	run --separate-stderr kpi-normalise --keep-going --period-is-date "$BATS_TEST_TMPDIR/in.ndjson"
	[ "$status" -eq 1 ]
	[ "${stderr_lines[-1]}" = "kpi-normalise: 40000 records read, 38687 written, 1313 rejected" ]
	printf '%s\n' "$output" | cmp - "$BATS_TEST_TMPDIR/first.out"
	# the one changed value of the second pass is found
	printf "%s\n" "${stderr_lines[@]}" | grep -F "kpi-normalise: e.csv:12346: duplicate of d.csv:7657 " >/dev/null
}
