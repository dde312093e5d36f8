#!/usr/bin/env bats
# kpi-flag: command line, pass-through, output fields, errors, flags, intervals.
load helper
bats_require_minimum_version 1.5.0

base="$DATA/flag/base.ndjson"
# the base summary (a monthly percent, Northbridge, as at 2024-03) changed by a jq expression
summary() { jq -c "$1" "$base"; }

minimal='{"indicator":"x","unit":"percent","polarity":"higher_is_better","period":"2024-03","as_at":"2024-03","value":50,"numerator":5,"denominator":10,"custom":[1,{"a":null}]}'

@test "flag: --help and --version" {
	run kpi-flag --help
	assert_success
	assert_line --index 0 "Usage: kpi-flag [OPTION]... [FILE]..."
	assert_output --partial "--benchmark-area NAME"
	run kpi-flag -V
	assert_success
	assert_output --regexp '^kpi-flag \(kpi\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "flag: an unknown option is a usage error" {
	run kpi-flag --frobnicate
	assert_failure 2
	assert_line --index 1 "Try 'kpi-flag --help' for more information."
}

@test "flag: bad option values exit 2 with a message" {
	run kpi-flag --small-n sometimes
	assert_failure 2
	assert_line --index 0 "kpi-flag: --small-n: 'sometimes' is not stable or caveat"
	run kpi-flag --tolerance lots
	assert_failure 2
	assert_line --index 0 "kpi-flag: --tolerance: 'lots' is not a number >= 0 (5, 2.5 or 5%)"
	run kpi-flag --small-denominator -3
	assert_failure 2
	run kpi-flag --window 0
	assert_failure 2
}

@test "flag: empty input gives no output" {
	run kpi-flag < /dev/null
	assert_success
	assert_output ""
}

@test "flag: exact output: pass-through fields in order, then the judgement" {
	run kpi-flag <<< "$minimal"
	assert_success
	assert_output '{"indicator":"x","unit":"percent","polarity":"higher_is_better","period":"2024-03","as_at":"2024-03","value":50,"numerator":5,"denominator":10,"custom":[1,{"a":null}],"target":null,"targets":[],"target_gap":null,"target_met":null,"target_needed":null,"rag":null,"benchmark":null,"interval":{"lower":23.659309051256397,"upper":76.3406909487436,"method":"wilson"},"spc_assurance":null,"movement":null,"movement_basis":null,"movement_band":null,"assessment":"stable","reasons":["no_previous"],"flags":["small_denominator"]}'
}

@test "flag: judging judged output again replaces the fields, never duplicates them" {
	run bash -c "set -o pipefail; kpi-flag <<< '$minimal' | kpi-flag"
	assert_success
	[ "$(grep -o '"assessment"' <<< "$output" | wc -l)" -eq 1 ]
	[ "$(grep -o '"flags"' <<< "$output" | wc -l)" -eq 1 ]
	run bash -c "set -o pipefail; kpi-flag <<< '$minimal' | kpi-flag | cmp - <(kpi-flag <<< '$minimal')"
	assert_success
}

@test "flag: BOM and CRLF input" {
	run bash -c "set -o pipefail; printf '\xef\xbb\xbf%s\r\n' '$minimal' | kpi-flag | jq -r .assessment"
	assert_success
	assert_output "stable"
}

@test "flag: a line that is not JSON stops with FILE:LINE and exit 1" {
	printf '%s\n{bad\n' "$minimal" > "$BATS_TEST_TMPDIR/in.ndjson"
	run kpi-flag "$BATS_TEST_TMPDIR/in.ndjson"
	assert_failure 1
	assert_line --index 1 "kpi-flag: $BATS_TEST_TMPDIR/in.ndjson:2: invalid JSON at column 2: object key expected"
}

@test "flag: --keep-going --rejects writes the good, keeps the bad, counts both" {
	printf '%s\n{bad\n{"x":1}\n%s\n' "$minimal" "$minimal" > "$BATS_TEST_TMPDIR/in.ndjson"
	run kpi-flag --rejects "$BATS_TEST_TMPDIR/rej" "$BATS_TEST_TMPDIR/in.ndjson"
	assert_failure 1
	assert_line "kpi-flag: $BATS_TEST_TMPDIR/in.ndjson:3: record has no indicator (is it a series summary from kpi-trend?)"
	assert_line "kpi-flag: 4 records read, 2 written, 2 rejected"
	[ "$(grep -c '"assessment"' <<< "$output")" -eq 2 ]
	run jq -r .reason "$BATS_TEST_TMPDIR/rej"
	assert_output "invalid JSON at column 2: object key expected
record has no indicator (is it a series summary from kpi-trend?)"
}

