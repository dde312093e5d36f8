#!/usr/bin/env bats
# kpi-trend's seventh pass (docs/benchmarks.md, "Seventh pass"): a record's
# fields whose text is the line before's are taken from that parse
# (kpi_record.taken), and kpi-trend then takes the series, status and
# catalogue fields from the record it kept last; a point keeps its
# numerator and denominator in 4 bytes each when they are whole numbers.
# Nothing of this may show: each record reads as it does alone.
load helper
bats_require_minimum_version 1.5.0

@test "trend-speed4: a rejected record between two alike is not the series, status or catalogue of the next" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	{
		# the catalogue: a name of an earlier period (line 2) does not set it; the next line, its text the same, does
		printf '%s\n' '{"indicator":"I","name":"N1","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"A","breakdown":null,"period":"2024-02","period_type":"month","value":1,"status":"ok"}'
		printf '%s\n' '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"A","breakdown":null,"period":"2024-01","period_type":"month","value":2,"status":"ok"}'
		printf '%s\n' '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"A","breakdown":null,"period":"2024-03","period_type":"month","value":3,"status":"ok"}'
		# area B: its first line rejected, the next read whole (not series A's)
		printf '%s\n' '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"B","breakdown":null,"period":"2024-13","period_type":"month","value":4,"status":"ok"}'
		printf '%s\n' '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"B","breakdown":null,"period":"2024-03","period_type":"month","value":5,"status":"ok"}'
		printf '%s\n' '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"B","breakdown":null,"period":"2024-04","period_type":"month","value":6,"status":"ok"}'
		printf '%s\n' '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"B","breakdown":null,"period":"2024-05","period_type":"month","value":7,"status":"ok"'
		printf '%s\n' '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"B","breakdown":null,"period":"2024-05","period_type":"month","value":8,"status":"ok"}'
		# a status first met on a rejected line, then on a kept one
		printf '%s\n' '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"C","breakdown":null,"period":"2024-05","period_type":"year","value":9,"status":"ok"}'
		printf '%s\n' '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"C","breakdown":null,"period":"2024-05","period_type":"year","value":9,"status":"late"}'
		printf '%s\n' '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"C","breakdown":null,"period":"2024-06","period_type":"month","value":10,"status":"late"}'
		printf '%s\n' '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"C","breakdown":null,"period":"2024-07","period_type":"month","value":11,"status":"late"}'
	} >"$f"
	run --separate-stderr kpi-trend --keep-going "$f"
	assert_failure 1
	assert_equal "$stderr" "kpi-trend: $f:4: period '2024-13' is not a canonical month period
