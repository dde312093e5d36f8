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

# --- NUL and control characters (issue 18) --------------------------------------

@test "a terminal escape in a CSV field is bad data at its line, and no message carries it" {
	run --separate-stderr bash -c "set -o pipefail; printf 'indicator,period,value\ncla_count,2024-01,\033]0;pwned\007\n' | kpi-ingest -f csv | kpi-normalise"
	assert_failure 1
	assert_output ""
	[ "$stderr" = "kpi-ingest: -:2: control character U+001B at byte offset 41" ]
}

@test "an indicator cla_count<NUL>x is bad data, not cla_count" {
	printf 'indicator,period,value\ncla_count,2024-01,5\ncla_count\0x,2024-01,6\n' >"$BATS_TEST_TMPDIR/nul.csv"
	cd "$BATS_TEST_TMPDIR"
	run --separate-stderr bash -c "set -o pipefail; kpi-ingest nul.csv | kpi-normalise | kpi-trend"
	assert_failure 1
	[ "$stderr" = "kpi-ingest: nul.csv:3: NUL byte at byte offset 52" ]
	# with --keep-going the good record goes on alone: nothing merges into cla_count
	run --separate-stderr bash -c "set -o pipefail; kpi-ingest --keep-going nul.csv | kpi-normalise | kpi-trend"
	assert_failure 1
	[ "$(jq -r '[.indicator, .value] | @tsv' <<<"$output")" = "cla_count	5" ]
}

@test "TAB, CR and text after them pass; DEL and C1 controls do not" {
	printf 'indicator,period,value,note\ncla_count,2024-01,5,"a\tb\rc"\n' >"$BATS_TEST_TMPDIR/ok.csv"
	run --separate-stderr kpi-ingest "$BATS_TEST_TMPDIR/ok.csv"
	assert_success
	[ "$(jq -r .note <<<"$output")" = "$(printf 'a\tb\rc')" ]
	printf 'indicator,period,value,note\ncla_count,2024-01,5,x\177\n' >"$BATS_TEST_TMPDIR/del.csv"
	cd "$BATS_TEST_TMPDIR"
	run --separate-stderr kpi-ingest del.csv
	assert_failure 1
	[ "$stderr" = "kpi-ingest: del.csv:2: control character U+007F at byte offset 49" ]
	# Windows-1252: byte 0x81 is the C1 control U+0081; the offset counts the file's bytes
	printf 'indicator,period,value,note\ncla_count,2024-01,5,\351t\351\201\n' >w.csv
	run --separate-stderr kpi-ingest --encoding windows-1252 w.csv
	assert_failure 1
	[ "$stderr" = "kpi-ingest: w.csv:2: control character U+0081 at byte offset 51" ]
}

@test "NDJSON: a control character written as an escape is bad data, an escaped backslash is not" {
	cd "$BATS_TEST_TMPDIR"
	{
		echo '{"indicator":"cla_count","period":"2024-01","value":"5","note":"a \\u0000 is text, so is \\\\u001b"}'
		echo '{"indicator":"cla_count","period":"2024-02","value":"6","area":"K\u0000nt"}'
		echo '{"indicator":"cla_count","period":"2024-03","value":"7","meta":{"n":["\f"]}}'
		echo '{"indicator":"cla_count","period":"2024-04","value":"8","note":"tab\tnewline\nreturn\r"}'
	} >esc.ndjson
	run --separate-stderr kpi-ingest --rejects rej.ndjson esc.ndjson
	assert_failure 1
	[ "$stderr" = "kpi-ingest: esc.ndjson:2: NUL byte at column 66
kpi-ingest: esc.ndjson:3: control character U+000C at column 71
kpi-ingest: 4 records read, 2 written, 2 rejected" ]
	[ "$(jq -r .period <<<"$output" | tr '\n' ' ')" = "2024-01 2024-04 " ]
}

@test "messages escape what they quote: a file name with an escape or a newline stays one harmless line" {
	cd "$BATS_TEST_TMPDIR"
	run --separate-stderr kpi-ingest "$(printf 'no\033]0;x\a.csv')" "$(printf 'two\nlines.csv')"
	assert_failure 2
	[ "$stderr" = 'kpi-ingest: no\x1b]0;x\x07.csv: No such file or directory' ]
	# a record's source (FILE:LINE from upstream) is data too
	echo '{"indicator":"cla_count","period":"2024-13","value":"5","source":"a\u001b[2Jb.csv:9"}' >src.ndjson
	run --separate-stderr kpi-normalise src.ndjson
	assert_failure 1
	[[ $stderr == 'kpi-normalise: a\x1b[2Jb.csv:9: invalid period "2024-13"'* ]]
}

# --- a column an option names that the file lacks ------------------------------

@test "a column named by --map, --breakdown, --attribute, --filter or --measures that is not in the file: bad data, exit 1" {
	# the options are well formed; what is wrong is this file (a release that
	# renamed a column), so each is exit 1 naming the closest columns present
	present="columns present: la, team, value, measure, month, numerator, denominator"
	for opt in --map=area=ward --breakdown=ward --attribute=ward --filter=ward=North --measures=ward; do
		run --separate-stderr kpi-ingest "$opt" long.csv
		assert_failure 1
		assert_output ''
		[ "$stderr" = "kpi-ingest: long.csv: ${opt%%=*}: no column 'ward'; $present" ]
	done
}