@test "flag: bad fields are bad data: polarity, value, periods" {
	run kpi-flag <<< '{"indicator":"a","polarity":"up"}'
	assert_failure 1
	assert_output "kpi-flag: -:1: polarity 'up' is not higher_is_better, lower_is_better or neutral"
	run kpi-flag <<< '{"indicator":"a","value":"12"}'
	assert_failure 1
	assert_output "kpi-flag: -:1: value is not a number or null"
	run kpi-flag <<< '{"indicator":"a","value":1,"as_at":"Mar 24"}'
	assert_failure 1
	assert_output "kpi-flag: -:1: as_at 'Mar 24' is not a canonical period (2024-03, 2023/24, 2024-Q1, ...)"
	run kpi-flag <<< '{"indicator":"a","value":1,"period":"2024-03","as_at":"2024-Q1"}'
	assert_failure 1
	assert_output "kpi-flag: -:1: as_at '2024-Q1' is not a canonical period (2024-03, 2023/24, 2024-Q1, ...)"
	run kpi-flag <<< '{"indicator":"a","value":1,"period":7}'
	assert_failure 1
	assert_output "kpi-flag: -:1: period is not a string"
}

@test "flag: an unreadable file exits 2" {
	run kpi-flag "$BATS_TEST_TMPDIR/none.ndjson"
	assert_failure 2
	assert_output "kpi-flag: $BATS_TEST_TMPDIR/none.ndjson: No such file or directory"
}

@test "flag: a full disk exits 2; a closed pipe is quiet" {
	run bash -c "kpi-flag '$base' > /dev/full"
	assert_failure 2
	assert_output "kpi-flag: write error on standard output: No space left on device"
	# 3,000 copies of the record, more than a pipe holds (by one awk: a loop
	# of cat in the test's shell costs a fork and a bats trap each)
	awk '{ r[NR] = $0 } END { for (i = 0; i < 3000; i++) for (j = 1; j <= NR; j++) print r[j] }' "$base" >"$BATS_TEST_TMPDIR/many.ndjson"
	# the pipe closes after one line: kpi-flag ends as SIGPIPE ends it (141), saying nothing
	run --separate-stderr bash -c "set -o pipefail; kpi-flag '$BATS_TEST_TMPDIR/many.ndjson' | head -1"
	assert_failure 141
	[ -z "$stderr" ]
	[ "$(jq -r .assessment <<<"$output")" = issue ]
}

@test "flag: a record without a value is no_data, with the status as reason" {
	run bash -c "set -o pipefail; jq -c '.value = null | .status = \"suppressed\"' '$base' | kpi-flag | jq -c '[.assessment, .reasons, .interval]'"
	assert_output '["no_data",["suppressed"],null]'
}

@test "flag: missing polarity is neutral: stable" {
	run bash -c "set -o pipefail; jq -c 'del(.polarity)' '$base' | kpi-flag | jq -c '[.assessment, .reasons]'"
	assert_output '["stable",["neutral_polarity"]]'
}

@test "flag: flags for gaps, stale, data quality, reporting commenced" {
	run bash -c "set -o pipefail; jq -c '.gaps = [\"2023-09\"] | .stale = 2 | .data_quality = [\"system change\"] | .first_period = \"2023-04\"' '$base' | kpi-flag | jq -c .flags"
	assert_output '["window_low","reporting_commenced","gap_in_series","data_quality","stale"]'
	# first_period just outside the 12-month window ending at as_at
	run bash -c "set -o pipefail; jq -c '.first_period = \"2023-03\"' '$base' | kpi-flag | jq -c .flags"
	assert_output '["window_low"]'
	# the summary's window.length is the window; --window only when it has none
	run bash -c "set -o pipefail; jq -c '.first_period = \"2023-03\" | .window.length = 13' '$base' | kpi-flag | jq -c .flags"
	assert_output '["window_low","reporting_commenced"]'
	run bash -c "set -o pipefail; jq -c '.first_period = \"2023-03\" | del(.window.length)' '$base' | kpi-flag --window 13 | jq -c .flags"
	assert_output '["window_low","reporting_commenced"]'
	run bash -c "set -o pipefail; jq -c '.first_period = \"2023-03\"' '$base' | kpi-flag --window 13 | jq -c .flags"
	assert_output '["window_low"]'
}

@test "flag: small_denominator below 20, not at 20 (--small-denominator changes it)" {
	run bash -c "set -o pipefail; jq -c '.numerator = 10 | .denominator = 19' '$base' | kpi-flag | jq -c .flags"
	assert_output '["window_low","small_denominator"]'
	run bash -c "set -o pipefail; jq -c '.numerator = 10 | .denominator = 20' '$base' | kpi-flag | jq -c .flags"
	assert_output '["window_low"]'
	run bash -c "set -o pipefail; jq -c '.numerator = 10 | .denominator = 20' '$base' | kpi-flag --small-denominator 21 | jq -c .flags"
	assert_output '["window_low","small_denominator"]'
}

