#!/usr/bin/env bats
# kpi-trend's spc object: XmR per reference/methods.md A, end to end.
load helper

T="$DATA/trend"
V="$REPO/tests/vectors/spc.json"

# spc_input I: case I of spc.json as monthly typed observations from 2000-01
# (a null value is a suppressed observation), unit "score" so nothing is clipped
spc_input() {
	jq -c --argjson i "$1" '.cases[$i] as $c | $c.values | to_entries[]
		| (.key % 12 + 1) as $m
		| {indicator: $c.name, unit: "score", polarity: $c.polarity, area: "V",
		   period: "\(2000 + (.key / 12 | floor))-\(if $m < 10 then "0" else "" end)\($m)",
		   period_type: "month", value: .value,
		   status: (if .value == null then "suppressed" else "ok" end)}' "$V"
}

# spc_options I: the command-line options of case I
spc_options() {
	jq -r --argjson i "$1" '.cases[$i].options as $o
		| "--min-points \($o.min_points)",
		  (if $o.screen_outliers then "--screen-outliers" else empty end),
		  (if $o.baseline then "--baseline \($o.baseline)" else empty end),
		  ($o.rebase_at[] | (. % 12 + 1) as $m
		   | "--rebase \(2000 + (. / 12 | floor))-\(if $m < 10 then "0" else "" end)\($m)")' "$V"
}

# spc_check I: compares kpi-trend's spc (on stdin) with case I's expected
# result within the file's tolerance; prints "ok" or what differs
spc_check() {
	jq -r --slurpfile v "$V" --argjson i "$1" '
		$v[0].tolerance as $tol | $v[0].cases[$i] as $c | $c.expected as $e | .spc as $s
		| def close(g; x): if x == null then g == null
			else (g != null and ((g - x) | fabs) <= ([$tol.absolute, $tol.relative * (x | fabs)] | max)) end;
		  def idx(p): (p | split("-") | map(tonumber)) as [$y, $m] | ($y - 2000) * 12 + $m - 1;
		[ (if $s.status != $e.status then "status \($s.status) != \($e.status)" else empty end),
		  (if $s.points != $e.n_points then "points \($s.points) != \($e.n_points)" else empty end),
		  (if close($s.mean; $e.mean) then empty else "mean \($s.mean) != \($e.mean)" end),
		  (if close($s.avg_mr; $e.avg_mr) then empty else "avg_mr" end),
		  (if close($s.ucl_raw; $e.ucl) then empty else "ucl_raw \($s.ucl_raw) != \($e.ucl)" end),
		  (if close($s.lcl_raw; $e.lcl) then empty else "lcl_raw \($s.lcl_raw) != \($e.lcl)" end),
		  (if close($s.ucl; $e.ucl) then empty else "ucl" end),
		  (if close($s.lcl; $e.lcl) then empty else "lcl" end),
		  (if close($s.upper_2s; $e.upper_2s) then empty else "upper_2s" end),
		  (if close($s.lower_2s; $e.lower_2s) then empty else "lower_2s" end),
		  (if $s.variation != $e.last_point_variation_icon then "variation \($s.variation) != \($e.last_point_variation_icon)" else empty end),
		  (if ([$s.signals[] | [idx(.period), .rule, .direction, .class]]
		       != [$e.points[] | [.index, .rule, .direction, .class]])
		   then "signals \($s.signals) != \($e.points)" else empty end)
		] | if length == 0 then "ok" else "\($c.name): " + join("; ") end'
}

@test "trend-spc: every case of spc.json through kpi-trend gives the expected spc" {
	n=$(jq '.cases | length' "$V")
	[ "$n" -ge 40 ]
	for ((i = 0; i < n; i++)); do
		spc_input "$i" >"$BATS_TEST_TMPDIR/in.ndjson"
		# shellcheck disable=SC2046
		kpi-trend $(spc_options "$i") "$BATS_TEST_TMPDIR/in.ndjson" >"$BATS_TEST_TMPDIR/out.ndjson"
		run spc_check "$i" <"$BATS_TEST_TMPDIR/out.ndjson"
		assert_output "ok"
	done
}

