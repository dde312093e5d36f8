#!/usr/bin/env bats
# kpi-trend's fifth pass (docs/benchmarks.md, "Fifth pass"): a pass-through
# field whose text is the point's period, its first or last day, or its
# value's shortest text is kept as that fact and written back from the
# point; the points share their lists of pass-through fields.  What is
# written must be the input's text byte for byte, also where a field only
# nearly matches.
load helper

# kpi-trend ARGS..., and of each summary its pass-through fields as written
# (the text between "status" and "as_at"), one line per summary.
trend_pass() {
	set -o pipefail
	kpi-trend "$@" | sed -e 's/,"as_at".*//' -e 's/.*"status":\("[^"]*"\|null\),//'
}

@test "trend-speed2: period_raw, period_start, period_end and value_raw of the latest point, as they were written" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	{
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-01","period_type":"month","value":1.5,"value_raw":"1.5","period_start":"2024-01-01","period_end":"2024-01-31","period_raw":"2024-01"}'
		printf '%s\n' '{"indicator":"I","area":"A","period":"2024-02","period_type":"month","value":2.25,"value_raw":"2.25","period_start":"2024-02-01","period_end":"2024-02-29","period_raw":"2024-02"}'
		printf '%s\n' '{"indicator":"I","area":"B","period":"2024-02","period_type":"month","value":2.5,"value_raw":"2.50","period_start":"2024-02-02","period_end":"2024-01-31","period_raw":"Feb-24"}'
		printf '%s\n' '{"indicator":"I","area":"C","period":"2024-02","period_type":"month","value":0,"value_raw":"0","period_start":"2024-02-29","period_end":"2024-02-01","period_raw":"2024-03"}'
		printf '%s\n' '{"indicator":"I","area":"D","period":"2024-02","period_type":"month","value":35.1,"value_raw":"35.1%","period_start":2024,"period_end":null,"period_raw":"2024-02 "}'
		printf '%s\n' '{"indicator":"I","area":"E","period":"2024-02","period_type":"month","value":null,"value_raw":"c","period_start":"2024-02-01","period_end":"2024-02-29","period_raw":"2024-02"}'
		printf '%s\n' '{"indicator":"I","area":"F","period":"2024-02","period_type":"month","value":7,"value_raw":7,"period_start":"\u0032024-02-01","period_end":"2024-02-29","period_raw":"2024-02"}'
		printf '%s\n' '{"indicator":"I","area":"G","period":"2024-02","period_type":"month","value":1e2,"value_raw":"1e2","period_start":"2024-02-01","period_end":"2024-02-29","period_raw":"2024-02"}'
		printf '%s\n' '{"indicator":"I","area":"H","period":"2024-02","period_type":"month","value":-0.5,"value_raw":"-0.5","other":"2024-02-29","period_raw":"2024-02"}'
	} >"$f"
	run trend_pass "$f"
	assert_success
	assert_output '"value_raw":"2.25","period_start":"2024-02-01","period_end":"2024-02-29","period_raw":"2024-02"
"value_raw":"2.50","period_start":"2024-02-02","period_end":"2024-01-31","period_raw":"Feb-24"
"value_raw":"0","period_start":"2024-02-29","period_end":"2024-02-01","period_raw":"2024-03"
"value_raw":"35.1%","period_start":2024,"period_end":null,"period_raw":"2024-02 "
"value_raw":"c","period_start":"2024-02-01","period_end":"2024-02-29","period_raw":"2024-02"
"value_raw":7,"period_start":"\u0032024-02-01","period_end":"2024-02-29","period_raw":"2024-02"
"value_raw":"1e2","period_start":"2024-02-01","period_end":"2024-02-29","period_raw":"2024-02"
"value_raw":"-0.5","other":"2024-02-29","period_raw":"2024-02"'
}

