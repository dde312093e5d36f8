#!/usr/bin/env bats
# README.md's own commands, run as a user runs them (issue 16 and issue 14,
# "Done when"): in a fresh copy of the tracked files, with the build tree as
# `make` left it, from the top of the clone with no kpi directory on PATH and
# none of kpi's environment. Every ```sh block runs as written, in order, in
# one shell, except `make check` (it runs this test); a block that reads
# ../shared runs where ../shared/data/real exists and is skipped with a
# message elsewhere.

load helper

# Not rerun under sanitizers: these tests run the clone's copy of build/, the
# normal build, whatever build is under test (KPI_BIN is unset for the user's
# shell), so the sanitizer pass would run the very same binaries again.
# bats file_tags=no-sanitizer

# readme_blocks: README's ```sh blocks, each ended by a NUL
readme_blocks() {
	awk '/^```sh$/ { f = 1; next } /^```$/ { if (f) printf "%c", 0; f = 0; next } f' "$REPO/README.md"
}

# fresh_clone: the tracked files (with their times) and the build tree in
# $CLONE, with ../shared beside it where the real one exists.
fresh_clone() {
	[ -x "$REPO/build/bin/kpi-render" ] || skip "build/ is not built (make)"
	CLONE="$BATS_TEST_TMPDIR/clone/kpi"
	make_clone "$BATS_TEST_TMPDIR/clone"
}

# make_clone DIR: the clone in DIR/kpi (and DIR/shared)
make_clone() {
	mkdir -p "$1/kpi"
	git -C "$REPO" ls-files -z | tar -C "$REPO" --null -T - -cf - | tar -xf - -C "$1/kpi"
	cp -a "$REPO/build" "$1/kpi/build"
	[ ! -d "$SHARED/data/real" ] || ln -s "$SHARED" "$1/shared"
}

# as_user SCRIPT: SCRIPT in the clone, as a user's shell runs it
as_user() {
	(cd "$CLONE" && env -u KPI_BIN -u KPI_DATADIR -u KPI_SHARED PATH=/usr/bin:/bin \
		bash -euo pipefail -c "$1")
}

# readme_script WHICH: the blocks to run after the first (make demo, run
# once for the file by setup_file), joined: "local" those that do not read
# ../shared, "shared" those that do.
readme_script() {
	local block first=1
	while IFS= read -r -d '' block; do
		if [ $first = 1 ]; then
			first=0
			continue
		fi
		case $block in
		*../shared*) [ "$1" = shared ] || continue ;;
		*) [ "$1" = local ] || continue ;;
		esac
		printf '%s\n' "$block"
	done < <(readme_blocks)
}

# demo_block: README's first block, make demo, as setup_file runs it: make
# check runs this very test, so it is the one line left out
demo_block() {
	local block
	IFS= read -r -d '' block < <(readme_blocks)
	printf '%s\n' "$block" | grep -v '^make check'
}

# The clone and README's first block (make demo: builds, renders the example
# and its PDF and .docx), once for the file: both tests that run README's
# commands go on from there in the same clone, as a reader does, one after
# the other (the local blocks, then those reading ../shared).  Its output
# and status are kept; each of those tests checks them first.
setup_file() {
	[ -x "$REPO/build/bin/kpi-render" ] || return 0
	local dir="$BATS_FILE_TMPDIR/clone" status=0
	make_clone "$dir"
	CLONE="$dir/kpi"
	as_user "$(demo_block)" >"$BATS_FILE_TMPDIR/demo.log" 2>&1 || status=$?
	echo "$status" >"$BATS_FILE_TMPDIR/demo.status"
}

