#!/usr/bin/env bats
# kpi-trend's fast paths (docs/benchmarks.md, "Fourth pass"): what they
# remember from one record to the next (the keys' shape and roles, the
# pass-through values, the text of numbers, a series' place in the point
# blocks) must never show in the output.  Each case reads records whose
# keys, order or series change where a fast path would keep a stale answer.
load helper

# rec INDICATOR AREA PERIOD VALUE [MORE]: a typed record, keys in the usual order
rec() {
	printf '{"indicator":"%s","area":"%s","period":"%s","period_type":"month","value":%s%s}\n' "$1" "$2" "$3" "$4" "${5:-}"
}

@test "trend-speed: keys reordered and pass-through fields added mid-stream: each series keeps its latest point's own fields" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	{
		rec I A 2024-01 1 ',"note":"a1"'
		rec I A 2024-02 2 ',"note":"a2"'
		printf '%s\n' '{"period_type":"month","value":5,"note":"b1","extra":true,"period":"2024-01","area":"B","indicator":"I"}'
		printf '%s\n' '{"period_type":"month","value":6,"extra":false,"note":"b2","period":"2024-02","area":"B","indicator":"I"}'
		rec I A 2024-03 3 ',"note":"a3"'
		rec I C 2024-03 7
	} >"$f"
	run bash -c "set -o pipefail; kpi-trend '$f' | jq -c '[.area, .value, .note, .extra, (.history | map(.value))]'"
	assert_success
	assert_output '["A",3,"a3",null,[1,2,3]]
["B",6,"b2",false,[5,6]]
["C",7,null,null,[7]]'
}

@test "trend-speed: two files whose keys come in different orders are each read right" {
	rec I A 2024-01 1 ',"note":"x"' >"$BATS_TEST_TMPDIR/1.ndjson"
	printf '%s\n' '{"value":2,"note":"y","period_type":"month","period":"2024-02","area":"A","indicator":"I"}' >"$BATS_TEST_TMPDIR/2.ndjson"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/1.ndjson' '$BATS_TEST_TMPDIR/2.ndjson' | jq -c '[.period, .value, .note, .previous.value]'"
	assert_success
	assert_output '["2024-02",2,"y",1]'
}

@test "trend-speed: a key written with an escape (\\u0061rea) is the same key as area" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	{
		rec I A 2024-01 1
		printf '%s\n' '{"indicator":"I","\u0061rea":"A","period":"2024-02","period_type":"month","value":2}'
		rec I A 2024-03 3
	} >"$f"
	run bash -c "set -o pipefail; kpi-trend '$f' | jq -c '[.area, (.history | map(.value))]'"
	assert_success
	assert_output '["A",[1,2,3]]'
}

@test "trend-speed: a duplicate key after records of the same keys is still refused" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	{
		rec I A 2024-01 1
		rec I A 2024-02 2
		printf '%s\n' '{"indicator":"I","area":"A","area":"B","period":"2024-03","period_type":"month","value":3}'
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-04","period_type":"month","value":4,"value":5}'
	} >"$f"
	run kpi-trend --keep-going --rejects "$BATS_TEST_TMPDIR/rej" "$f"
	assert_failure 1
	assert_output --partial 'kpi-trend: 4 records read, 2 written, 2 rejected'
	run jq -r .reason "$BATS_TEST_TMPDIR/rej"
	assert_output 'duplicate key "area"
duplicate key "value"'
}

@test "trend-speed: the points of three series arriving interleaved keep their own histories" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	for m in $(seq 1 40); do
		p=$(printf '%04d-%02d' $((2020 + (m - 1) / 12)) $(((m - 1) % 12 + 1)))
		rec I A "$p" "$m"
		rec I B "$p" "$((100 + m))"
		[ $((m % 2)) -eq 0 ] && rec I C "$p" "$((200 + m))"
	done >"$f"
	run bash -c "set -o pipefail; kpi-trend --history 40 '$f' | jq -c '[.area, (.history | length), .history[0].value, .history[-1].value, (.history | map(.value) | add)]'"
	assert_success
	assert_output '["A",40,1,40,820]
["B",40,101,140,4820]
["C",20,202,240,4420]'
}

@test "trend-speed: 3,000 distinct pass-through values, some over 19 bytes, each on its own series" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	awk 'BEGIN { for (i = 1; i <= 3000; i++) {
		note = i % 3 ? "n" i : "a value longer than nineteen bytes " i
		printf "{\"indicator\":\"I\",\"area\":\"A%d\",\"period\":\"2024-01\",\"period_type\":\"month\",\"value\":%d,\"note\":\"%s\",\"code\":%d}\n", i, i, note, i % 7
	} }' >"$f"
	run bash -c "set -o pipefail; kpi-trend '$f' | jq -r 'select(.note != (if (.value % 3) == 0 then \"a value longer than nineteen bytes \" else \"n\" end) + (.value | tostring) or .code != .value % 7) | .area' | wc -l"
	assert_success
	assert_output 0
	run bash -c "set -o pipefail; kpi-trend '$f' | jq -c 'select(.area == \"A2999\" or .area == \"A3000\") | [.area, .note, .code]'"
	assert_output '["A2999","n2999",3]
["A3000","a value longer than nineteen bytes 3000",4]'
}

@test "trend-speed: the same value written in every series and period prints the same text (the number cache)" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	{
		rec I A 2024-01 0.1
		rec I A 2024-02 0.30000000000000004
		rec I A 2024-03 0.1
		rec I B 2024-01 -0
		rec I B 2024-02 0
		rec I B 2024-03 1e-7
	} >"$f"
	run bash -c "set -o pipefail; kpi-trend '$f' | grep -o '\"history\":\[[^]]*\]'"
	assert_success
	assert_output '"history":[{"period":"2024-01","value":0.1,"numerator":null,"denominator":null,"status":null},{"period":"2024-02","value":0.30000000000000004,"numerator":null,"denominator":null,"status":null},{"period":"2024-03","value":0.1,"numerator":null,"denominator":null,"status":null}]
"history":[{"period":"2024-01","value":0,"numerator":null,"denominator":null,"status":null},{"period":"2024-02","value":0,"numerator":null,"denominator":null,"status":null},{"period":"2024-03","value":1e-07,"numerator":null,"denominator":null,"status":null}]'
}