kpi-trend: $f:7: invalid JSON at column 191: ',' or '}' expected
kpi-trend: $f:9: period '2024-05' is not a canonical year period
kpi-trend: $f:10: period '2024-05' is not a canonical year period
kpi-trend: 12 records read, 8 written, 4 rejected"
	run bash -c "set -o pipefail; kpi-trend --keep-going '$f' 2>/dev/null | sed -e 's/,\"as_at\".*//'"
	assert_failure 1
	assert_output '{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"A","breakdown":null,"period":"2024-03","period_type":"month","value":3,"numerator":null,"denominator":null,"status":"ok"
{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"B","breakdown":null,"period":"2024-05","period_type":"month","value":8,"numerator":null,"denominator":null,"status":"ok"
{"indicator":"I","name":"N2","section":"S","unit":"count","polarity":"higher_is_better","order":1,"area":"C","breakdown":null,"period":"2024-07","period_type":"month","value":11,"numerator":null,"denominator":null,"status":"late"'
}

@test "trend-speed4: numerators and denominators that are not small whole numbers are written as they came" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	{
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-01","period_type":"month","value":1,"numerator":0,"denominator":4294967294}'
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-02","period_type":"month","value":2,"numerator":-0,"denominator":4294967295}'
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-03","period_type":"month","value":3,"numerator":1.5,"denominator":1e300}'
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-04","period_type":"month","value":4,"numerator":null,"denominator":-3}'
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-05","period_type":"month","value":5}'
		# agreeing duplicates: each gives the count the other lacks
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-06","period_type":"month","value":6,"numerator":7,"denominator":null}'
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-06","period_type":"month","value":6,"numerator":null,"denominator":0.25}'
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-07","period_type":"month","value":7,"numerator":12,"denominator":null}'
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-07","period_type":"month","value":7,"numerator":null,"denominator":30}'
	} >"$f"
	run bash -c "set -o pipefail; kpi-trend '$f' | grep -o '\"numerator_sum\":[^,]*,\"denominator_sum\":[^,]*\|\"history\":\[[^]]*\]'"
	assert_success
	assert_output '"numerator_sum":20.5,"denominator_sum":1e+300
"history":[{"period":"2024-01","value":1,"numerator":0,"denominator":4294967294,"status":null},{"period":"2024-02","value":2,"numerator":0,"denominator":4294967295,"status":null},{"period":"2024-03","value":3,"numerator":1.5,"denominator":1e+300,"status":null},{"period":"2024-04","value":4,"numerator":null,"denominator":-3,"status":null},{"period":"2024-05","value":5,"numerator":null,"denominator":null,"status":null},{"period":"2024-06","value":6,"numerator":7,"denominator":0.25,"status":null},{"period":"2024-07","value":7,"numerator":12,"denominator":30,"status":null}]'
}

@test "trend-speed4: a month read in place is the canonical YYYY-MM, 01 to 12, of any year" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	printf '%s\n' '{"indicator":"I","area":"A","period":"2024-00","period_type":"month","value":1}' \
		'{"indicator":"I","area":"A","period":"2O24-01","period_type":"month","value":1}' \
		'{"indicator":"I","area":"A","period":"2024/01","period_type":"month","value":1}' \
		'{"indicator":"I","area":"A","period":"2024-13","period_type":"month","value":1}' \
		'{"indicator":"I","area":"A","period":"2024-12","period_type":"month","value":1}' \
		'{"indicator":"I","area":"A","period":"0000-01","period_type":"month","value":2}' >"$f"
	run --separate-stderr kpi-trend --keep-going "$f"
	assert_failure 1
	assert_equal "$stderr" "kpi-trend: $f:1: period '2024-00' is not a canonical month period
kpi-trend: $f:2: period '2O24-01' is not a canonical month period
kpi-trend: $f:3: period '2024/01' is not a canonical month period
kpi-trend: $f:4: period '2024-13' is not a canonical month period
kpi-trend: 6 records read, 2 written, 4 rejected"
	[[ $output == *'"period":"2024-12",'*'"previous":{"period":"0000-01","value":2,'* ]]
}

@test "trend-speed4: records without area or breakdown: a rejected line between series does not join the next to the last" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	printf '%s\n' '{"indicator":"I","period":"2024-01","period_type":"month","value":1}' \
		'{"indicator":"J","period":"2024-13","period_type":"month","value":2}' \
		'{"indicator":"J","period":"2024-01","period_type":"month","value":3}' \
		'{"indicator":"J","period":"2024-02","period_type":"month","value":4}' >"$f"
	run bash -c "set -o pipefail; kpi-trend --keep-going '$f' 2>&1 | sed -e 's/,\"numerator\".*\"previous\":{\"period\":\([^,]*\),\"value\":\([^,]*\),.*/ previous \1 \2/' -e 's/,\"numerator\".*\"previous\":null.*/ previous null/'"
	assert_failure 1
	assert_output "kpi-trend: $f:2: period '2024-13' is not a canonical month period
{\"indicator\":\"I\",\"period\":\"2024-01\",\"period_type\":\"month\",\"value\":1 previous null
{\"indicator\":\"J\",\"period\":\"2024-02\",\"period_type\":\"month\",\"value\":4 previous \"2024-01\" 3
kpi-trend: 4 records read, 3 written, 1 rejected"
}
