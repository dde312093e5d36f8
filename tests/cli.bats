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

# bats test_tags=no-sanitizer
@test "every tool: has a man page that names it" {
	for t in $(tools); do
		[ -f "$REPO/cmd/$t/$t.1" ]
		grep -q "^\.TH ${t^^} 1" "$REPO/cmd/$t/$t.1" || grep -qi "^\.TH \"*$t" "$REPO/cmd/$t/$t.1"
	done
}

@test "every tool: each long option of --help is in its man page" {
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		opts=$("$t" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
		[ -n "$opts" ]
		# each option followed by a non-word character or the line's end
		# (grep's \b after it), one awk a man page, not a grep an option
		run awk -v t="$t" -v opts="$opts" '{ gsub(/\\-/, "-"); man = man $0 "\n" }
			END { n = split(opts, o, "\n")
			      for (i = 1; i <= n; i++) if (!match(man, o[i] "([^A-Za-z0-9_]|$)")) print t ": " o[i] " is not in " t ".1" }' "$REPO/cmd/$t/$t.1"
		assert_success
		assert_output ""
	done
}

@test "every tool: no stray printf escapes in --help (a literal %%)" {
	for t in $(tools); do
		run "$t" --help
		refute_output --partial "%%"
	done
}

@test "every report pipeline and kpi-regenerate: --help, --version (the tools' version) and a man page" {
	local version t
	version=$(sed -n 's/^VERSION := //p' "$REPO/Makefile")
	for t in corporate-parenting-board scrutiny-panel select-commission committee-dashboard health-highlight regenerate; do
		run "$REPO/pipelines/$t" --help
		assert_success
		assert_line --index 0 --partial "Usage: $t "
		run "$REPO/pipelines/$t" --version
		assert_success
		assert_output "$t (kpi) $version"
		run "$REPO/pipelines/$t" -V
		assert_output "$t (kpi) $version"
		# help within 80 columns
		"$REPO/pipelines/$t" --help | awk -v t="$t" 'length($0) > 80 { print t ": " $0; bad = 1 } END { exit bad }'
	done
	man -l "$REPO/pipelines/kpi-report.1" >/dev/null 2>&1 || grep -q '^\.TH KPI-REPORT 1' "$REPO/pipelines/kpi-report.1"
	grep -q '^\.TH KPI-REGENERATE 1' "$REPO/pipelines/kpi-regenerate.1"
	grep -q '^\.TH KPI-REPORT-CONFIG 5' "$REPO/cmd/kpi-render/kpi-report-config.5"
	# kpi-report(1) names every option of the pipelines' --help
	local opt page="$BATS_TEST_TMPDIR/kpi-report.txt"
	sed 's/\\-/-/g' "$REPO/pipelines/kpi-report.1" >"$page"
	local help
	help=$("$REPO/pipelines/corporate-parenting-board" --help)
	for opt in $(grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' <<<"$help" | sed 's/.*--//'); do
		grep -q -- "--$opt" "$page" || fail "kpi-report.1 lacks --$opt"
	done
}
