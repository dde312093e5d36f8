#!/usr/bin/env bats
# kpi-trend: series summaries (contract §3), each field and its edge cases.
load helper

T="$DATA/trend"

# field EXPR of the summary of area A in FILE, as compact JSON
# (EXPR is a jq expression; a bare name means that field)
field() {
	local e=$2
	case $e in [a-z]*) e=".$e" ;; esac
	kpi-trend "${@:3}" | jq -c --arg a "$1" "select(.area == \$a) | $e"
}

@test "trend: the whole summary of the issue's run example, byte for byte" {
	run kpi-trend "$T/run.ndjson"
	assert_success
	assert_output "$(cat "$T/run.expected")"
}

@test "trend: field order: catalogue, latest observation, its pass-through fields, then trend fields" {
	run bash -c "set -o pipefail; kpi-trend '$T/run.ndjson' | jq -r 'keys_unsorted | join(\",\")'"
	assert_output "indicator,name,unit,polarity,order,area,period,period_type,value,numerator,denominator,status,source,value_raw,note,as_at,stale,previous,change,change_pct,year_ago,window,highest_since,lowest_since,run,first_period,gaps,history,spc"
}

@test "trend: run counts changes, since is where the run started (412 409 405 398 391)" {
	run field Barnet run "$T/run.ndjson"
	assert_output '{"direction":"down","length":4,"since":"2023-11"}'
}

@test "trend: previous, change and change_pct" {
	run field Barnet '[.previous, .change, .change_pct]' "$T/run.ndjson"
	assert_output '[{"period":"2024-02","value":398,"numerator":null,"denominator":null},-7,-1.7587939698492463]'
}

@test "trend: highest_since is the latest earlier period above the latest value (91.2 after 86.0, 93.5 before)" {
	run field A '[.highest_since, .lowest_since]' "$T/since.ndjson"
	assert_output '["2023-01","2023-05"]'
}

@test "trend: highest_since is null when nothing earlier was higher; a tie is not higher" {
	run field B '[.highest_since, .lowest_since]' "$T/since.ndjson"
	assert_output '[null,"2023-04"]'
}

@test "trend: a repeated value is a flat run, and ends an up run" {
	run field B run "$T/since.ndjson"
	assert_output '{"direction":"flat","length":1,"since":"2023-05"}'
}

@test "trend: window ties: the later period is the high, and is_high includes ties" {
	run field B '[.window.high, .window.is_high, .window.is_low]' "$T/since.ndjson"
	assert_output '[{"value":7,"period":"2023-06"},true,false]'
}

@test "trend: the window counts periods, not points (as at 2017-06: 2016-07..2017-06)" {
	run field W window "$T/window.ndjson"
	assert_output '{"length":12,"from":"2016-07","to":"2017-06","points":5,"high":{"value":40,"period":"2017-06"},"low":{"value":10,"period":"2017-02"},"mean":28,"numerator_sum":10,"denominator_sum":50,"is_high":true,"is_low":false}'
}

@test "trend: --window 3 is the last three periods whatever is missing" {
	run field W '[.window.from, .window.points, .window.mean]' "$T/window.ndjson" --window 3
	assert_output '["2017-04",2,40]'
}

@test "trend: gaps are absent periods and status missing, not suppressed ones" {
	run field W gaps "$T/window.ndjson"
	assert_output '["2016-02","2016-03","2016-04","2016-05","2016-08","2016-10","2016-11","2017-01","2017-03","2017-04"]'
	run field G gaps "$T/gaps.ndjson"
	assert_output '["2022-02","2022-04"]'
}

@test "trend: latest points suppressed: period is the latest with a value, stale counts periods since" {
	run field G '[.period, .value, .status, .source, .as_at, .stale, .previous.period]' "$T/gaps.ndjson"
	assert_output '["2022-05",11,"ok","t.csv:5","2022-07",2,"2022-03"]'
}

@test "trend: first_period is the first period with a value" {
	run field W first_period "$T/window.ndjson"
	assert_output '"2016-01"'
}

