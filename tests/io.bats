#!/usr/bin/env bats
# Write errors and closed pipes for every stage, on real records:
# a full disk is exit 2 with a message; a closed pipe ends the tool quietly.
load helper

setup_file() {
	export IO="$BATS_FILE_TMPDIR"
	# 30,000 observations: enough output to overflow any pipe buffer
	awk 'BEGIN { print "indicator,area,period,value,numerator,denominator";
		for (a = 1; a <= 10; a++) for (i = 1; i <= 50; i++) for (m = 0; m < 60; m++) {
			y = 2019 + int(m / 12); mo = m % 12 + 1
			printf "cla_rate_per_10k,Area %d,%d-%02d,%d,,\n", a * 100 + i, y, mo, 50 + (a * i + m) % 40 } }' >"$IO/big.csv"
	kpi-ingest "$IO/big.csv" >"$IO/raw.ndjson"
	kpi-normalise "$IO/raw.ndjson" >"$IO/typed.ndjson"
	kpi-trend "$IO/typed.ndjson" >"$IO/summary.ndjson"
	kpi-flag "$IO/summary.ndjson" >"$IO/judged.ndjson"
}

input_for() {
	case $1 in
	kpi-ingest) echo "$IO/big.csv" ;;
	kpi-normalise) echo "$IO/raw.ndjson" ;;
	kpi-trend) echo "$IO/typed.ndjson" ;;
	kpi-flag) echo "$IO/summary.ndjson" ;;
	kpi-render) echo "$IO/judged.ndjson" ;;
	esac
}

@test "the stages produce records for the I/O tests" {
	[ "$(wc -l <"$IO/raw.ndjson")" -eq 30000 ]
	[ "$(wc -l <"$IO/typed.ndjson")" -eq 30000 ]
	[ "$(wc -l <"$IO/summary.ndjson")" -eq 500 ]
	[ "$(wc -l <"$IO/judged.ndjson")" -eq 500 ]
}

@test "every stage: output to a full disk is exit 2 with a message" {
	[ -w /dev/full ] || skip "/dev/full is absent"
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		run bash -c "$t '$(input_for $t)' >/dev/full"
		assert_failure 2
		assert_output "$t: write error on standard output: No space left on device"
	done
}

@test "every stage: | head -1 ends it quietly" {
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		run bash -c "$t '$(input_for $t)' 2>'$IO/err' | head -1 >/dev/null; cat '$IO/err'"
		assert_success
		assert_output ""
	done
}

@test "every stage: an unreadable input is exit 2" {
	[ "$(id -u)" != 0 ] || skip "root reads any file; a directory stands in below"
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		cp "$(input_for $t)" "$IO/locked"
		chmod 000 "$IO/locked"
		run "$t" "$IO/locked"
		assert_failure 2
		assert_output --partial "Permission denied"
	done
}

@test "every stage: a directory as input is exit 2" {
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		run "$t" "$IO"
		assert_failure 2
		assert_output --partial "$t: $IO: Is a directory"
	done
}
