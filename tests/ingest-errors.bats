#!/usr/bin/env bats
# kpi-ingest: bad input, its messages and exit statuses, --keep-going counts.
load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$DATA/ingest"
}

@test "ragged row: data error naming FILE:LINE, output up to it kept" {
	run --separate-stderr kpi-ingest ragged.csv
	assert_failure 1
	assert_output '{"indicator":"A","period":"2019","value":"1","area":"X","team":"T","source":"ragged.csv:2"}'
	[ "$stderr" = "kpi-ingest: ragged.csv:3: row has 3 fields, header has 5" ]
}

@test "ragged rows with --keep-going: counts add up, rejects are {source, reason, line}" {
	run --separate-stderr kpi-ingest --rejects "$BATS_TEST_TMPDIR/rej.ndjson" ragged.csv
	assert_failure 1
	assert_output - <<'EOF'
{"indicator":"A","period":"2019","value":"1","area":"X","team":"T","source":"ragged.csv:2"}
{"indicator":"A","period":"2021","value":"3","area":"X","team":"T","source":"ragged.csv:4"}
{"indicator":"A","period":"2023","value":"5","area":"X","team":"T","source":"ragged.csv:6"}
EOF
	[ "$stderr" = "kpi-ingest: ragged.csv:3: row has 3 fields, header has 5
kpi-ingest: ragged.csv:5: row has 6 fields, header has 5
kpi-ingest: 5 records read, 3 written, 2 rejected" ]
	run cat "$BATS_TEST_TMPDIR/rej.ndjson"
	assert_output - <<'EOF'
{"source":"ragged.csv:3","reason":"row has 3 fields, header has 5","line":"A,2020,2"}
{"source":"ragged.csv:5","reason":"row has 6 fields, header has 5","line":"A,2022,4,X,T,extra"}
EOF
}

@test "--keep-going without --rejects still counts" {
	run --separate-stderr kpi-ingest --keep-going ragged.csv
	assert_failure 1
	[ "${#lines[@]}" -eq 3 ]
	[ "${stderr##*$'\n'}" = "kpi-ingest: 5 records read, 3 written, 2 rejected" ]
}

@test "unterminated quote at end of file: data error at the line the record starts" {
	run --separate-stderr kpi-ingest unterminated.csv
	assert_failure 1
	assert_output '{"indicator":"A","period":"2019","value":"1","source":"unterminated.csv:2"}'
	[ "$stderr" = "kpi-ingest: unterminated.csv:3: unterminated quoted field" ]
}

@test "unterminated quote with --rejects: the record's lines are kept" {
	run --separate-stderr kpi-ingest --rejects "$BATS_TEST_TMPDIR/rej.ndjson" unterminated.csv
	assert_failure 1
	run cat "$BATS_TEST_TMPDIR/rej.ndjson"
	assert_output '{"source":"unterminated.csv:3","reason":"unterminated quoted field","line":"A,2020,\"open\nB,2021,3"}'
}

@test "a stray quote in an unquoted field is a data error" {
	printf 'indicator,period,value\nA,2019,12"\n' >"$BATS_TEST_TMPDIR/q.csv"
	run --separate-stderr kpi-ingest "$BATS_TEST_TMPDIR/q.csv"
	assert_failure 1
	[ "$stderr" = "kpi-ingest: $BATS_TEST_TMPDIR/q.csv:2: stray quote in an unquoted field" ]
}

@test "invalid UTF-8: data error naming the byte and its offset, never mangled" {
	run --separate-stderr kpi-ingest bad_utf8.csv
	assert_failure 1
	assert_output '{"indicator":"A","period":"2019","value":"1","source":"bad_utf8.csv:2"}'
	[ "$stderr" = "kpi-ingest: bad_utf8.csv:3: invalid UTF-8 (byte 0xe9 at byte offset 42)" ]
}

@test "invalid UTF-8 with --keep-going: rejected with the byte as \\u00e9, reading goes on" {
	run --separate-stderr kpi-ingest --rejects "$BATS_TEST_TMPDIR/rej.ndjson" bad_utf8.csv
	assert_failure 1
	assert_line --index 1 '{"indicator":"A","period":"2021","value":"3","source":"bad_utf8.csv:4"}'
	[ "${stderr##*$'\n'}" = "kpi-ingest: 3 records read, 2 written, 1 rejected" ]
	run cat "$BATS_TEST_TMPDIR/rej.ndjson"
	assert_output '{"source":"bad_utf8.csv:3","reason":"invalid UTF-8 (byte 0xe9 at byte offset 42)","line":"A,2020,caf\u00e9"}'
}

@test "Windows-1252 bytes read as UTF-8 are an error; --encoding fixes it" {
	run --separate-stderr kpi-ingest cp1252.csv
	assert_failure 1
	[ "$stderr" = "kpi-ingest: cp1252.csv:2: invalid UTF-8 (byte 0xe9 at byte offset 40)" ]
	run kpi-ingest -e cp1252 cp1252.csv
	assert_success
}

@test "a bad header is a data error" {
	printf 'indicator,"period\n' >"$BATS_TEST_TMPDIR/h.csv"
	run --separate-stderr kpi-ingest "$BATS_TEST_TMPDIR/h.csv"
	assert_failure 1
	[ "$stderr" = "kpi-ingest: $BATS_TEST_TMPDIR/h.csv:1: unterminated quoted field" ]
}

@test "NDJSON: a bad line is a data error; --keep-going carries on" {
	printf '{"a":1}\n{"a":\n[1]\n{"b":2}\n' >"$BATS_TEST_TMPDIR/bad.ndjson"
	run --separate-stderr kpi-ingest --keep-going "$BATS_TEST_TMPDIR/bad.ndjson"
	assert_failure 1
	assert_output - <<EOF
{"a":1,"source":"$BATS_TEST_TMPDIR/bad.ndjson:1"}
{"b":2,"source":"$BATS_TEST_TMPDIR/bad.ndjson:4"}
EOF
	[ "${stderr##*$'\n'}" = "kpi-ingest: 4 records read, 2 written, 2 rejected" ]
}

@test "a missing file is exit 2" {
	run --separate-stderr kpi-ingest long.csv no-such.csv
	assert_failure 2
	[ "$stderr" = "kpi-ingest: no-such.csv: No such file or directory" ]
}

@test "usage errors: bad --format, --wide with --measures" {
	run kpi-ingest --format xml long.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: --format: 'xml' is not auto, csv, tsv, ndjson or json"
	run kpi-ingest --wide --measures all long.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: --wide and --measures cannot be used together"
	run kpi-ingest --filter novalue long.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: --filter: 'novalue' is not COLUMN=VALUE"
}

@test "output to a full disk is exit 2; a closed pipe is quiet" {
	[ -w /dev/full ] || skip "/dev/full is absent"
	run bash -c 'kpi-ingest long.csv >/dev/full'
	assert_failure 2
	assert_output --partial "kpi-ingest: write error on standard output"
	run bash -c 'set -o pipefail; awk "BEGIN { print \"indicator,period,value\"; for (i = 0; i < 200000; i++) print \"A,\" i \",1\" }" | kpi-ingest | head -1'
	assert_output '{"indicator":"A","period":"0","value":"1","source":"-:2"}'
}