@test "trend: history keeps every observation, oldest first, with its status" {
	run field G '[.history[] | [.period, .value, .status]]' "$T/gaps.ndjson"
	assert_output '[["2022-01",10,"ok"],["2022-03",12,"ok"],["2022-04",null,"missing"],["2022-05",11,"ok"],["2022-06",null,"suppressed"],["2022-07",null,"suppressed"]]'
}

@test "trend: --history 2 keeps the last two observations" {
	run field G '[.history[].period]' "$T/gaps.ndjson" --history 2
	assert_output '["2022-06","2022-07"]'
}

@test "trend: quarters: year_ago is 4 quarters back" {
	run field Q '[.as_at, .year_ago.period, .year_ago.value, .window.from]' "$T/periods.ndjson"
	assert_output '["2022-Q2","2021-Q2",42,"2019-Q3"]'
}

@test "trend: years and financial years: year_ago is the year before" {
	run field Y '[.as_at, .year_ago.period, .run]' "$T/periods.ndjson"
	assert_output '["2022","2021",{"direction":"down","length":1,"since":"2021"}]'
	run field F '[.as_at, .year_ago.period, .change_pct, .window.is_low]' "$T/periods.ndjson"
	assert_output '["2021/22","2020/21",-50,true]'
}

@test "trend: year_ago is null when that period is absent" {
	run field Barnet year_ago "$T/run.ndjson"
	assert_output 'null'
}

@test "trend: a single point" {
	printf '{"indicator":"S","area":"One","period":"2020-05","period_type":"month","value":3,"status":"ok"}\n' >"$BATS_TEST_TMPDIR/one.ndjson"
	run field One '[.previous, .change, .change_pct, .run, .highest_since, .window.is_high, .window.is_low, .spc.points, .spc.status]' "$BATS_TEST_TMPDIR/one.ndjson"
	assert_output '[null,null,null,{"direction":"flat","length":0,"since":"2020-05"},null,true,true,1,"insufficient_data"]'
}

@test "trend: all values null: the latest observation, no value, stale and first_period null" {
	printf '{"indicator":"N","area":"Z","period":"2020-05","period_type":"month","value":null,"status":"suppressed","source":"n:1"}\n{"indicator":"N","area":"Z","period":"2020-06","period_type":"month","value":null,"status":"missing","source":"n:2"}\n' >"$BATS_TEST_TMPDIR/null.ndjson"
	run field Z '[.period, .value, .status, .stale, .first_period, .run, .previous, .gaps, .window.points, .window.high, .window.mean, .spc.points, .spc.status, .spc.variation]' "$BATS_TEST_TMPDIR/null.ndjson"
	assert_success
	assert_output '["2020-06",null,"missing",null,null,null,null,[],0,null,null,0,"insufficient_data",null]'
}

@test "trend: --as-at ignores later points" {
	run field Barnet '[.period, .as_at, .run, .window.to, (.history | length)]' "$T/run.ndjson" --as-at 2024-01
	assert_output '["2024-01","2024-01",{"direction":"down","length":2,"since":"2023-11"},"2024-01",3]'
}

@test "trend: --as-at after the last point makes the series stale" {
	run field Barnet '[.period, .as_at, .stale, .window.from]' "$T/run.ndjson" --as-at 2024-06
	assert_output '["2024-03","2024-06",3,"2023-07"]'
}

@test "trend: --as-at before the first point writes nothing and says so" {
	run kpi-trend --as-at 2020-01 "$T/run.ndjson"
	assert_success
	assert_output "kpi-trend: no series has an observation at or before 2020-01"
}

@test "trend: --as-at of another period type: as at the latest quarter ending by then" {
	run field Q '[.as_at, .period]' "$T/periods.ndjson" --as-at 2022-05
	assert_output '["2022-Q1","2022-Q1"]'
}

@test "trend: --as-at that is not a period is a usage error" {
	run kpi-trend --as-at June "$T/run.ndjson"
	assert_failure 2
	assert_output --partial "kpi-trend: --as-at: 'June' is not a period"
}

