#!/usr/bin/env bats
# kpi-flag --targets: staged targets, the target in force, gap, met, needed, RAG, overrides.
load helper
bats_require_minimum_version 1.5.0

base="$DATA/flag/base.ndjson"
staged="$DATA/flag/targets-staged.csv"

# flag JQ-CHANGE JQ-SHOW [OPTIONS]: the base summary changed, judged, one field shown
flag() {
	local change="$1" show="$2"
	shift 2
	jq -c "$change" "$base" | kpi-flag "$@" | jq -c "$show"
}

@test "targets: staged, in force as at each month boundary" {
	# 80 by Sep-24, then 95 by March 2025
	run flag '.as_at = "2024-08"' '.target' -t "$staged"
	assert_output '{"value":80,"due":"2024-09"}'
	run flag '.as_at = "2024-09"' '.target' -t "$staged"
	assert_output '{"value":80,"due":"2024-09"}'
	run flag '.as_at = "2024-10"' '.target' -t "$staged"
	assert_output '{"value":95,"due":"2025-03"}'
	run flag '.as_at = "2025-03"' '.target' -t "$staged"
	assert_output '{"value":95,"due":"2025-03"}'
	# after the last due date, the last target stays in force
	run flag '.as_at = "2025-04"' '.target' -t "$staged"
	assert_output '{"value":95,"due":"2025-03"}'
	run flag '.as_at = "2024-08"' '.targets' -t "$staged"
	assert_output '[{"value":80,"due":"2024-09"},{"value":95,"due":"2025-03"}]'
}

@test "targets: in force as at financial quarters and years (by the end of the period)" {
	local q='.period_type = "financial_quarter" | .period = $p | .as_at = $p | del(.history, .first_period)'
	run bash -c "set -o pipefail; jq -c --arg p 2024/25-Q2 '$q' '$base' | kpi-flag -t '$staged' | jq -c .target.value"
	assert_output '80'
	run bash -c "set -o pipefail; jq -c --arg p 2024/25-Q3 '$q' '$base' | kpi-flag -t '$staged' | jq -c .target.value"
	assert_output '95'
	local y='.period_type = "financial_year" | .period = $p | .as_at = $p | del(.history, .first_period)'
	run bash -c "set -o pipefail; jq -c --arg p 2024/25 '$y' '$base' | kpi-flag -t '$staged' | jq -c .target.value"
	assert_output '95'
	run bash -c "set -o pipefail; jq -c --arg p 2023/24 '$y' '$base' | kpi-flag -t '$staged' | jq -c .target.value"
	assert_output '80'
}

@test "targets: an undated row is in force after every dated one; rows are sorted by due" {
	printf 'indicator,target,due\ncla_visits_in_time_pct,99,\ncla_visits_in_time_pct,95,Mar-25\ncla_visits_in_time_pct,80,Sep-24\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.as_at = "2025-06"' '[.target, .targets]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[{"value":99,"due":null},[{"value":80,"due":"2024-09"},{"value":95,"due":"2025-03"},{"value":99,"due":null}]]'
}

@test "targets: gap, met and RAG, higher is better (default tolerance 5 points)" {
	printf 'indicator,target,due\ncla_visits_in_time_pct,90%%,Mar-25\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.value = 90' '[.target_gap, .target_met, .rag]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[0,true,"green"]'
	run flag '.value = 85' '[.target_gap, .target_met, .rag]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[-5,false,"amber"]'
	run flag '.value = 84.9' '[.target_met, .rag]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[false,"red"]'
	run flag '.value = 97' '[.target_gap, .target_met, .rag]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[7,true,"green"]'
}

@test "targets: gap, met and RAG, lower is better" {
	printf 'indicator,target,due\ncla_visits_in_time_pct,10,Mar-25\n' > "$BATS_TEST_TMPDIR/t.csv"
	local pol='.polarity = "lower_is_better"'
	run flag "$pol | .value = 10" '[.target_gap, .target_met, .rag]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[0,true,"green"]'
	run flag "$pol | .value = 15" '[.target_gap, .target_met, .rag]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[5,false,"amber"]'
	run flag "$pol | .value = 15.1" '[.target_met, .rag]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[false,"red"]'
	run flag "$pol | .value = 4" '[.target_met, .rag]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[true,"green"]'
}

