#!/usr/bin/env bats
# kpi-ingest: JSON documents (read with jansson): a top-level array of
# objects, or the records under --records PATH, each object a row; source
# FILE#/POINTER.  Fixtures in tests/data/ingest/.
load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$DATA/ingest"
}

@test "JSON: an array of objects, one row each; numbers shortest, true as written, null empty, absent keys empty" {
	run kpi-ingest records.json
	assert_success
	assert_output - <<'EOF'
{"indicator":"CLA rate","period":"2024/25","value":"61.2","area":"Trafford","provisional":"true","note":"","source":"records.json#/0"}
{"indicator":"CLA rate","period":"2023/24","value":"58","area":"Trafford","provisional":"","note":"","source":"records.json#/1"}
{"indicator":"CLA rate","period":"2022/23","value":"c","area":"Trafford","provisional":"","note":"suppressed","source":"records.json#/2"}
EOF
}

@test "JSON: --records result.records, as CKAN answers; a wide table's cell is FILE#/.../KEY" {
	run kpi-ingest --records result.records --wide ckan.json
	assert_success
	assert_output - <<'EOF'
{"indicator":"CLA rate","period":"Apr-24","value":"61.2","area":"Trafford","id":"1","source":"ckan.json#/result/records/0/Apr-24"}
{"indicator":"CLA rate","period":"May-24","value":"60","area":"Trafford","id":"1","source":"ckan.json#/result/records/0/May-24"}
{"indicator":"CLA rate","period":"Apr-24","value":"c","area":"Wigan","id":"2","source":"ckan.json#/result/records/1/Apr-24"}
{"indicator":"CLA rate","period":"May-24","value":"100","area":"Wigan","id":"2","source":"ckan.json#/result/records/1/May-24"}
EOF
	run kpi-ingest --records result.records --wide --filter LA=Wigan ckan.json
	assert_success
	[ "${#lines[@]}" -eq 2 ]
}

@test "JSON: an object without --records says so and lists its keys; a wrong path names what is there" {
	run kpi-ingest ckan.json
	assert_failure 1
	assert_output "kpi-ingest: ckan.json: the document is an object, not an array of records: name the array with --records (such as --records result.records); keys present: result, success, help"
	run kpi-ingest --records result.rows ckan.json
	assert_failure 1
	assert_output "kpi-ingest: ckan.json: --records result.rows: no 'rows' in the object at #/result; keys present: records, resource_id"
	run kpi-ingest --records result.resource_id ckan.json
	assert_failure 1
	assert_output "kpi-ingest: ckan.json: #/result/resource_id is a string, not an array of records"
	run kpi-ingest --records result..records ckan.json
	assert_failure 2
	assert_line --index 0 "kpi-ingest: --records: 'result..records' is not a path of keys (such as result.records)"
	run kpi-ingest --records result.records long.csv
	assert_failure 2
	assert_line --index 0 "kpi-ingest: long.csv: --records applies to JSON documents"
}

@test "JSON: a path through an array by index" {
	printf '{"pages":[{"rows":[{"indicator":"A","period":"2019","value":1}]}]}' >"$BATS_TEST_TMPDIR/p.json"
	run kpi-ingest --records pages.0.rows "$BATS_TEST_TMPDIR/p.json"
	assert_success
	assert_output "{\"indicator\":\"A\",\"period\":\"2019\",\"value\":\"1\",\"source\":\"$BATS_TEST_TMPDIR/p.json#/pages/0/rows/0\"}"
}

@test "JSON: a nested value is a bad row naming its path; --keep-going sets it aside and counts" {
	printf '[{"indicator":"A","period":"2019","value":1},\n {"indicator":"A","period":"2020","value":{"n":2}},\n "text"]\n' >"$BATS_TEST_TMPDIR/n.json"
	run --separate-stderr kpi-ingest "$BATS_TEST_TMPDIR/n.json"
	assert_failure 1
	[ "$stderr" = "kpi-ingest: $BATS_TEST_TMPDIR/n.json#/1/value: a nested value (an object) cannot be a cell of a table" ]
	run --separate-stderr kpi-ingest --rejects "$BATS_TEST_TMPDIR/rej" "$BATS_TEST_TMPDIR/n.json"
	assert_failure 1
	assert_output "{\"indicator\":\"A\",\"period\":\"2019\",\"value\":\"1\",\"source\":\"$BATS_TEST_TMPDIR/n.json#/0\"}"
	[ "${stderr_lines[1]}" = "kpi-ingest: $BATS_TEST_TMPDIR/n.json#/2: a record must be an object, not a string" ]
	[ "${stderr_lines[2]}" = "kpi-ingest: 3 records read, 1 written, 2 rejected" ]
	run jq -c . "$BATS_TEST_TMPDIR/rej"
	assert_output - <<EOF
{"source":"$BATS_TEST_TMPDIR/n.json#/1/value","reason":"a nested value (an object) cannot be a cell of a table","line":"{\"indicator\":\"A\",\"period\":\"2020\",\"value\":{\"n\":2}}"}
{"source":"$BATS_TEST_TMPDIR/n.json#/2","reason":"a record must be an object, not a string","line":"\"text\""}
EOF
}

