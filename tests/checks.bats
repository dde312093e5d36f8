#!/usr/bin/env bats
# The checks of the tests themselves (scripts/check-pipefail, which
# scripts/run-tests also runs on the suite as a test case of its own), on
# fixtures that break and keep their rules.
# Not rerun under sanitizers: shell only.
# bats file_tags=no-sanitizer
load helper

F="$REPO/tests/data/check-pipefail"

@test "check-pipefail: every kind of lost exit status is found, at its line" {
	cd "$REPO"
	run scripts/check-pipefail tests/data/check-pipefail/helper.bash tests/data/check-pipefail/bad.bats
	assert_failure 1
	assert_output "tests/data/check-pipefail/helper.bash:1: helper.bash does not set -o pipefail for the test bodies
tests/data/check-pipefail/bad.bats:28: set +o pipefail hides a tool's exit status
tests/data/check-pipefail/bad.bats:4: bash -c pipes kpi-flag without set -o pipefail: its exit status is lost
tests/data/check-pipefail/bad.bats:8: bash -c pipes kpi-normalise without set -o pipefail: its exit status is lost
tests/data/check-pipefail/bad.bats:13: sh -c pipes kpi-render without set -o pipefail: its exit status is lost (dash has no pipefail: use bash -c)
tests/data/check-pipefail/bad.bats:18: bash -c pipes \$t without set -o pipefail: its exit status is lost
tests/data/check-pipefail/bad.bats:23: \$(...) pipes kpi-normalise and its exit status is discarded: assign it to a variable first
tests/data/check-pipefail/bad.bats:24: \$(...) pipes kpi-normalise and its exit status is discarded: assign it to a variable first"
}

@test "check-pipefail: a tool as the last stage, pipefail, PIPESTATUS, quoted bars, assignments pass" {
	cd "$REPO"
	run scripts/check-pipefail tests/data/check-pipefail/good.bats
	assert_success
	assert_output ""
}

@test "check-pipefail: the suite itself passes; an unreadable file is exit 2" {
	cd "$REPO"
	run scripts/check-pipefail
	assert_success
	assert_output ""
	run scripts/check-pipefail /nonexistent.bats
	assert_failure 2
	assert_output "check-pipefail: cannot read /nonexistent.bats"
}
