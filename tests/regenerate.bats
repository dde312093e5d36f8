#!/usr/bin/env bats
# pipelines/regenerate: historic reports from one kpi-trend --every-period pass,
# atomic writes, skipping up-to-date reports, --force, and its usage errors.
load helper

TYPE=corporate-parenting-board

# The reports of January to March 2025, made once for the file: the tests of
# what a second run rewrites start from them (copied, then marked and dated
# by each test), not from a run of their own.  Kept only when regenerate
# succeeded; its output and status are kept for first_reports to check.
setup_file() {
	local status=0
	[ -x "$KPI_BIN/kpi-render" ] || return 0
	regenerate --type $TYPE --from 2025-01 --to 2025-03 -o "$BATS_FILE_TMPDIR/first" "$REPO/examples" \
		>"$BATS_FILE_TMPDIR/first.log" 2>&1 || status=$?
	echo "$status" >"$BATS_FILE_TMPDIR/first.status"
}

# first_reports DIR MONTH...: the reports of those months setup_file made,
# copied to DIR, after that run succeeded
first_reports() {
	local dir=$1 m
	shift
	[ "$(cat "$BATS_FILE_TMPDIR/first.status")" = 0 ] ||
		fail "regenerate --from 2025-01 --to 2025-03 failed: $(cat "$BATS_FILE_TMPDIR/first.log")"
	mkdir -p "$dir"
	for m; do
		cp "$BATS_FILE_TMPDIR/first/$TYPE-$m.html" "$dir/"
	done
}

setup() {
	OUT="$BATS_TEST_TMPDIR/reports"
	# a private copy of the example council, so touching it is harmless
	EX="$BATS_TEST_TMPDIR/examples"
	cp -R "$REPO/examples" "$EX"
}

# --- usage (shell only; not rerun under sanitizers) ---------------------------

# bats test_tags=no-sanitizer
@test "regenerate --help describes the command" {
	run regenerate --help
	assert_success
	assert_line --index 0 "Usage: regenerate --type TYPE --from YYYY-MM --to YYYY-MM -o OUTDIR [OPTIONS]"
	assert_output --partial "--force"
	assert_output --partial "-j, --jobs N"
}

# bats test_tags=no-sanitizer
@test "regenerate without --type is a usage error" {
	run regenerate --from 2024-01 --to 2024-03 -o "$OUT" "$EX"
	assert_failure 2
	assert_output "regenerate: --type is required (try --help)"
}

# bats test_tags=no-sanitizer
@test "regenerate without data is a usage error" {
	run regenerate --type $TYPE --from 2024-01 --to 2024-03 -o "$OUT"
	assert_failure 2
	assert_output "regenerate: no data files (try --help)"
}

# bats test_tags=no-sanitizer
@test "regenerate rejects a month that is not YYYY-MM" {
	run regenerate --type $TYPE --from 2024-13 --to 2025-03 -o "$OUT" "$EX"
	assert_failure 2
	assert_output "regenerate: '2024-13' is not a month (YYYY-MM)"
}

# bats test_tags=no-sanitizer
@test "regenerate rejects --from after --to" {
	run regenerate --type $TYPE --from 2025-04 --to 2025-03 -o "$OUT" "$EX"
	assert_failure 2
	assert_output "regenerate: --from 2025-04 is after --to 2025-03"
}

# bats test_tags=no-sanitizer
@test "regenerate rejects an unknown report type" {
	run regenerate --type no-such-report --from 2024-01 --to 2024-03 -o "$OUT" "$EX"
	assert_failure 2
	assert_output --partial "regenerate: no report type 'no-such-report'"
}

# bats test_tags=no-sanitizer
@test "regenerate --type that is not a report type: a usage error listing the types (issue 18)" {
	local types="committee-dashboard, corporate-parenting-board, health-highlight, scrutiny-panel, select-commission"
	for t in .. . ../pipelines/$TYPE regenerate report.sh -x "$TYPE/" "Corporate-Parenting-Board"; do
		run regenerate --type "$t" --from 2024-01 --to 2024-03 -o "$OUT" "$EX"
		assert_failure 2
		assert_output "regenerate: no report type '$t'; the types are: $types"
	done
	[ ! -e "$OUT" ]
}