@test "trend-spc: the vectors' rebase case the way a user writes it, with \"rebase\": true" {
	i=$(jq '[.cases[].name] | index("rebase_two_segments")' "$V")
	spc_input "$i" | jq -c 'if .period == "2001-01" then .rebase = true else . end' >"$BATS_TEST_TMPDIR/in.ndjson"
	kpi-trend "$BATS_TEST_TMPDIR/in.ndjson" >"$BATS_TEST_TMPDIR/out.ndjson"
	run spc_check "$i" <"$BATS_TEST_TMPDIR/out.ndjson"
	assert_output "ok"
	run jq -r .spc.segment_start "$BATS_TEST_TMPDIR/out.ndjson"
	assert_output "2001-01"
}

@test "trend-spc: a percent's limits are clipped to 0-100, the raw ones kept" {
	run bash -c "set -o pipefail; kpi-trend '$T/spc.ndjson' | jq -c 'select(.unit == \"percent\") | .spc'"
	assert_output '{"points":14,"mean":97.67857142857143,"avg_mr":2.1538461538461537,"ucl":100,"lcl":91.94934065934066,"upper_2s":100,"lower_2s":93.85908424908425,"ucl_raw":103.4078021978022,"lcl_raw":91.94934065934066,"segment_start":"2023-01","signals":[{"period":"2024-02","rule":"outside_limits","direction":"low","class":"concern"}],"variation":"concern_low","status":"ok"}'
}

@test "trend-spc: a count's limits are clipped at 0, the raw ones kept" {
	run bash -c "set -o pipefail; kpi-trend '$T/spc.ndjson' | jq -c 'select(.unit == \"count\") | .spc | [.lcl, .lower_2s, .lcl_raw, .ucl, .ucl_raw, .variation]'"
	assert_output '[0,0,-3.6578021978021975,7.80065934065934,7.80065934065934,"concern_high"]'
}

@test "trend-spc: below --min-points the status is insufficient_data and nothing is judged" {
	run bash -c "set -o pipefail; kpi-trend --min-points 15 '$T/spc.ndjson' | jq -c '.spc | [.points, .mean, .ucl, .signals, .variation, .status]'"
	assert_output '[14,null,null,[],null,"insufficient_data"]
[14,null,null,[],null,"insufficient_data"]'
}

@test "trend-spc: values near 1e308 overflow: status overflow, not ok with null limits (issue 18)" {
	run bash -c "set -o pipefail; { echo indicator,period,value; for i in \$(seq 0 14); do
		printf 'cla_count,%d-%02d,%s\\n' \$((2020 + i / 12)) \$((i % 12 + 1)) \$([ \$((i % 2)) = 0 ] && echo 1e308 || echo 0); done; } \
		| kpi-ingest -f csv | kpi-normalise | kpi-trend | jq -c '.spc | [.points, .mean, .ucl, .signals, .variation, .status]'"
	assert_success
	assert_output '[15,null,null,[],null,"overflow"]'
}

@test "trend-spc: --baseline below --min-points is a usage error" {
	run kpi-trend --baseline 6 "$T/spc.ndjson"
	assert_failure 2
	assert_line --index 0 "kpi-trend: --baseline 6 is below --min-points 12: limits need at least 12 points"
	run kpi-trend --baseline 6 --min-points 6 "$T/spc.ndjson"
	assert_success
}

@test "trend-spc: --rebase that is not a period is a usage error" {
	run kpi-trend --rebase soon "$T/spc.ndjson"
	assert_failure 2
	assert_line --index 0 --partial "kpi-trend: --rebase: 'soon' is not a period"
}

@test "trend-spc: --as-at charts only the points up to then" {
	run bash -c "set -o pipefail; kpi-trend --as-at 2024-01 '$T/spc.ndjson' | jq -c '.spc | [.points, .signals, .variation]'"
	assert_output '[13,[],"common_cause"]
[13,[],"common_cause"]'
}
