#!/usr/bin/env bats
# kpi-trend's spc object: XmR per reference/methods.md A, end to end.
load helper

T="$DATA/trend"
V="$REPO/tests/vectors/spc.json"

# The three jq programs of a case $c (number $i) of spc.json, used for one
# case (spc_input I, spc_check I) or for every case at once (spc_every_case).
# SPC_RECORDS: case $c as monthly typed observations from 2000-01 (a null
# value is a suppressed observation), unit "score" so nothing is clipped
SPC_RECORDS='$c.values | to_entries[]
	| (.key % 12 + 1) as $m
	| {indicator: $c.name, unit: "score", polarity: $c.polarity, area: "V",
	   period: "\(2000 + (.key / 12 | floor))-\(if $m < 10 then "0" else "" end)\($m)",
	   period_type: "month", value: .value,
	   status: (if .value == null then "suppressed" else "ok" end)}'
# SPC_OPTIONS: the command-line options of case $c, one a line
SPC_OPTIONS='$c.options as $o
	| "--min-points \($o.min_points)",
	  (if $o.screen_outliers then "--screen-outliers" else empty end),
	  (if $o.baseline then "--baseline \($o.baseline)" else empty end),
	  ($o.rebase_at[] | (. % 12 + 1) as $m
	   | "--rebase \(2000 + (. / 12 | floor))-\(if $m < 10 then "0" else "" end)\($m)")'
# SPC_CHECK: compares kpi-trend's record (.) with case $i's expected result
# within the file's tolerance ($v: the file); "ok" or what differs
SPC_CHECK='$v[0].tolerance as $tol | $v[0].cases[$i] as $c | $c.expected as $e | .spc as $s
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

# spc_input I: case I's observations
spc_input() {
	jq -c --argjson i "$1" ".cases[\$i] as \$c | $SPC_RECORDS" "$V"
}

# spc_check I: case I's check of kpi-trend's output (on stdin)
spc_check() {
	jq -r --slurpfile v "$V" --argjson i "$1" "$SPC_CHECK"
}

# spc_every_case N: every case through its own kpi-trend with its options.
# Three jq for all the cases (not three a case: 0.03 s of CPU each start),
# the loop without bats' DEBUG trap: the inputs, split into in.I by awk; the
# options, a line a case; the check of every output, each record tagged
# with its case.  A case must give one record, as spc_check's "ok" needed.
spc_every_case() {
	local n=$1 d=$BATS_TEST_TMPDIR i out
	local -a opts checked
	: >"$d/tagged"
	jq -c ".cases | to_entries[] | .key as \$i | .value as \$c | \"case \(\$i)\", ($SPC_RECORDS)" "$V" |
		awk -v d="$d" '/^"case [0-9]+"$/ { f = d "/in." substr($2, 1, length($2) - 1); printf "" >f; next } { print >f }'
	jq -r ".cases[] | . as \$c | [$SPC_OPTIONS] | join(\" \")" "$V" >"$d/options"
	i=0
	while read -r -a opts; do
		kpi-trend "${opts[@]}" "$d/in.$i" >"$d/out.$i"
		mapfile -t out <"$d/out.$i"
		[ "${#out[@]}" -eq 1 ] || fail "case $i: kpi-trend wrote ${#out[@]} records, not one"
		printf '{"i":%d,"r":%s}\n' "$i" "${out[0]}" >>"$d/tagged"
		i=$((i + 1))
	done <"$d/options"
	[ "$i" -eq "$n" ]
	jq -r --slurpfile v "$V" ".i as \$i | .r | $SPC_CHECK" "$d/tagged" >"$d/checked"
	mapfile -t checked <"$d/checked"
	[ "${#checked[@]}" -eq "$n" ] || fail "${#checked[@]} cases checked of $n"
	out=$(grep -v '^ok$' "$d/checked") && fail "$out"
	return 0
}

@test "trend-spc: every case of spc.json through kpi-trend gives the expected spc" {
	n=$(jq '.cases | length' "$V")
	[ "$n" -ge 40 ]
	untraced spc_every_case "$n"
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
