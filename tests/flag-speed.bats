#!/usr/bin/env bats
# kpi-flag's fast paths (issue 19) give what the slow ones gave: fields
# passed through in runs copied from the line, the history read from its end,
# a buffered line not validated twice, --benchmark-area keeping its own
# area's points alone.  The history walk backwards and the nested reads are
# checked against the forward ones in tests/unit/test_record_keys.c.
load helper
bats_require_minimum_version 1.5.0

base="$DATA/flag/base.ndjson"

# The same summary written with spaces between every token (jq's indented
# form on one line).
spaced() { jq --indent 1 . "$1" | tr -d '\n'; echo; }

@test "flag-speed: fields passed through in runs: an escaped key, spaces and kpi-flag's own fields read as the tight summary" {
	jq -c . "$base" >"$BATS_TEST_TMPDIR/tight.ndjson"
	kpi-flag "$BATS_TEST_TMPDIR/tight.ndjson" >"$BATS_TEST_TMPDIR/tight.out"
	# "ward" as "w\u0061rd": written back as "ward"
	sed 's/"ward":/"w\\u0061rd":/' "$BATS_TEST_TMPDIR/tight.ndjson" >"$BATS_TEST_TMPDIR/escaped.ndjson"
	# the judged fields of an earlier run among the others: replaced
	jq -c 'to_entries | .[:5] + [{"key":"rag","value":"red"}] + .[5:9] + [{"key":"flags","value":["x"]}] + .[9:] | from_entries' \
		"$base" >"$BATS_TEST_TMPDIR/own.ndjson"
	for f in escaped own; do
		run kpi-flag "$BATS_TEST_TMPDIR/$f.ndjson"
		assert_success
		assert_output "$(cat "$BATS_TEST_TMPDIR/tight.out")"
	done
	run bash -c "set -o pipefail; kpi-flag '$BATS_TEST_TMPDIR/own.ndjson' | jq -c 'keys_unsorted | .[:6], .[-6:]'"
	assert_output '["indicator","name","section","unit","polarity","order"]
["movement","movement_basis","movement_band","assessment","reasons","flags"]'
	# spaces between the fields: the record is written tight, a nested
	# value as it was given
	spaced "$base" >"$BATS_TEST_TMPDIR/spaced.ndjson"
	run bash -c "set -o pipefail; kpi-flag '$BATS_TEST_TMPDIR/spaced.ndjson' | tee '$BATS_TEST_TMPDIR/spaced.out' | jq -c ."
	assert_output "$(jq -c . "$BATS_TEST_TMPDIR/tight.out")"
	run grep -c '^{"indicator":"cla_visits_in_time_pct","name":"Children in care visited within timescale",.*"previous":{  "period": "2024-02",  "value": 80.1,' "$BATS_TEST_TMPDIR/spaced.out"
	assert_output 1
}

@test "flag-speed: the run before the latest, read from the history's end past a missing point" {
	# the latest (2024-03) is not the last point; before it three rises,
	# then a point that is no object; a string with brackets and quotes in a point
	jq -c '.history = [{"period":"2023-09","value":90},"x]",{"period":"2023-11","value":70,"note":"a \"]}, [x"},
		{"period":"2023-12","value":74},{"period":"2024-01","value":77},{"period":"2024-02","value":80.1},
		{"period":"2024-03","value":78.2},{"period":"2024-04","value":null,"status":"missing"}] | .window.is_low = false' \
		"$base" >"$BATS_TEST_TMPDIR/in.ndjson"
	spaced "$BATS_TEST_TMPDIR/in.ndjson" >"$BATS_TEST_TMPDIR/spaced.ndjson"
	for f in in spaced; do
		run kpi-flag --explain "$BATS_TEST_TMPDIR/$f.ndjson"
		assert_success
		assert_output 'cla_visits_in_time_pct (Northbridge): improvement: slightly down from 80.1% in Feb 24 to 78.2%; but improving for 3 months before that'
	done
	# the point before the run is no object: the run is two rises, too short
	run bash -c "set -o pipefail; jq -c '.history[3] = 7' '$BATS_TEST_TMPDIR/in.ndjson' | kpi-flag | jq -c '[.assessment, .reasons]'"
	assert_output '["issue",["latest_worsening"]]'
	# a suppressed last point: no judgement
	run bash -c "set -o pipefail; jq -c '.history[-1].status = \"suppressed\"' '$BATS_TEST_TMPDIR/in.ndjson' | kpi-flag | jq -c '[.assessment, .reasons]'"
	assert_output '["no_data",["suppressed_latest"]]'
}

