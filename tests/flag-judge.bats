#!/usr/bin/env bats
# kpi-flag: the judgement end to end, from the command line.  The rule case by
# case (the sentences of the seed reports) is in tests/unit/test_judge.c, on
# kpi-trend's summaries of tests/data/judge/cases.tsv; these run a few of
# them through the tool, with their --explain line.
load helper
bats_require_minimum_version 1.5.0

base="$DATA/flag/base.ndjson"

judge() {
	local change="$1"
	shift
	jq -c "$change" "$base" | kpi-flag "$@" | jq -c '[.assessment, .reasons, .flags]'
}
explain() {
	local change="$1"
	shift
	jq -c "$change" "$base" | kpi-flag --explain "$@"
}

@test "judge: 'Areas of concern related to the timeliness and quality of pathway planning' (12-month low, target met)" {
	printf 'indicator,target,due\ncla_visits_in_time_pct,75%%,Mar-25\n' > "$BATS_TEST_TMPDIR/t.csv"
	run judge '.' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '["issue",["window_low"],["window_low","target_met"]]'
	run explain '.' -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output "cla_visits_in_time_pct (Northbridge): issue: lowest in 12 months (78.2%, Mar 24); meets target 75% by Mar 25"
}

@test "judge: 'The target for the number of foster families had been achieved (15) and had been increased to 25'" {
	local foster='.indicator = "foster_carers_approved_count" | .unit = "count" | .value = 16 | .previous.value = 15 | .change = 1 | .change_pct = 6.67 | .window.is_low = false | .window.is_high = false | .run = {"direction":"up","length":3,"since":"2016-10"} | .first_period = "2014-04" | del(.numerator, .denominator, .year_ago, .history)'
	printf 'indicator,target,due\nfoster_carers_approved_count,15,Mar-16\nfoster_carers_approved_count,25,Mar-18\n' > "$BATS_TEST_TMPDIR/t.csv"
	run judge "$foster | .as_at = \"2017-01\" | .period = \"2017-01\"" -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '["improvement",["latest_improving","run_improving"],["run_improving","target_missed"]]'
	run explain "$foster | .as_at = \"2017-01\" | .period = \"2017-01\" | .previous.period = \"2016-12\"" -t "$BATS_TEST_TMPDIR/t.csv"
	# an improvement off target: --explain gives the rule that placed it
	assert_output "foster_carers_approved_count (Northbridge): improvement: up from 15 in Dec 16 to 16; up 3 months running since Oct 16; below target 25 by Mar 18; off target, but the latest move is not bad and the target is not due this period or the next, so rule 11 lists it under Improvement, marked off target"
	# due next period instead, it is a current issue (rule 6)
	printf 'indicator,target,due\nfoster_carers_approved_count,25,Feb-17\n' > "$BATS_TEST_TMPDIR/t2.csv"
	run explain "$foster | .as_at = \"2017-01\" | .period = \"2017-01\" | .previous.period = \"2016-12\"" -t "$BATS_TEST_TMPDIR/t2.csv"
	assert_output "foster_carers_approved_count (Northbridge): issue: below target 25 due Feb 17"
	# placed by the targets file, it says so
	printf 'indicator,target,due,assessment,reason\nfoster_carers_approved_count,25,Mar-18,improvement,recruitment campaign\n' > "$BATS_TEST_TMPDIR/t3.csv"
	run explain "$foster | .as_at = \"2017-01\" | .period = \"2017-01\" | .previous.period = \"2016-12\"" -t "$BATS_TEST_TMPDIR/t3.csv"
	assert_output "foster_carers_approved_count (Northbridge): improvement: set in the targets file: recruitment campaign; below target 25 by Mar 18; off target: the targets file lists it under Improvement, marked off target"
}

@test "judge: 'Members asked why were the EHCP still at 14% of completion within the 20 week target' (58% promised by December 2019)" {
	local ehcp='.indicator = "ehcp_20_weeks_pct" | .period = "2020-01" | .as_at = "2020-01" | .value = 14 | .numerator = 14 | .denominator = 100 | .previous = {"period":"2019-12","value":12} | .change = 2 | .window.is_low = false | .window.is_high = true | .first_period = "2015-04" | del(.history, .year_ago)'
	printf 'indicator,target,due\nehcp_20_weeks_pct,58,December 2019\n' > "$BATS_TEST_TMPDIR/t.csv"
	run judge "$ehcp" -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output '["issue",["target_missed","target_due"],["window_high","target_missed"]]'
	run explain "$ehcp" -t "$BATS_TEST_TMPDIR/t.csv"
	assert_output "ehcp_20_weeks_pct (Northbridge): issue: below target 58% due Dec 19"
}