# bats test_tags=no-sanitizer
@test "regenerate rejects a bad --jobs" {
	run regenerate --type $TYPE --from 2024-01 --to 2024-03 -j 0 -o "$OUT" "$EX"
	assert_failure 2
	assert_output "regenerate: --jobs: '0' is not a positive number"
}

# bats test_tags=no-sanitizer
@test "regenerate rejects an unknown option" {
	run regenerate --type $TYPE --colour --from 2024-01 --to 2024-03 -o "$OUT" "$EX"
	assert_failure 2
	assert_output "regenerate: unknown option '--colour' (try --help)"
}

# --- reports -------------------------------------------------------------------

@test "regenerate writes one report per month, each as at its month, then says so in one line" {
	need_tools
	run regenerate --type $TYPE --from 2024-10 --to 2025-03 -j 2 -o "$OUT" "$EX"
	assert_success
	assert_output --regexp "^regenerate: 6 reports written to $OUT, 0 skipped \(up to date\), in [0-9]+\.[0-9] s\$"
	# up to date: skipped, and said so; --quiet says nothing
	run regenerate --type $TYPE --from 2024-10 --to 2025-03 -o "$OUT" "$EX"
	assert_output --regexp "^regenerate: 0 reports written to $OUT, 6 skipped \(up to date\), in [0-9]+\.[0-9] s\$"
	run regenerate -q --force --type $TYPE --from 2024-10 --to 2025-03 -o "$OUT" "$EX"
	assert_success
	assert_output ""
	run ls "$OUT"
	assert_output "$(printf '%s\n' $TYPE-2024-10.html $TYPE-2024-11.html $TYPE-2024-12.html \
		$TYPE-2025-01.html $TYPE-2025-02.html $TYPE-2025-03.html)"
	grep -q "31 December 2024" "$OUT/$TYPE-2024-12.html"
	grep -q "31 March 2025" "$OUT/$TYPE-2025-03.html"
	! grep -q "31 March 2025" "$OUT/$TYPE-2024-12.html"
	for f in "$OUT"/*.html; do
		tail -n 1 "$f" | grep -q '</html>'
	done
}

@test "a regenerated report is the report the pipeline writes as at that month" {
	need_tools
	regenerate --type $TYPE --from 2024-12 --to 2024-12 -o "$OUT" "$EX"
	# historic reports leave out the folder's narrative, written for its latest month
	$TYPE --as-at 2024-12 --no-narrative -o "$BATS_TEST_TMPDIR/direct.html" "$EX"
	cmp "$OUT/$TYPE-2024-12.html" "$BATS_TEST_TMPDIR/direct.html"
}

@test "regenerate --all-indicators reaches each report: the indicators outside the catalogue come back" {
	need_tools
	printf 'indicator,period,value\ncla_count,2024-01,12\ncla_count,2024-02,14\nmystery_count,2024-01,3\nmystery_count,2024-02,4\n' >"$BATS_TEST_TMPDIR/d.csv"
	run regenerate -q --type committee-dashboard --from 2024-02 --to 2024-02 -o "$OUT" "$BATS_TEST_TMPDIR/d.csv"
	assert_success
	! grep -q mystery "$OUT/committee-dashboard-2024-02.html"
	run regenerate -q --force --all-indicators --type committee-dashboard --from 2024-02 --to 2024-02 -o "$OUT" "$BATS_TEST_TMPDIR/d.csv"
	assert_success
	grep -q 'mystery_count' "$OUT/committee-dashboard-2024-02.html"
	committee-dashboard --all-indicators --as-at 2024-02 -o "$BATS_TEST_TMPDIR/direct.html" "$BATS_TEST_TMPDIR/d.csv"
	cmp "$OUT/committee-dashboard-2024-02.html" "$BATS_TEST_TMPDIR/direct.html"
}

@test "regenerate covers Apr 2019 to Mar 2025: 72 reports, each whole and as at its month" {
	need_tools
	regenerate --type $TYPE --from 2019-04 --to 2025-03 -o "$OUT" "$EX"
	[ "$(ls "$OUT" | wc -l)" -eq 72 ]
	# the report of month M is as at M's last day (one date(1) for the 72
	# months, one awk for the 72 reports: not a fork per report under bats'
	# DEBUG trap), and ends its document
	local f months=()
	for f in "$OUT"/*.html; do
		f=${f##*/$TYPE-}
		months+=("${f%.html}-01 +1 month -1 day")
	done
	printf '%s\n' "${months[@]}" | date -f - '+%-d %B %Y' >"$BATS_TEST_TMPDIR/last-days"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/last-days")" -eq 72 ]
	run awk 'BEGIN {
		while ((getline d < ARGV[1]) > 0) { day[++n] = d; want[n] = "<h2>Key Performance Issues as at " d "</h2>" }
		for (i = 2; i < ARGC; i++) {
			found = 0; last = ""
			while ((getline line < ARGV[i]) > 0) { if (index(line, want[i - 1])) found = 1; last = line }
			close(ARGV[i])
			if (!found || last != "</html>") print ARGV[i] " is not a whole report as at " day[i - 1]
		}
	}' "$BATS_TEST_TMPDIR/last-days" "$OUT"/*.html
	assert_success
	assert_output ""
	# no two months the same report
	[ "$(md5sum "$OUT"/*.html | cut -d' ' -f1 | sort -u | wc -l)" -eq 72 ]
	# the first month, where the data start, is the pipeline's own report as at it
	$TYPE --as-at 2019-04 --no-narrative -o "$BATS_TEST_TMPDIR/direct.html" "$EX"
	cmp "$OUT/$TYPE-2019-04.html" "$BATS_TEST_TMPDIR/direct.html"
}