@test "targets: neutral indicators get a gap but no met and no RAG" {
	printf 'indicator,target,due\ncla_visits_in_time_pct,10,Mar-25\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.polarity = "neutral" | .value = 12' '[.target_gap, .target_met, .rag, .target_needed, .flags]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[2,null,null,null,["window_low"]]'
}

@test "targets: tolerance for counts is 5% of the target; row and --tolerance override it" {
	printf 'indicator,target,due\ncla_visits_in_time_pct,20,Mar-25\n' > "$BATS_TEST_TMPDIR/t.csv"
	local cnt='.unit = "count" | .polarity = "lower_is_better" | del(.numerator, .denominator)'
	run flag "$cnt | .value = 21" '.rag' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '"amber"'
	run flag "$cnt | .value = 21.5" '.rag' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '"red"'
	run flag "$cnt | .value = 22" '.rag' -t "$BATS_TEST_TMPDIR/t.csv" --tolerance 10%
	assert_output '"amber"'
	run flag "$cnt | .value = 22.5" '.rag' -t "$BATS_TEST_TMPDIR/t.csv" --tolerance 10%
	assert_output '"red"'
	run flag "$cnt | .value = 23" '.rag' -t "$BATS_TEST_TMPDIR/t.csv" --tolerance 3
	assert_output '"amber"'
	printf 'indicator,target,due,tolerance\ncla_visits_in_time_pct,20,Mar-25,0\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag "$cnt | .value = 20.5" '.rag' -t "$BATS_TEST_TMPDIR/t.csv" --tolerance 3
	assert_output '"red"'
}

@test "targets: a percent's tolerance is in points, written with or without %" {
	printf 'indicator,target,due,tolerance\ncla_visits_in_time_pct,90,Mar-25,2%%\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.value = 88' '.rag' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '"amber"'
	run flag '.value = 87.9' '.rag' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '"red"'
	printf 'indicator,target,due\ncla_visits_in_time_pct,90,Mar-25\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.value = 89' '.rag' -t "$BATS_TEST_TMPDIR/t.csv" --tolerance 1
	assert_output '"amber"'
	run flag '.value = 88.9' '.rag' -t "$BATS_TEST_TMPDIR/t.csv" --tolerance 1
	assert_output '"red"'
}

@test "targets: target_needed, the numerator that would just meet the target" {
	# 43 of 361 (11.9%) against 9.0%, lower is better: would need to fall to 32 (32/361 = 8.86%)
	printf 'indicator,target,due\ncla_visits_in_time_pct,9,Mar-23\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.polarity = "lower_is_better" | .value = 11.9 | .numerator = 43 | .denominator = 361' '[.target_needed, .target_gap]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[32,2.9000000000000004]'
	# 268 of 361 against 80%, higher is better: 289 (288 is 79.8%)
	printf 'indicator,target,due\ncla_visits_in_time_pct,80,Mar-23\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.value = 74.2 | .numerator = 268 | .denominator = 361' '.target_needed' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '289'
	# exactly on the target counts as meeting it
	printf 'indicator,target,due\ncla_visits_in_time_pct,90,Mar-23\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.numerator = 85 | .denominator = 100' '.target_needed' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '90'
	run flag '.polarity = "lower_is_better" | .numerator = 95 | .denominator = 100' '.target_needed' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '90'
	# a target no numerator can meet, and a count: null
	printf 'indicator,target,due\ncla_visits_in_time_pct,101,Mar-23\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.' '.target_needed' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output 'null'
	run flag '.unit = "count"' '.target_needed' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output 'null'
}

@test "targets: area rows apply to their area; other areas take the rows without one" {
	printf 'indicator,area,target,due\ncla_visits_in_time_pct,,90,Mar-25\ncla_visits_in_time_pct,northbridge,85,Mar-25\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.' '.target.value' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '85'
	run flag '.area = "Southport"' '.target.value' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '90'
	run flag '.indicator = "other"' '[.target, .targets]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '[null,[]]'
}