@test "flag-speed: a buffered run rejects the lines a streaming one rejects, with the same messages" {
	{
		cat "$base"
		sed 's/"high":{"value":88,/"high":{"value":88,"value":2,/' "$base"
		printf '%s\n' '{"indicator":"x","history":[{"period":"2024-01","value":1},{"period":"2024-02"'
		sed 's/"ward":"North"/"ward":"N\xffrth"/' "$base"
		jq -c '.history[0].period = "2023-04\u0000"' "$base"
		sed 's/{"period":"2023-04","value":83}/{"period":"2023-04","value":83,"period":"2023-05"}/' "$base"
	} >"$BATS_TEST_TMPDIR/in.ndjson"
	kpi-flag --keep-going "$BATS_TEST_TMPDIR/in.ndjson" >"$BATS_TEST_TMPDIR/stream.out" 2>"$BATS_TEST_TMPDIR/stream.err" || true
	run sed 's/.*in.ndjson:/in.ndjson:/' "$BATS_TEST_TMPDIR/stream.err"
	assert_output "in.ndjson:2: invalid JSON at column 550: duplicate key \"value\" in a nested object
in.ndjson:3: invalid JSON at column 79: ',' or '}' expected
in.ndjson:4: invalid UTF-8 (byte 0xFF at column 1335)
in.ndjson:6: invalid JSON at column 832: duplicate key \"period\" in a nested object
kpi-flag: 6 records read, 2 written, 4 rejected"
	# Northbridge benchmarks itself, which gives no benchmark: the records are the streaming run's
	kpi-flag --keep-going -a Northbridge "$BATS_TEST_TMPDIR/in.ndjson" >"$BATS_TEST_TMPDIR/buffered.out" 2>"$BATS_TEST_TMPDIR/buffered.err" || true
	run cat "$BATS_TEST_TMPDIR/buffered.err"
	assert_output "$(cat "$BATS_TEST_TMPDIR/stream.err")"
	run cat "$BATS_TEST_TMPDIR/buffered.out"
	assert_output "$(cat "$BATS_TEST_TMPDIR/stream.out")"
}

@test "flag-speed: --benchmark-area in any case keeps its area's points, and every area's name" {
	{
		cat "$base"
		jq -c '.area = "ENGLAND" | .value = 70 | .period = "2024-02" | .history = [{"period":"2024-01","value":72},{"period":"2024-02","value":70}]' "$base"
		jq -c '.area = "Southport" | .as_at = "2024-01"' "$base"
	} >"$BATS_TEST_TMPDIR/in.ndjson"
	run bash -c "set -o pipefail; kpi-flag --benchmark-area england '$BATS_TEST_TMPDIR/in.ndjson' | jq -c '[.area, .benchmark]'"
	assert_success
	assert_output '["Northbridge",{"area":"ENGLAND","period":"2024-02","value":70,"comparison":"similar"}]
["ENGLAND",null]
["Southport",{"area":"ENGLAND","period":"2024-01","value":72,"comparison":"similar"}]'
	# the series of other areas are not kept, but their names are
	run kpi-flag --benchmark-area Southport "$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	run kpi-flag --benchmark-area Wales "$BATS_TEST_TMPDIR/in.ndjson"
	assert_failure 1
	assert_output "kpi-flag: --benchmark-area: no series of 'Wales' in the input (areas present: ENGLAND, Northbridge, Southport)"
}