@test "flag: interval by unit: Wilson, exact Poisson, Byar, scaled rate, none" {
	run bash -c "set -o pipefail; jq -c '.numerator = 4 | .denominator = 17' '$base' | kpi-flag | jq -c .interval"
	assert_output '{"lower":9.555044322080116,"upper":47.26179811956497,"method":"wilson"}'
	run bash -c "set -o pipefail; jq -c '.unit = \"count\" | .value = 9 | del(.numerator, .denominator)' '$base' | kpi-flag | jq -c .interval"
	assert_output '{"lower":4.115373097378333,"upper":17.08480345141917,"method":"exact_poisson"}'
	run bash -c "set -o pipefail; jq -c '.unit = \"count\" | .value = 10' '$base' | kpi-flag | jq -c .interval.method"
	assert_output '"byar"'
	run bash -c "set -o pipefail; jq -c '.unit = \"rate_per_10k\" | .value = 67.3 | .numerator = 665 | .denominator = 98811' '$base' | kpi-flag | jq -c .interval"
	assert_output '{"lower":62.28155915559962,"upper":72.61556585671143,"method":"byar"}'
	run bash -c "set -o pipefail; jq -c '.unit = \"days\"' '$base' | kpi-flag | jq -c .interval"
	assert_output 'null'
	run bash -c "set -o pipefail; jq -c 'del(.numerator)' '$base' | kpi-flag | jq -c .interval"
	assert_output 'null'
}

@test "flag: SPC assurance against the target in force (A.8), each polarity" {
	printf 'indicator,target,due\ncla_visits_in_time_pct,95,Mar-25\n' > "$BATS_TEST_TMPDIR/t.csv"
	# ucl 92, lcl 74: a target of 95 above the UCL can never be met by common-cause variation
	run bash -c "set -o pipefail; kpi-flag -t '$BATS_TEST_TMPDIR/t.csv' '$base' | jq -r .spc_assurance"
	assert_output "consistent_fail"
	printf 'indicator,target,due\ncla_visits_in_time_pct,70,Mar-25\n' > "$BATS_TEST_TMPDIR/t.csv"
	run bash -c "set -o pipefail; kpi-flag -t '$BATS_TEST_TMPDIR/t.csv' '$base' | jq -r .spc_assurance"
	assert_output "consistent_pass"
	run bash -c "set -o pipefail; jq -c '.polarity = \"lower_is_better\"' '$base' | kpi-flag -t '$BATS_TEST_TMPDIR/t.csv' | jq -r .spc_assurance"
	assert_output "consistent_fail"
	# a target on a limit is inside: inconsistent
	printf 'indicator,target,due\ncla_visits_in_time_pct,92,Mar-25\n' > "$BATS_TEST_TMPDIR/t.csv"
	run bash -c "set -o pipefail; kpi-flag -t '$BATS_TEST_TMPDIR/t.csv' '$base' | jq -r .spc_assurance"
	assert_output "inconsistent"
	# unclipped limits win when the summary has them
	run bash -c "set -o pipefail; jq -c '.spc.ucl_raw = 91 | .spc.lcl_raw = 70' '$base' | kpi-flag -t '$BATS_TEST_TMPDIR/t.csv' | jq -r .spc_assurance"
	assert_output "consistent_fail"
	run bash -c "set -o pipefail; jq -c '.spc.status = \"insufficient_data\"' '$base' | kpi-flag -t '$BATS_TEST_TMPDIR/t.csv' | jq -r .spc_assurance"
	assert_output "null"
	run bash -c "set -o pipefail; jq -c '.polarity = \"neutral\"' '$base' | kpi-flag -t '$BATS_TEST_TMPDIR/t.csv' | jq -r .spc_assurance"
	assert_output "null"
	run bash -c "set -o pipefail; kpi-flag '$base' | jq -r .spc_assurance"
	assert_output "null"
}

@test "flag: --explain escapes control characters from the data: one harmless line per series (issue 18)" {
	run bash -c "set -o pipefail; jq -c '.area = \"North\\u001b]0;pwned\\u0007bridge\" | .breakdown = \"a\\nb\"' '$base' | kpi-flag --explain"
	assert_success
	assert_output 'cla_visits_in_time_pct (North\x1b]0;pwned\x07bridge, a\nb): issue: lowest in 12 months (78.2%, Mar 24)'
}

@test "flag: --explain prints one line per series" {
	printf 'indicator,target,due\ncla_visits_in_time_pct,90%%,Mar-25\n' > "$BATS_TEST_TMPDIR/t.csv"
	run kpi-flag --explain -t "$BATS_TEST_TMPDIR/t.csv" "$base"
	assert_success
	assert_output "cla_visits_in_time_pct (Northbridge): issue: lowest in 12 months (78.2%, Mar 24); below target 90% by Mar 25"
	# a slight rise on a series worse than a year ago and than its average (rule 10)
	run bash -c "jq -c '.value = 81.2 | .change = 1.1 | .window.is_low = false' '$base' | kpi-flag -e"
	assert_output "cla_visits_in_time_pct (Northbridge): issue: slightly up from 80.1% in Feb 24 to 81.2%; worse than a year ago (84.0%, Mar 23); worse than the 12-month average (83.1%)"
	run bash -c "jq -c '.value = 85 | .change = 4.9 | .window.is_low = false | .run = {direction:\"up\",length:1,since:\"2024-02\"}' '$base' | kpi-flag -e"
	assert_output "cla_visits_in_time_pct (Northbridge): improvement: up from 80.1% in Feb 24 to 85.0%"
}