@test "trend: input order does not matter (byte-for-byte)" {
	kpi-trend "$T/window.ndjson" "$T/gaps.ndjson" "$T/since.ndjson" >"$BATS_TEST_TMPDIR/a"
	cat "$T/since.ndjson" "$T/window.ndjson" "$T/gaps.ndjson" | sort -r | kpi-trend >"$BATS_TEST_TMPDIR/b"
	run cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	assert_success
	[ "$(wc -l <"$BATS_TEST_TMPDIR/a")" -eq 4 ]
}

@test "trend: output sorted by catalogue order (missing last), then indicator, area, breakdown" {
	{
		printf '{"indicator":"b","area":"x","period":"2020","period_type":"year","value":1}\n'
		printf '{"indicator":"z","order":2,"area":"x","period":"2020","period_type":"year","value":1}\n'
		printf '{"indicator":"a","order":10,"area":"y","period":"2020","period_type":"year","value":1}\n'
		printf '{"indicator":"a","order":10,"area":"x","breakdown":"2","period":"2020","period_type":"year","value":1}\n'
		printf '{"indicator":"a","order":10,"area":"x","breakdown":"1","period":"2020","period_type":"year","value":1}\n'
		printf '{"indicator":"a","period":"2020","period_type":"year","value":1}\n'
	} >"$BATS_TEST_TMPDIR/order.ndjson"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/order.ndjson' | jq -r '[.indicator, .area, .breakdown] | join(\"/\")'"
	assert_output "z/x/
a/x/1
a/x/2
a/y/
a//
b/x/"
}

@test "trend: mixed period types in one series is a data error naming both sources" {
	printf '{"indicator":"X","area":"A","period":"2017-06","period_type":"month","value":1,"source":"a.csv:4"}\n{"indicator":"X","area":"A","period":"2017-Q2","period_type":"quarter","value":1,"source":"b.csv:2"}\n' >"$BATS_TEST_TMPDIR/mixed.ndjson"
	run kpi-trend "$BATS_TEST_TMPDIR/mixed.ndjson"
	assert_failure 1
	assert_output "kpi-trend: $BATS_TEST_TMPDIR/mixed.ndjson:2: period_type quarter (source b.csv:2) differs from month (source a.csv:4) in series \"X\", area \"A\""
}

@test "trend: a duplicate period is a data error; --keep-going rejects it and counts" {
	printf '{"indicator":"X","area":"A","period":"2017-06","period_type":"month","value":1,"source":"a.csv:4"}\n{"indicator":"X","area":"A","period":"2017-06","period_type":"month","value":2,"source":"b.csv:2"}\n' >"$BATS_TEST_TMPDIR/dup.ndjson"
	run kpi-trend "$BATS_TEST_TMPDIR/dup.ndjson"
	assert_failure 1
	assert_output 'kpi-trend: b.csv:2: duplicate observation for period 2017-06 in series "X", area "A" (also at a.csv:4)'
	run kpi-trend --keep-going --rejects "$BATS_TEST_TMPDIR/rej" "$BATS_TEST_TMPDIR/dup.ndjson"
	assert_failure 1
	assert_line --partial '"value":1,'
	assert_line 'kpi-trend: 2 records read, 1 written, 1 rejected'
	run jq -r .reason "$BATS_TEST_TMPDIR/rej"
	assert_output 'duplicate observation for period 2017-06 in series "X", area "A" (also at a.csv:4)'
}

@test "trend: an identical duplicate (same value, numbers and status) is merged into the first" {
	printf '{"indicator":"X","area":"A","period":"2017-06","period_type":"month","value":null,"status":"suppressed","source":"a.csv:4"}\n{"indicator":"X","area":"A","period":"2017-06","period_type":"month","value":null,"status":"suppressed","source":"b.csv:2"}\n' >"$BATS_TEST_TMPDIR/same.ndjson"
	run kpi-trend --keep-going "$BATS_TEST_TMPDIR/same.ndjson"
	assert_success
	assert_line --partial '"source":"a.csv:4"'
	assert_line 'kpi-trend: 2 records read, 2 written, 0 rejected'
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/same.ndjson' | jq -c '.history'"
	assert_output '[{"period":"2017-06","value":null,"numerator":null,"denominator":null,"status":"suppressed"}]'
}

@test "trend: raw observations (value as text) are rejected with the reason" {
	printf '{"indicator":"X","period":"2017-06","period_type":"month","value":"23.5%%"}\n' >"$BATS_TEST_TMPDIR/raw.ndjson"
	run kpi-trend "$BATS_TEST_TMPDIR/raw.ndjson"
	assert_failure 1
	assert_output "kpi-trend: $BATS_TEST_TMPDIR/raw.ndjson:1: value is a string, not a number or null (typed observations from kpi-normalise expected)"
}

@test "trend: a period that is not canonical for its type is a data error" {
	printf '{"indicator":"X","period":"Jun-17","period_type":"month","value":1}\n' >"$BATS_TEST_TMPDIR/p.ndjson"
	run kpi-trend "$BATS_TEST_TMPDIR/p.ndjson"
	assert_failure 1
	assert_output "kpi-trend: $BATS_TEST_TMPDIR/p.ndjson:1: period 'Jun-17' is not a canonical month period"
}

@test "trend: empty input writes nothing, exit 0" {
	run kpi-trend /dev/null
	assert_success
	assert_output ""
}

@test "trend: pass-through fields of the latest observation, in input order; fields trend sets are replaced" {
	printf '{"indicator":"X","ward":"w1","period":"2017-05","period_type":"month","value":1,"team":"old"}\n{"indicator":"X","spc":"junk","team":"t2","period":"2017-06","period_type":"month","value":2,"ward":"w2","rebase":false}\n' >"$BATS_TEST_TMPDIR/pt.ndjson"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/pt.ndjson' | jq -c '[.team, .ward, (keys_unsorted | index(\"team\") < index(\"ward\")), has(\"rebase\"), (.spc | type)]'"
	assert_output '["t2","w2",true,false,"object"]'
}

@test "trend: --every-period equals a loop of --as-at runs, byte for byte per as_at" {
	cat "$T/window.ndjson" "$T/gaps.ndjson" "$T/spc.ndjson" >"$BATS_TEST_TMPDIR/all.ndjson"
	kpi-trend --every-period "$BATS_TEST_TMPDIR/all.ndjson" >"$BATS_TEST_TMPDIR/every"
	# 98 months: the loop runs without bats' DEBUG trap, and counts lines
	# with mapfile rather than a $(wc) fork of the test's shell
	untraced every_period_is_the_loop
}
every_period_is_the_loop() {
	local n=0 y m p one every
	for y in 2016 2017 2018 2019 2020 2021 2022 2023 2024; do
		for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
			p=$y-$m
			[[ $p > 2024-02 ]] && break # the latest period in the input
			kpi-trend --as-at "$p" "$BATS_TEST_TMPDIR/all.ndjson" 2>/dev/null >"$BATS_TEST_TMPDIR/one"
			grep -F "\"as_at\":\"$p\"" "$BATS_TEST_TMPDIR/every" >"$BATS_TEST_TMPDIR/sel" || true
			cmp "$BATS_TEST_TMPDIR/one" "$BATS_TEST_TMPDIR/sel"
			mapfile -t one <"$BATS_TEST_TMPDIR/one"
			n=$((n + ${#one[@]}))
		done
	done
	mapfile -t every <"$BATS_TEST_TMPDIR/every"
	[ "$n" -eq "${#every[@]}" ]
	[ "$n" -gt 40 ]
}

@test "trend: --every-period writes each series' summaries together, as_at ascending, up to --as-at" {
	run bash -c "set -o pipefail; kpi-trend --every-period '$T/since.ndjson' '$T/gaps.ndjson' | jq -r '.area + \" \" + .as_at' | uniq -c | awk '{ print \$1, \$2 }' | uniq"
	assert_output "1 G
1 A
1 B"
	run bash -c "set -o pipefail; kpi-trend --every-period --as-at 2022-07 '$T/gaps.ndjson' '$T/run.ndjson' | jq -r '.area + \" \" + .as_at + \" \" + .period + \" \" + (.stale | tostring)'"
	assert_output "G 2022-01 2022-01 0
G 2022-02 2022-01 1
G 2022-03 2022-03 0
G 2022-04 2022-03 1
G 2022-05 2022-05 0
G 2022-06 2022-05 1
G 2022-07 2022-05 2"
}

@test "trend: output is reproducible, byte for byte" {
	a=$(kpi-trend --every-period "$T/spc.ndjson" | md5sum)
	b=$(kpi-trend --every-period "$T/spc.ndjson" | md5sum)
	[ "$a" = "$b" ]
}

@test "trend: a line that is not JSON is a data error; --keep-going uses the rest" {
	{ cat "$T/run.ndjson"; printf '{"indicator": oops}\n'; } >"$BATS_TEST_TMPDIR/bad.ndjson"
	run kpi-trend "$BATS_TEST_TMPDIR/bad.ndjson"
	assert_failure 1
	assert_output --regexp "^kpi-trend: $BATS_TEST_TMPDIR/bad.ndjson:6: invalid JSON"
	run kpi-trend --keep-going "$BATS_TEST_TMPDIR/bad.ndjson"
	assert_failure 1
	assert_line --partial '"run":{"direction":"down","length":4,"since":"2023-11"}'
	assert_line 'kpi-trend: 6 records read, 5 written, 1 rejected'
}

@test "trend: a record without indicator, period or period_type is rejected with the reason" {
	printf '{"period":"2017-06","period_type":"month","value":1}\n' >"$BATS_TEST_TMPDIR/a.ndjson"
	run kpi-trend "$BATS_TEST_TMPDIR/a.ndjson"
	assert_failure 1
	assert_output "kpi-trend: $BATS_TEST_TMPDIR/a.ndjson:1: no indicator"
	printf '{"indicator":"X","period":"2017-06","value":1}\n' >"$BATS_TEST_TMPDIR/b.ndjson"
	run kpi-trend "$BATS_TEST_TMPDIR/b.ndjson"
	assert_failure 1
	assert_output "kpi-trend: $BATS_TEST_TMPDIR/b.ndjson:1: no period_type (typed observations from kpi-normalise expected)"
	printf '{"indicator":"X","period":"2017-06","period_type":"fortnight","value":1}\n' >"$BATS_TEST_TMPDIR/c.ndjson"
	run kpi-trend "$BATS_TEST_TMPDIR/c.ndjson"
	assert_failure 1
	assert_output "kpi-trend: $BATS_TEST_TMPDIR/c.ndjson:1: unknown period_type 'fortnight'"
}

@test "trend: a --rebase period applies to series of its own period type only" {
	run bash -c "set -o pipefail; kpi-trend --rebase 2021-Q3 '$T/periods.ndjson' | jq -r '.area + \" \" + .spc.segment_start'"
	assert_output "F 2019/20
Q 2021-Q3
Y 2018"
}

@test "trend: a series is indicator, area and the breakdown's identity (object or string; totals are the total series)" {
	{
		printf '{"indicator":"a","area":"x","breakdown":{"age":"Total","sex":"Male"},"period":"2020","period_type":"year","value":1}\n'
		printf '{"indicator":"a","area":"x","breakdown":{"SEX":"male"},"period":"2021","period_type":"year","value":2}\n'
		printf '{"indicator":"a","area":"x","breakdown":"Female","period":"2020","period_type":"year","value":3}\n'
		printf '{"indicator":"a","area":"x","breakdown":{"breakdown":"female"},"period":"2021","period_type":"year","value":4}\n'
		printf '{"indicator":"a","area":"x","period":"2020","period_type":"year","value":5}\n'
		printf '{"indicator":"a","area":"x","breakdown":"Total","period":"2021","period_type":"year","value":6}\n'
		printf '{"indicator":"a","area":"x","breakdown":{"age":"All ages"},"period":"2022","period_type":"year","value":7}\n'
	} > "$BATS_TEST_TMPDIR/bd.ndjson"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/bd.ndjson' | jq -c '[.breakdown, .value, [.history[].value]]'"
	assert_success
	assert_output '[{"age":"All ages"},7,[5,6,7]]
[{"breakdown":"female"},4,[3,4]]
[{"SEX":"male"},2,[1,2]]'
	# a breakdown that is not a string or an object of strings is rejected
	run kpi-trend <<< '{"indicator":"a","area":"x","breakdown":3,"period":"2020","period_type":"year","value":1}'
	assert_failure 1
	assert_output 'kpi-trend: -:1: breakdown is a number, not a string, an object of column -> value, or null'
	# messages name the breakdown in a reader's words
	printf '%s\n' '{"indicator":"a","area":"x","breakdown":{"age":"Under 1","sex":"Male"},"period":"2020","period_type":"year","value":1,"source":"s.csv:2"}' '{"indicator":"a","area":"x","breakdown":{"sex":"Male","age":"Under 1"},"period":"2020","period_type":"year","value":2,"source":"s.csv:3"}' > "$BATS_TEST_TMPDIR/dup.ndjson"
	run kpi-trend "$BATS_TEST_TMPDIR/dup.ndjson"
	assert_failure 1
	assert_output 'kpi-trend: s.csv:3: duplicate observation for period 2020 in series "a", area "x", breakdown "Male, Under 1" (also at s.csv:2)'
}

@test "trend: a date series on one day of the year (as at 30 September) steps by year" {
	for y in 2019 2020 2022 2023 2024 2025; do
		printf '{"indicator":"sw","area":"E","period":"%s-09-30","period_type":"date","value":%d}\n' "$y" $((y - 2000))
	done > "$BATS_TEST_TMPDIR/snap.ndjson"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/snap.ndjson' | jq -c '[.as_at, .stale, .previous.period, .year_ago.period, .window.from, .window.points, .gaps, .first_period]'"
	assert_success
	assert_output '["2025-09-30",0,"2024-09-30","2024-09-30","2014-09-30",6,["2021-09-30"],"2019-09-30"]'
	run bash -c "set -o pipefail; kpi-trend --every-period '$BATS_TEST_TMPDIR/snap.ndjson' | jq -r .as_at | tr '\n' ' '"
	assert_output '2019-09-30 2020-09-30 2021-09-30 2022-09-30 2023-09-30 2024-09-30 2025-09-30 '
	# as at a month: the latest 30 September by then
	run bash -c "set -o pipefail; kpi-trend --as-at 2025-03 '$BATS_TEST_TMPDIR/snap.ndjson' | jq -c '[.as_at, .period, .value]'"
	assert_output '["2024-09-30","2024-09-30",24]'
	# dates on different days stay days
	printf '%s\n' '{"indicator":"d","area":"E","period":"2025-09-30","period_type":"date","value":1}' '{"indicator":"d","area":"E","period":"2025-10-02","period_type":"date","value":2}' > "$BATS_TEST_TMPDIR/days.ndjson"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/days.ndjson' | jq -c '[.as_at, .gaps]'"
	assert_output '["2025-10-02",["2025-10-01"]]'
}

@test "trend: not_available is a gap like missing; suppressed and rounds_to_zero are not" {
	for p in 01 02 03 04 05 06; do
		case $p in 02) st=not_available v=null ;; 03) st=suppressed v=null ;; 04) st=rounds_to_zero v=null ;; 05) st=missing v=null ;; *) st=ok v=1 ;; esac
		printf '{"indicator":"g","area":"E","period":"2025-%s","period_type":"month","value":%s,"status":"%s"}\n' "$p" "$v" "$st"
	done > "$BATS_TEST_TMPDIR/gaps.ndjson"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/gaps.ndjson' | jq -c .gaps"
	assert_output '["2025-02","2025-05"]'
}

@test "trend: change is the difference as the decimals subtract: 61.2 after 60.9 is 0.3, not 0.30000000000000426" {
	printf '%s\n' '{"indicator":"cla_rate_per_10k","period":"2024","value":"60.9","area":"Leeds"}' \
		'{"indicator":"cla_rate_per_10k","period":"2025","value":"61.2","area":"Leeds"}' >"$BATS_TEST_TMPDIR/c.ndjson"
	run bash -c "set -o pipefail; kpi-normalise '$BATS_TEST_TMPDIR/c.ndjson' | kpi-trend | jq -c '[.change, .change_pct]'"
	assert_success
	assert_output '[0.3,0.49261083743842365]'
}