@test "targets: a missed target due next period is an issue; with months left it is not" {
	local rising='.window.is_low = false | .value = 79 | .change = 1.9 | .previous.value = 77.1 | .year_ago.value = 75'
	run flag "$rising | .as_at = \"2024-08\"" '[.assessment, .reasons]' -t "$staged"
	assert_output '["issue",["target_missed","target_due"]]'
	run flag "$rising | .as_at = \"2024-07\"" '[.assessment, .reasons, .flags]' -t "$staged"
	assert_output '["improvement",["latest_improving"],["target_missed"]]'
	# due already passed (as at after the last due date)
	run flag "$rising | .as_at = \"2025-05\"" '[.assessment, .reasons]' -t "$staged"
	assert_output '["issue",["target_missed","target_due"]]'
}

@test "targets: assessment and reason columns override the judgement" {
	printf 'indicator,target,due,assessment,reason\ncla_visits_in_time_pct,,,improvement,recording catch-up under way\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.' '[.assessment, .reasons, .target, .flags]' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '["improvement",["override","recording catch-up under way"],null,["window_low"]]'
	run bash -c "kpi-flag -e -t '$BATS_TEST_TMPDIR/t.csv' '$base'"
	assert_output "cla_visits_in_time_pct (Northbridge): improvement: set in the targets file: recording catch-up under way"
}

@test "targets: label is kept with the target" {
	printf 'indicator,target,due,label\ncla_visits_in_time_pct,90,Mar-25,Improvement plan\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.' '.target' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '{"value":90,"due":"2025-03","label":"Improvement plan"}'
}

@test "targets: BOM, CRLF, quoted cells and spaces in the targets file" {
	printf '\xef\xbb\xbfIndicator , Target,Due\r\n"cla_visits_in_time_pct"," 90%% ", March 2025 \r\n' > "$BATS_TEST_TMPDIR/t.csv"
	run flag '.' '.target' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '{"value":90,"due":"2025-03"}'
}

@test "targets: bad targets files stop with FILE:LINE and exit 1" {
	local t="$BATS_TEST_TMPDIR/t.csv"
	printf 'indicator,target\nx,1\n' > "$t"
	run kpi-flag -t "$t" "$base"
	assert_failure 1
	assert_output "kpi-flag: $t:1: targets file has no 'due' column (needs indicator,target,due)"
	printf 'indicator,target,due\nx,ninety,Mar-25\n' > "$t"
	run kpi-flag -t "$t" "$base"
	assert_failure 1
	assert_output "kpi-flag: $t:2: target 'ninety' is not a number"
	printf 'indicator,target,due\nx,90,Mar-25\nx,90,Smarch 2025\n' > "$t"
	run kpi-flag -t "$t" "$base"
	assert_failure 1
	assert_output --regexp "^kpi-flag: $t:3: due: "
	printf 'indicator,target,due,assessment\nx,,,great\n' > "$t"
	run kpi-flag -t "$t" "$base"
	assert_failure 1
	assert_output "kpi-flag: $t:2: assessment 'great' is not improvement, issue, stable or no_data"
	printf 'indicator,target,due\nx,,\n' > "$t"
	run kpi-flag -t "$t" "$base"
	assert_failure 1
	assert_output "kpi-flag: $t:2: row has neither a target nor an assessment"
	printf 'indicator,target,due,tolerance\nx,1,,-2\n' > "$t"
	run kpi-flag -t "$t" "$base"
	assert_failure 1
	assert_output "kpi-flag: $t:2: tolerance '-2' is not a number >= 0"
	: > "$t"
	run kpi-flag -t "$t" "$base"
	assert_failure 1
	assert_output "kpi-flag: $t: targets file is empty (needs a header indicator,target,due)"
	run kpi-flag -t "$BATS_TEST_TMPDIR/none.csv" "$base"
	assert_failure 2
}

@test "targets and benchmarks files that cannot be opened or read: exit 2, FILE: reason, nothing written" {
	for opt in --targets --benchmarks; do
		run --separate-stderr kpi-flag "$opt" /nonexistent.csv "$base"
		assert_failure 2
		[ "$stderr" = "kpi-flag: /nonexistent.csv: No such file or directory" ]
		[ -z "$output" ]
		run --separate-stderr kpi-flag "$opt" / "$base"
		assert_failure 2
		[ "$stderr" = "kpi-flag: /: Is a directory" ]
		[ -z "$output" ]
	done
}
