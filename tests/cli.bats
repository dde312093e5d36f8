#!/usr/bin/env bats
# What every tool shares: --help, --version, usage errors, missing input.
load helper

tools() {
	local t
	for t in "$KPI_BIN"/kpi-*; do
		[ -x "$t" ] && basename "$t"
	done
}

@test "there are tools to test" {
	run tools
	assert_success
	assert_output --partial "kpi-"
}

@test "every tool: --help prints usage and exits 0" {
	for t in $(tools); do
		run "$t" --help
		assert_success
		assert_output --partial "Usage: $t"
	done
}

@test "every tool: -V and --version print the one version from the Makefile" {
	version=$(sed -n 's/^VERSION := //p' "$REPO/Makefile")
	for t in $(tools); do
		run "$t" --version
		assert_success
		assert_output "$t (kpi) $version"
		run "$t" -V
		assert_output "$t (kpi) $version"
	done
}

@test "every tool: an unknown option is a usage error, exit 2" {
	for t in $(tools); do
		run "$t" --no-such-option
		assert_failure 2
		assert_line --partial "unrecognized option"
		assert_line "Try '$t --help' for more information."
	done
}

@test "every tool: a missing input file is exit 2 naming the file" {
	for t in $(tools); do
		run "$t" /nonexistent/input.csv
		assert_failure 2
		assert_output --partial "$t: /nonexistent/input.csv: No such file or directory"
	done
}

@test "every tool: --help to a full disk is exit 2 with a message" {
	[ -w /dev/full ] || skip "/dev/full is absent"
	for t in $(tools); do
		run bash -c "'$KPI_BIN/$t' --help >/dev/full"
		assert_failure 2
		assert_output "$t: write error on standard output: No space left on device"
	done
}

@test "every tool: has a man page that names it" {
	for t in $(tools); do
		[ -f "$REPO/cmd/$t/$t.1" ]
		grep -q "^\.TH ${t^^} 1" "$REPO/cmd/$t/$t.1" || grep -qi "^\.TH \"*$t" "$REPO/cmd/$t/$t.1"
	done
}

@test "every tool: each long option of --help is in its man page" {
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		man=$(sed 's/\\-/-/g' "$REPO/cmd/$t/$t.1")
		for o in $("$t" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
			grep -q -e "$o\\b" <<<"$man" || { echo "$t: $o is not in $t.1"; return 1; }
		done
	done
}