@test "trend-speed2: --every-period writes each point's own period fields, in every period type" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	{
		for q in 1 2 3; do
			printf '{"indicator":"Q","period":"2023-Q%d","period_type":"quarter","value":%d,"value_raw":"%d","period_raw":"2023-Q%d"}\n' $q $q $q $q
		done
		for y in 2021 2022; do
			printf '{"indicator":"F","period":"%d/%02d","period_type":"financial_year","value":%d.5,"value_raw":"%d.5","period_start":"%d-04-01","period_end":"%d-03-31"}\n' \
				$y $(((y + 1) % 100)) $y $y $y $((y + 1))
		done
		for w in 52 53; do
			printf '{"indicator":"W","period":"2020-W%d","period_type":"week","value":%d,"period_start":"2020-12-%02d","period_raw":"2020-W%d"}\n' \
				$w $w $((w == 52 ? 21 : 28)) $w
		done
	} >"$f"
	run trend_pass --every-period "$f"
	assert_success
	assert_output '"value_raw":"2021.5","period_start":"2021-04-01","period_end":"2022-03-31"
"value_raw":"2022.5","period_start":"2022-04-01","period_end":"2023-03-31"
"value_raw":"1","period_raw":"2023-Q1"
"value_raw":"2","period_raw":"2023-Q2"
"value_raw":"3","period_raw":"2023-Q3"
"period_start":"2020-12-21","period_raw":"2020-W52"
"period_start":"2020-12-28","period_raw":"2020-W53"'
}

@test "trend-speed2: a snapshot series (one day each year) writes its days back, not its years" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	for y in 2019 2020 2021; do
		printf '{"indicator":"S","period":"%d-03-31","period_type":"date","value":%d,"period_start":"%d-03-31","period_end":"%d-03-31","period_raw":"%d-03-31","value_raw":"%d"}\n' $y $y $y $y $y $y
	done >"$f"
	run trend_pass --every-period "$f"
	assert_success
	assert_output '"period_start":"2019-03-31","period_end":"2019-03-31","period_raw":"2019-03-31","value_raw":"2019"
"period_start":"2020-03-31","period_end":"2020-03-31","period_raw":"2020-03-31","value_raw":"2020"
"period_start":"2021-03-31","period_end":"2021-03-31","period_raw":"2021-03-31","value_raw":"2021"'
}

@test "trend-speed2: --as-known-at writes the pass-through fields of the release it takes" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	{
		printf '%s\n' '{"indicator":"R","period":"2024-01","period_type":"month","value":10,"value_raw":"10","released":"2024-03-01","period_raw":"2024-01"}'
		printf '%s\n' '{"indicator":"R","period":"2024-01","period_type":"month","value":12,"value_raw":"12.0","released":"2024-06-01","period_raw":"Jan 2024"}'
	} >"$f"
	run trend_pass --as-known-at 2024-04-01 "$f"
	assert_success
	assert_output '"released":"2024-03-01","value_raw":"10","period_raw":"2024-01"'
	run trend_pass "$f"
	assert_success
	assert_output '"released":"2024-06-01","revisions":[{"value":10,"released":"2024-03-01","source":"'"$f"':1"}],"value_raw":"12.0","period_raw":"Jan 2024"'
}

@test "trend-speed2: 5,000 series of many lists of pass-through fields (over the lists' cache, and lists of 7 fields) keep their own" {
	f=$BATS_TEST_TMPDIR/in.ndjson
	awk 'BEGIN { for (i = 1; i <= 5000; i++) for (m = 1; m <= 2; m++) {
		extra = i % 2 ? "" : sprintf(",\"a\":%d,\"b\":\"x%d\",\"c\":true", i % 11, i % 13)
		printf "{\"indicator\":\"I\",\"area\":\"A%05d\",\"period\":\"2024-%02d\",\"period_type\":\"month\",\"value\":%d.%d,\"value_raw\":\"%d.%d%s\",\"period_raw\":\"2024-%02d\",\"n\":\"%d\"%s}\n",
			i, m, i, m, i, m, (i % 5 ? "" : "%"), m, (i * 7 + m) % 4099, extra
	} }' >"$f"
	run bash -c "set -o pipefail; kpi-trend '$f' | jq -r 'select(.value_raw != (.value | tostring) + (if (.area[1:] | tonumber) % 5 == 0 then \"%\" else \"\" end) or .period_raw != .period or .n != ((((.area[1:] | tonumber) * 7 + 2) % 4099) | tostring) or (((.area[1:] | tonumber) % 2 == 0) and (.a != (.area[1:] | tonumber) % 11 or .b != \"x\" + (((.area[1:] | tonumber) % 13) | tostring) or .c != true))) | .area' | wc -l"
	assert_success
	assert_output 0
	run bash -c "set -o pipefail; kpi-trend '$f' | grep -c '\"a\":'"
	assert_output 2500
}