# not rerun under sanitizers: the script's up-to-date logic; the same reports are rendered under sanitizers above
# bats test_tags=no-sanitizer
@test "regenerate skips up-to-date reports and rebuilds them with --force" {
	need_tools
	first_reports "$OUT" 2025-01 2025-02 2025-03
	# mark each report so a rewrite shows
	for f in "$OUT"/*.html; do
		echo "<!-- old -->" >>"$f"
		touch -d '+1 hour' "$f"
	done
	run regenerate --type $TYPE --from 2025-01 --to 2025-03 -o "$OUT" "$EX"
	assert_success
	[ "$(grep -l '<!-- old -->' "$OUT"/*.html | wc -l)" -eq 3 ]

	run regenerate --force --type $TYPE --from 2025-01 --to 2025-03 -o "$OUT" "$EX"
	assert_success
	[ "$(grep -l '<!-- old -->' "$OUT"/*.html | wc -l)" -eq 0 ]
}

# not rerun under sanitizers: the script's up-to-date logic, as above
# bats test_tags=no-sanitizer
@test "regenerate rebuilds what is missing, and everything when an input changes" {
	need_tools
	first_reports "$OUT" 2025-01 2025-02 2025-03
	# reports dated in the future are newer than every input
	for f in "$OUT"/*.html; do
		echo "<!-- old -->" >>"$f"
		touch -d '+2 hours' "$f"
	done
	rm "$OUT/$TYPE-2025-02.html"
	regenerate --type $TYPE --from 2025-01 --to 2025-03 -o "$OUT" "$EX"
	[ -f "$OUT/$TYPE-2025-02.html" ]
	! grep -q '<!-- old -->' "$OUT/$TYPE-2025-02.html"
	[ "$(grep -l '<!-- old -->' "$OUT"/*.html | wc -l)" -eq 2 ]

	# a target file newer than the reports makes every report stale
	touch -d '+3 hours' "$EX/northbridge-targets.csv"
	regenerate --type $TYPE --from 2025-01 --to 2025-03 -o "$OUT" "$EX"
	[ "$(grep -l '<!-- old -->' "$OUT"/*.html | wc -l)" -eq 0 ]
}

@test "an interrupted regenerate leaves no partial report" {
	need_tools
	command -v setsid >/dev/null || skip "setsid is not installed"
	# the first batch (from Apr 2019) stops at Jun 2019, a FIFO no one reads:
	# the run cannot end before the kill
	mkdir -p "$OUT"
	mkfifo "$OUT/$TYPE-2019-06.html"
	setsid regenerate --type $TYPE --from 2019-04 --to 2025-03 -j 2 -o "$OUT" "$EX" 3>&- &
	# kill the lot as soon as the first report is in place
	kill_at_first_report "$OUT" $! -
	[ "$killed_status" -eq 143 ]
	rm "$OUT/$TYPE-2019-06.html"
	assert_whole_reports "$OUT"
	# it was killed mid-run: the month after the FIFO was never written
	[ ! -e "$OUT/$TYPE-2019-07.html" ]
	[ "$(ls "$OUT" | wc -l)" -lt 71 ]
}

@test "a render that fails midway keeps the old reports, leaves no temporary file and exits 2" {
	need_tools
	first_reports "$OUT" 2025-01 2025-02
	cp -R "$OUT" "$BATS_TEST_TMPDIR/before"
	# kpi-render under a 16 KB file-size limit: every report is larger
	local fake="$BATS_TEST_TMPDIR/fakebin"
	mkdir -p "$fake"
	printf '#!/bin/bash\nulimit -f 16\nexec "%s/kpi-render" "$@"\n' "$KPI_BIN" >"$fake/kpi-render"
	chmod +x "$fake/kpi-render"
	KPI_BIN="$fake" PATH="$fake:$PATH" run regenerate --force --type $TYPE --from 2025-01 --to 2025-02 -o "$OUT" "$EX"
	# a write error is an I/O error: exit 2 (issue 18)
	assert_failure 2
	assert_output --partial "File too large"
	assert_output --partial "regenerate: some reports failed; the others are in $OUT"
	run ls -A "$OUT"
	assert_output "$(printf '%s\n' $TYPE-2025-01.html $TYPE-2025-02.html)"
	diff -r "$BATS_TEST_TMPDIR/before" "$OUT"
}

# not rerun under sanitizers: a fake kpi-render fails; what is tested is the script
# bats test_tags=no-sanitizer
@test "a month that fails leaves the other reports written and exits 1" {
	need_tools
	local fake="$BATS_TEST_TMPDIR/fakebin"
	mkdir -p "$fake"
	# kpi-render fails on December only: asked for it (--as-at, the one pass
	# of every month), or given its records (a batch)
	cat >"$fake/kpi-render" <<-EOF
		#!/bin/sh
		prev=
		for a; do
			if { [ "\$prev" = --as-at ] && [ "\$a" = 2024-12 ]; } ||
				{ [ -f "\$a" ] && grep -q '"as_at":"2024-12"' "\$a"; }; then
				echo "kpi-render: broken" >&2
				exit 1
			fi
			prev=\$a
		done
		exec "$KPI_BIN/kpi-render" "\$@"
	EOF
	chmod +x "$fake/kpi-render"
	# the one pass fails, and is done again in batches: -j 3, three months,
	# one batch of one month each
	KPI_BIN="$fake" PATH="$fake:$PATH" run regenerate --type $TYPE --from 2024-11 --to 2025-01 -j 3 -o "$OUT" "$EX"
	assert_failure 1
	assert_output --partial "regenerate: some reports failed; the others are in $OUT"
	# said once, by the batch run
	[ "$(grep -c 'kpi-render: broken' <<<"$output")" -eq 1 ]
	run ls -A "$OUT"
	assert_output "$(printf '%s\n' $TYPE-2024-11.html $TYPE-2025-01.html)"
}

@test "regenerate: an unwritable output directory is an I/O error, exit 2 (issue 18)" {
	need_tools
	[ "$(id -u)" -ne 0 ] || skip "root writes anywhere"
	mkdir -p "$OUT"
	chmod 555 "$OUT"
	run regenerate --type $TYPE --from 2025-01 --to 2025-02 -o "$OUT" "$EX"
	chmod 755 "$OUT"
	assert_failure 2
	assert_output --partial "Permission denied"
}

@test "regenerate batches each record by its own as_at, not one nested in a pass-through field (issue 18)" {
	need_tools
	cd "$BATS_TEST_TMPDIR"
	# NDJSON observations whose pass-through "meta" holds an as_at of its own,
	# before the record's: in another month of the range, and outside it
	{
		for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
			echo "{\"meta\":{\"as_at\":\"2019-05\"},\"indicator\":\"cla_count\",\"period\":\"2019-$m\",\"value\":\"3$m\",\"area\":\"Northbridge\"}"
			echo "{\"meta\":{\"as_at\":\"2010-01\"},\"indicator\":\"cla_rate_per_10k\",\"period\":\"2019-$m\",\"value\":\"5$m\",\"area\":\"Northbridge\"}"
		done
	} >nested.ndjson
	run regenerate --type $TYPE --from 2019-05 --to 2019-06 -j 2 -o "$OUT" nested.ndjson
	assert_success
	for m in 2019-05 2019-06; do
		$TYPE --as-at $m -o "direct-$m.html" nested.ndjson
		grep -q 'Children looked after per 10,000 children' "$OUT/$TYPE-$m.html"
		cmp "$OUT/$TYPE-$m.html" "direct-$m.html"
	done
}

# not rerun under sanitizers: where the script looks for a pipeline
# bats test_tags=no-sanitizer
@test "regenerate finds an installed report pipeline as kpi-report-TYPE" {
	need_tools
	local bin="$BATS_TEST_TMPDIR/bin"
	mkdir -p "$bin"
	cp "$REPO/pipelines/regenerate" "$bin/kpi-regenerate"
	cp "$REPO/pipelines/$TYPE" "$bin/kpi-report-$TYPE"
	# as installed: the pipelines' shared body in PREFIX/share/kpi
	mkdir -p "$BATS_TEST_TMPDIR/share/kpi"
	cp "$REPO/pipelines/report.sh" "$BATS_TEST_TMPDIR/share/kpi/"
	run "$bin/kpi-regenerate" --type $TYPE --from 2025-03 --to 2025-03 -o "$OUT" "$EX"
	assert_success
	[ -s "$OUT/$TYPE-2025-03.html" ]
}

# not rerun under sanitizers: the script's progress lines
# bats test_tags=no-sanitizer
@test "on a terminal regenerate shows its progress by batch, then a summary" {
	need_tools
	command -v script >/dev/null || skip "script (util-linux) is not installed"
	run script -qec "regenerate --type $TYPE --from 2024-04 --to 2025-03 -j 2 -o '$OUT' '$EX'" /dev/null
	assert_success
	# each batch reports the count when it ends (two ending together may both say 12)
	assert_output --regexp $'\r''regenerate: (6|12)/12 reports'
	assert_output --partial "regenerate: 12/12 reports"
	assert_output --partial "regenerate: 12 reports written to $OUT, 0 skipped (up to date), in "
	run script -qec "regenerate --type $TYPE --from 2024-04 --to 2025-03 -o '$OUT' '$EX'" /dev/null
	assert_output --partial "regenerate: 0 reports written to $OUT, 12 skipped (up to date), in "
}

# not rerun under sanitizers: the script passing --narrative on; kpi-render --narrative runs under sanitizers in render.bats
# bats test_tags=no-sanitizer
@test "regenerate --narrative FILE: each report has that narrative, as the pipeline writes it" {
	need_tools
	local n="$EX/narrative/05-children-in-care.md"
	run regenerate --type $TYPE --from 2025-02 --to 2025-03 --narrative "$n" -o "$OUT" "$EX"
	assert_success
	$TYPE --as-at 2025-03 --narrative "$n" -o "$BATS_TEST_TMPDIR/direct.html" "$EX"
	grep -q "Head of Service Narrative" "$OUT/$TYPE-2025-03.html"
	cmp "$OUT/$TYPE-2025-03.html" "$BATS_TEST_TMPDIR/direct.html"
	grep -q "Head of Service Narrative" "$OUT/$TYPE-2025-02.html"
}
