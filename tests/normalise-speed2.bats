#!/usr/bin/env bats
# kpi-normalise's fifth pass (issue 19): what it keeps from one record for
# the next says what looking again would say.  Where the fields it reads
# and the council's code fields are, kept while the records' keys are the
# same (and looked for again when they change order, come or go, or a new
# file starts); the series' hash, kept while the series is the same.
load helper
bats_require_minimum_version 1.5.0

setup() {
	export KPI_CATALOGUE="$DATA/normalise/catalogue.csv"
	cat >"$BATS_TEST_TMPDIR/changes.csv" <<'EOF'
change,date,from_code,from_la_code,from_name,to_code,to_la_code,to_name,from_area
code,2020-04-01,E10000002,825,Buckinghamshire,E06000060,825,Buckinghamshire,
reorganisation,2019-04-01,E10000009,835,Dorset,E06000059,838,Dorset,Dorset County Council
EOF
	changes=(--no-la-changes --la-changes "$BATS_TEST_TMPDIR/changes.csv")
}

@test "council code fields that move, go and come back between records" {
	cat >"$BATS_TEST_TMPDIR/in.ndjson" <<'EOF'
{"indicator":"cla_count","period":"2018-06","value":"1","area":"Dorset","new_la_code":"E10000009","source":"a:1"}
{"indicator":"cla_count","period":"2018-07","value":"2","area":"Dorset","new_la_code":"E10000009","source":"a:2"}
{"new_la_code":"E10000009","indicator":"cla_count","area":"Dorset","period":"2018-08","value":"3","source":"a:3"}
{"indicator":"cla_count","period":"2018-09","value":"4","area":"Dorset","source":"a:4"}
{"indicator":"cla_count","period":"2018-10","value":"5","area":"Dorset","old_la_code":"835","source":"a:5"}
{"indicator":"cla_count","period":"2018-11","value":"6","area":"Dorset","old_la_code":835,"source":"a:6"}
{"indicator":"cla_count","period":"2018-12","value":"7","area":"E10000002","source":"a:7"}
{"indicator":"cla_count","period":"2019-01","value":"8","area":"Dorset","old_la_code":"835","new_la_code":"E06000059","source":"a:8"}
{"indicator":"cla_count","period":"2019-02","value":"9","area":"Dorset","old_la_code":"835","new_la_code":"E10000009","source":"a:9"}
EOF
	run bash -c "set -o pipefail; kpi-normalise ${changes[*]} '$BATS_TEST_TMPDIR/in.ndjson' | jq -c '[.period, .area]'"
	assert_success
	assert_output '["2018-06","Dorset County Council"]
["2018-07","Dorset County Council"]
["2018-08","Dorset County Council"]
["2018-09","Dorset"]
["2018-10","Dorset County Council"]
["2018-11","Dorset"]
["2018-12","E06000060"]
["2019-01","Dorset"]
["2019-02","Dorset County Council"]'
}

@test "a second file whose keys are as many as the first's but others: its fields are looked for again" {
	# each file starts the record parser afresh, so the ids of its keys'
	# shapes start again: the same id, other keys
	printf '%s\n' '{"indicator":"cla_count","period":"2018-06","value":"1","area":"Dorset","new_la_code":"E10000009"}' \
		>"$BATS_TEST_TMPDIR/a.ndjson"
	printf '%s\n' '{"period":"2018-07","indicator":"cla_count","area":"Dorset","value":"2","note":"E10000009"}' \
		>"$BATS_TEST_TMPDIR/b.ndjson"
	run bash -c "set -o pipefail; kpi-normalise ${changes[*]} '$BATS_TEST_TMPDIR/a.ndjson' '$BATS_TEST_TMPDIR/b.ndjson' | jq -c '[.indicator, .period, .value, .area, .note]'"
	assert_success
	assert_output '["cla_count","2018-06",1,"Dorset County Council",null]
["cla_count","2018-07",2,"Dorset","E10000009"]'
}

@test "fields read found again when the keys change order, come and go; fields passed through in their order" {
	cat >"$BATS_TEST_TMPDIR/in.ndjson" <<'EOF'
{"indicator":"cla_count","period":"2018-06","value":"1","numerator":"2","denominator":"4","area":"Kent","x":1}
{"indicator":"cla_count","period":"2018-07","numerator":"3","value":"2","denominator":"5","area":"Kent","x":2}
{"x":3,"indicator":"cla_count","period_raw":"Aug-18","period":"2018-08","value_raw":"3%","value":3,"area":"Kent"}
{"indicator":"cla_count","period":"2018-09","value":"4","area":"Kent","y":"b","x":4}
{"indicator":"cla_count","period":"2018","value":"5","area":"Kent","time_identifier":"Calendar year","y":"c"}
EOF
	run bash -c "set -o pipefail; kpi-normalise '$BATS_TEST_TMPDIR/in.ndjson' | jq -c '[.period, .period_raw, .value, .value_raw, .numerator, .denominator, .x, .y, (keys_unsorted | .[-3:])]'"
	assert_success
	assert_output '["2018-06","2018-06",1,"1",2,4,1,null,["breakdown","source","x"]]
["2018-07","2018-07",2,"2",3,5,2,null,["breakdown","source","x"]]
["2018-08","Aug-18",3,"3%",null,null,3,null,["breakdown","source","x"]]
["2018-09","2018-09",4,"4",null,null,4,"b",["source","y","x"]]
["2018","2018",5,"5",null,null,null,"c",["source","time_identifier","y"]]'
}

@test "the series of consecutive records: an area as a number or a string, releases, a breakdown" {
	cat >"$BATS_TEST_TMPDIR/in.ndjson" <<'EOF'
{"indicator":"cla_count","period":"2018-06","value":"1","area":"12","source":"a:1"}
{"indicator":"cla_count","period":"2018-06","value":"2","area":12,"source":"a:2"}
{"indicator":"cla_count","period":"2018-06","value":"3","area":12,"released":"2019-01-01","source":"a:3"}
{"indicator":"cla_count","period":"2018-06","value":"4","area":12,"released":"2019-02-01","source":"a:4"}
{"indicator":"cla_count","period":"2018-06","value":"5","area":12,"released":"2019-02-01","breakdown":"Girls","source":"a:5"}
{"indicator":"cla_count","period":"2018-06","value":"6","area":12,"released":"2019-02-01","breakdown":"Girls","source":"a:6"}
{"indicator":"cla_count","period":"2018-06","value":"7","area":"12","source":"a:7"}
EOF
	run --separate-stderr kpi-normalise --keep-going "$BATS_TEST_TMPDIR/in.ndjson"
	[ "$status" -eq 1 ]
	[ "$stderr" = "kpi-normalise: a:6: duplicate of a:5 (cla_count, period 2018-06, breakdown 'Girls', released 2019-02-01) with a different value '6'; if the two are releases, date them with kpi-ingest --released DATE
kpi-normalise: a:7: duplicate of a:1 (cla_count, period 2018-06) with a different value '7'; if the two are releases, date them with kpi-ingest --released DATE
kpi-normalise: 7 records read, 5 written, 2 rejected" ]
	run bash -c "set -o pipefail; printf '%s\n' '$output' | jq -c '[.value, .area, .released, .breakdown]'"
	assert_output '[1,"12",null,null]
[2,12,null,null]
[3,12,"2019-01-01",null]
[4,12,"2019-02-01",null]
[5,12,"2019-02-01","Girls"]'
}