# demo_clone: the clone setup_file made, after make demo succeeded there
demo_clone() {
	[ -x "$REPO/build/bin/kpi-render" ] || skip "build/ is not built (make)"
	CLONE="$BATS_FILE_TMPDIR/clone/kpi"
	[[ $(demo_block) == "make demo"* ]] || fail "README's first block is not make demo: $(demo_block)"
	[ "$(cat "$BATS_FILE_TMPDIR/demo.status")" = 0 ] ||
		fail "make demo failed (exit $(cat "$BATS_FILE_TMPDIR/demo.status")): $(cat "$BATS_FILE_TMPDIR/demo.log")"
	# make demo's papers
	[ -s "$CLONE/out/corporate-parenting-board.pdf" ]
	[ -s "$CLONE/out/corporate-parenting-board.docx" ]
}

@test "README: its commands run as written after make demo, in a fresh clone" {
	demo_clone
	local script
	script=$(readme_script local)
	# the blocks are there (make demo, the example's pipeline, regenerate,
	# the phrases, a pipeline of one's own)
	[[ $(demo_block) == *"make demo"* ]]
	[[ $script == *"pipelines/regenerate --type corporate-parenting-board"* ]]
	[[ $script == *"kpi-render --format html --each-as-at"* ]]
	run as_user "$script"
	assert_success
	# regenerate's summary line
	assert_output --regexp "regenerate: 72 reports written to reports/, 0 skipped \(up to date\), in [0-9.]+ s"
	[ -s "$CLONE/out/corporate-parenting-board.html" ]
	[ -s "$CLONE/out/corporate-parenting-board.md" ]
	[ -s "$CLONE/out/report.html" ]
	[ -s "$CLONE/out/report-2025-03.html" ]
	grep -q 'Areas for improvement' "$CLONE/out/cpb.html"
	run ls "$CLONE/reports"
	[ "${#lines[@]}" -eq 72 ]
	grep -q 'Key Performance Issues as at 31 March 2025' "$CLONE/out/corporate-parenting-board.md"
}

@test "README: the example's pipeline is the one --print prints, and writes the report" {
	fresh_clone
	local block printed
	block=$(readme_blocks | tr '\0' '\n' | awk '/^\{ build\/bin\/kpi-ingest/,/--narrative/')
	[ -n "$block" ]
	printed=$(as_user "pipelines/corporate-parenting-board --print examples/")
	# README's lines joined at their backslashes, its two lines of the group
	# with "; " as --print writes them, runs of spaces as one
	local joined
	joined=$(printf '%s\n' "$block" | sed -e ':a' -e '/\\$/{N; s/\\\n//; ba' -e '}' |
		awk 'NR > 1 { printf "; " } { printf "%s", $0 }' | tr -s ' ')
	[ "$joined" = "$(printf '%s' "$printed" | tr -s ' ')" ] || fail "README: $joined
--print: $printed"
	# and it runs: the report --print stands for
	as_user "$block" >"$BATS_TEST_TMPDIR/printed.html"
	as_user "pipelines/corporate-parenting-board examples/" >"$BATS_TEST_TMPDIR/run.html"
	cmp "$BATS_TEST_TMPDIR/printed.html" "$BATS_TEST_TMPDIR/run.html"
}

@test "README: the DfE pipeline (Trafford's workforce) runs as written where ../shared exists" {
	need_shared
	demo_clone
	local script
	script=$(readme_script shared)
	[[ $script == *"../shared/data/real/csww_indicators_2017_to_2025.csv"* ]]
	run as_user "$script"
	assert_success
	grep -q 'Key Performance Issues as at 30 September 2025' "$CLONE/out/trafford-workforce.html"
	run grep -c '<td[^>]*>[a-z_]*_headcount</td>' "$CLONE/out/trafford-workforce.html"
	assert_output 0
	run head -4 "$CLONE/out/trafford-workforce.txt"
	assert_output "Social work workforce: Trafford
===============================

Key Performance Issues as at 30 September 2025"
	grep -q '^  \* Social worker vacancy rate: 32.6% in Sep 25, worse 4 years in a row.$' "$CLONE/out/trafford-workforce.txt"
}

@test "README: says where the DfE publishes the file it reads" {
	grep -q 'explore-education-statistics.service.gov.uk' "$REPO/README.md"
	grep -q 'csww_indicators_2017_to_2025.csv' "$REPO/README.md"
}