@test "JSON: a document that is not JSON is bad data at its line; duplicate keys too" {
	printf '\n[{"a":1},\n {"a":2,}]\n' >"$BATS_TEST_TMPDIR/bad.json"
	run kpi-ingest "$BATS_TEST_TMPDIR/bad.json"
	assert_failure 1
	assert_output "kpi-ingest: $BATS_TEST_TMPDIR/bad.json:3: invalid JSON at column 9: string or '}' expected near '}'"
	printf '[{"a":1,"a":2}]' >"$BATS_TEST_TMPDIR/dup.json"
	run kpi-ingest "$BATS_TEST_TMPDIR/dup.json"
	assert_failure 1
	assert_output --partial "kpi-ingest: $BATS_TEST_TMPDIR/dup.json:1: invalid JSON at column "
	assert_output --partial "duplicate object key"
}

@test "JSON: an empty array, and an array of empty objects, give nothing" {
	printf '[]' >"$BATS_TEST_TMPDIR/e.json"
	run --separate-stderr kpi-ingest "$BATS_TEST_TMPDIR/e.json"
	assert_success
	assert_output ''
	[ -z "$stderr" ]
}

@test "JSON: found by '[' on standard input, by -f json, by --records; a .json file of one object per line is NDJSON" {
	run bash -c "set -o pipefail; kpi-ingest <records.json | sed -n 1p"
	assert_output '{"indicator":"CLA rate","period":"2024/25","value":"61.2","area":"Trafford","provisional":"true","note":"","source":"-#/0"}'
	run bash -c "set -o pipefail; kpi-ingest --records result.records --wide <ckan.json | sed -n 1p"
	assert_output --partial '"source":"-#/result/records/0/Apr-24"}'
	cp records.json "$BATS_TEST_TMPDIR/r.txt"
	run bash -c "set -o pipefail; kpi-ingest -f json '$BATS_TEST_TMPDIR/r.txt' | sed -n 1p"
	assert_output --partial '"source":"'"$BATS_TEST_TMPDIR"'/r.txt#/0"}'
	printf '{"indicator":"A","period":"2019"}\n{"indicator":"B","period":"2020"}\n' >"$BATS_TEST_TMPDIR/lines.json"
	run kpi-ingest "$BATS_TEST_TMPDIR/lines.json"
	assert_success
	assert_line --index 1 "{\"indicator\":\"B\",\"period\":\"2020\",\"source\":\"$BATS_TEST_TMPDIR/lines.json:2\"}"
}

@test "JSON: a BOM, CRLF and Windows-1252 are read; big integers become numbers" {
	printf '\xef\xbb\xbf[{"area":"Caf\xc3\xa9","value":123456789012345678901234567890}]\r\n' >"$BATS_TEST_TMPDIR/b.json"
	run --separate-stderr kpi-ingest "$BATS_TEST_TMPDIR/b.json"
	assert_success
	assert_output "{\"value\":\"1.2345678901234568e+29\",\"area\":\"Café\",\"source\":\"$BATS_TEST_TMPDIR/b.json#/0\"}"
	printf '[{"area":"Caf\xe9","value":1}]' >"$BATS_TEST_TMPDIR/w.json"
	run kpi-ingest -e windows-1252 "$BATS_TEST_TMPDIR/w.json"
	assert_success
	assert_output "{\"value\":\"1\",\"area\":\"Café\",\"source\":\"$BATS_TEST_TMPDIR/w.json#/0\"}"
}

@test "JSON: EES-shaped records melt as a CSV would, with the breakdown object" {
	printf '[{"time_period":"2025","time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","population_type":"A","children_count":5},{"time_period":"2025","time_identifier":"Reporting year","geographic_level":"National","country_code":"E92000001","country_name":"England","population_type":"B","children_count":"c"}]' >"$BATS_TEST_TMPDIR/ees.json"
	run kpi-ingest "$BATS_TEST_TMPDIR/ees.json"
	assert_success
	assert_line --index 1 "{\"indicator\":\"children_count\",\"period\":\"2025\",\"value\":\"c\",\"area\":\"England\",\"breakdown\":{\"population_type\":\"B\"},\"time_identifier\":\"Reporting year\",\"geographic_level\":\"National\",\"country_code\":\"E92000001\",\"country_name\":\"England\",\"source\":\"$BATS_TEST_TMPDIR/ees.json#/1\"}"
}