@test "judge: 'In January, 2017 50% of the Health Assessments of LAC carried out. The 50% was two children' (--small-n)" {
	local ha='.value = 50 | .numerator = 1 | .denominator = 2 | .previous = {"period":"2024-02","value":66.7,"numerator":2,"denominator":3} | .change = -16.7 | .window.is_low = false | del(.year_ago, .history)'
	run judge "$ha"
	assert_output '["issue",["latest_worsening"],["small_denominator"]]'
	run judge "$ha" --small-n stable
	assert_output '["stable",["small_denominator"],["small_denominator"]]'
	run explain "$ha" --small-n stable
	assert_output "cla_visits_in_time_pct (Northbridge): stable: change within the interval of a small number (50.0% (1 of 2))"
	run explain "$ha"
	assert_output "cla_visits_in_time_pct (Northbridge): issue: down from 66.7% in Feb 24 to 50.0%; low numbers: 50.0% (1 of 2)"
}

@test "judge: 'School moves were very low in December but some of this was planned' (neutral: stable)" {
	run judge '.polarity = "neutral" | .unit = "count" | .value = 3 | del(.numerator, .denominator)'
	assert_output '["stable",["neutral_polarity"],["window_low"]]'
	run explain '.polarity = "neutral" | .unit = "count" | .value = 3 | del(.numerator, .denominator)'
	assert_output "cla_visits_in_time_pct (Northbridge): stable: 3 in Mar 24 (neutral indicator, not judged)"
}

@test "judge: 'The changeover had created a number of challenges in terms of data quality and reporting' (error value)" {
	run judge '.value = null | .status = "error" | .value_raw = "#VALUE!"'
	assert_output '["issue",["data_error"],[]]'
	run explain '.value = null | .status = "error" | .value_raw = "#VALUE!"'
	assert_output "cla_visits_in_time_pct (Northbridge): issue: the latest value is an error (#VALUE!)"
}

@test "judge: kpi-trend | kpi-flag: 'improving every month since reporting began'" {
	command -v kpi-trend > /dev/null || skip "kpi-trend is not built"
	for m in 04 05 06 07 08 09 10; do
		printf '{"indicator":"peps_in_time_pct","unit":"percent","polarity":"higher_is_better","area":"Northbridge","period":"2022-%s","period_type":"month","value":%s,"status":"ok"}\n' "$m" "$((40 + 10#$m * 3))"
	done > "$BATS_TEST_TMPDIR/obs.ndjson"
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/obs.ndjson' | kpi-flag | jq -c '[.assessment, .reasons, .flags]'"
	assert_success
	assert_output '["improvement",["window_high"],["window_high","run_improving","reporting_commenced"]]'
	run bash -c "set -o pipefail; kpi-trend '$BATS_TEST_TMPDIR/obs.ndjson' | kpi-flag -e"
	assert_output "peps_in_time_pct (Northbridge): improvement: highest in 12 months (70.0%, Oct 22)"
}

@test "judge: 'This showed a continuing downward trend' (SPC special cause at the latest point)" {
	local spc='.window.is_low = false | .value = 80.5 | .change = 0.4 | .spc.variation = "concern_low" | .spc.signals = [{"period":"2024-02","rule":"shift","class":"concern"},{"period":"2024-03","rule":"shift","class":"concern"}]'
	run judge "$spc"
	assert_output '["issue",["spc_concern"],["spc_concern"]]'
	run explain "$spc"
	assert_output "cla_visits_in_time_pct (Northbridge): issue: special cause concern (SPC: shift)"
	# without a variation, the signal at the latest period decides
	run judge "$spc | del(.spc.variation)"
	assert_output '["issue",["spc_concern"],["spc_concern"]]'
	# a signal at an earlier period only is common cause now
	run judge "$spc | del(.spc.variation) | .spc.signals = [.spc.signals[0]]"
	assert_output '["issue",["slight_improving","worse_than_year_ago","worse_than_mean"],[]]'
	run judge "$spc | .spc.variation = \"improvement_high\""
	assert_output '["improvement",["spc_improvement"],["spc_improvement"]]'
}

@test "judge: test_judge's summaries are what kpi-trend writes now (else: tests/data/judge/make-summaries)" {
	run --separate-stderr "$REPO/tests/data/judge/make-summaries"
	assert_success
	[ -z "$stderr" ]
	[ "$(printf '%s\n' "$output" | wc -l)" -ge 40 ]
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/now.ndjson"
	run diff "$REPO/tests/data/judge/summaries.ndjson" "$BATS_TEST_TMPDIR/now.ndjson"
	if [ "$status" -ne 0 ]; then
		echo "kpi-trend's summaries changed: review the diff, then"
		echo "  tests/data/judge/make-summaries >tests/data/judge/summaries.ndjson"
		echo "$output" | head -20
		return 1
	fi
}
