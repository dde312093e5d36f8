#!/usr/bin/env bats
# regenerate's one pass (issue 19): the report pipeline runs once for every
# month (kpi-report-TYPE --each-as-at), one kpi-render writes the months it
# is given (--as-at), and each report is the one the pipeline writes as at
# its month, byte for byte, for every report type.

load helper
bats_require_minimum_version 1.5.0

TYPE=corporate-parenting-board
R="$DATA/render"

setup() {
	OUT="$BATS_TEST_TMPDIR/reports"
	EX="$REPO/examples"
}

# same_as_loop TYPE MONTH...: each MONTH's report in $OUT is the report
# pipeline's own as at that month (the loop a user would run), without the
# folder's narrative, as regenerate writes historic reports
same_as_loop() {
	local t=$1 m
	shift
	for m; do
		"$t" --as-at "$m" --no-narrative -o "$BATS_TEST_TMPDIR/loop-$t-$m.html" "$EX"
		cmp "$OUT/$t-$m.html" "$BATS_TEST_TMPDIR/loop-$t-$m.html"
	done
}

# --- the reports are the loop's --------------------------------------------------

@test "one pass: every report type's months are the reports the pipeline writes as at each month" {
	need_tools
	local t
	for t in corporate-parenting-board scrutiny-panel select-commission committee-dashboard health-highlight; do
		run regenerate -q --type "$t" --from 2024-11 --to 2025-03 -o "$OUT" "$EX"
		assert_success
		assert_output ""
		[ "$(ls "$OUT"/"$t"-*.html | wc -l)" -eq 5 ]
		same_as_loop "$t" 2024-11 2025-01 2025-03
	done
}

@test "one pass: the first months are the loop's reports too, and months before the data the report of none" {
	need_tools
	# the data begin in April 2019: February and March have no figures (the
	# pipeline as at them stops: kpi-trend finds no observation)
	run regenerate --type $TYPE --from 2019-02 --to 2019-05 -o "$OUT" "$EX"
	assert_success
	assert_output --regexp "^regenerate: 4 reports written to $OUT, 0 skipped \(up to date\), in [0-9]+\.[0-9] s\$"
	same_as_loop $TYPE 2019-04 2019-05
	# the months without data are the report of no data
	kpi-render -f html --report-config "$EX/$TYPE.conf" </dev/null >"$BATS_TEST_TMPDIR/empty.html"
	cmp "$OUT/$TYPE-2019-02.html" "$BATS_TEST_TMPDIR/empty.html"
	cmp "$OUT/$TYPE-2019-03.html" "$BATS_TEST_TMPDIR/empty.html"
	! cmp -s "$OUT/$TYPE-2019-04.html" "$BATS_TEST_TMPDIR/empty.html"
}

@test "one pass: with --narrative, each month is the pipeline's report with that narrative" {
	need_tools
	local n="$EX/narrative/05-children-in-care.md" m
	run regenerate -q --type $TYPE --from 2024-12 --to 2025-01 --narrative "$n" -o "$OUT" "$EX"
	assert_success
	for m in 2024-12 2025-01; do
		$TYPE --as-at $m --narrative "$n" -o "$BATS_TEST_TMPDIR/direct.html" "$EX"
		cmp "$OUT/$TYPE-$m.html" "$BATS_TEST_TMPDIR/direct.html"
	done
	grep -q "Head of Service Narrative" "$OUT/$TYPE-2025-01.html"
}

# not rerun under sanitizers: what is counted is the script's processes
# bats test_tags=no-sanitizer
@test "one pass: one report pipeline, one kpi-render for all the months, only those still to write" {
	need_tools
	local log="$BATS_TEST_TMPDIR/log" fake="$BATS_TEST_TMPDIR/fakebin" t
	mkdir -p "$fake"
	# each tool says it ran, then runs
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		printf '#!/bin/sh\necho "%s $*" >>"%s"\nexec "%s/%s" "$@"\n' "$t" "$log" "$KPI_BIN" "$t" >"$fake/$t"
		chmod +x "$fake/$t"
	done
	KPI_BIN="$fake" PATH="$fake:$PATH" run regenerate -q --type $TYPE --from 2024-04 --to 2025-03 -o "$OUT" "$EX"
	assert_success
	[ "$(ls "$OUT" | wc -l)" -eq 12 ]
	[ "$(grep -c '^kpi-render ' "$log")" -eq 1 ]
	[ "$(grep -c '^kpi-flag ' "$log")" -eq 1 ]
	grep -q '^kpi-trend --every-period' "$log"
	run grep -o -- '--as-at [0-9-]*' "$log"
	[ "${#lines[@]}" -eq 12 ]
	assert_line -- "--as-at 2024-04"
	assert_line -- "--as-at 2025-03"
	# two reports gone: the next run renders those two alone
	rm "$OUT/$TYPE-2024-06.html" "$OUT/$TYPE-2025-01.html"
	: >"$log"
	KPI_BIN="$fake" PATH="$fake:$PATH" run regenerate -q --type $TYPE --from 2024-04 --to 2025-03 -o "$OUT" "$EX"
	assert_success
	[ "$(grep -c '^kpi-render ' "$log")" -eq 1 ]
	run grep -o -- '--as-at [0-9-]*' "$log"
	assert_output "$(printf '%s\n' '--as-at 2025-01' '--as-at 2024-06')"
	[ "$(ls "$OUT" | wc -l)" -eq 12 ]
}

@test "one pass: only the months asked for are written, though the data hold 72" {
	need_tools
	run regenerate --type $TYPE --from 2022-01 --to 2022-02 -o "$OUT" "$EX"
	assert_success
	run ls -A "$OUT"
	assert_output "$(printf '%s\n' $TYPE-2022-01.html $TYPE-2022-02.html)"
}

# --- kpi-report-TYPE --each-as-at ------------------------------------------------

@test "report --each-as-at: the months asked for, each the report --as-at writes, in a directory made for them" {
	need_tools
	run $TYPE --no-narrative --each-as-at "$OUT/new/board-{as_at}.html" --as-at 2025-02 --as-at 2025-03 "$EX"
	assert_success
	assert_output ""
	run ls -A "$OUT/new"
	assert_output "$(printf '%s\n' board-2025-02.html board-2025-03.html)"
	$TYPE --no-narrative --as-at 2025-02 -o "$BATS_TEST_TMPDIR/feb.html" "$EX"
	cmp "$OUT/new/board-2025-02.html" "$BATS_TEST_TMPDIR/feb.html"
}

@test "report --each-as-at: the format from the template's extension; every month of the data without --as-at" {
	need_tools
	run $TYPE --no-narrative --each-as-at "$OUT/{as_at}.md" "$EX"
	assert_success
	[ "$(ls "$OUT" | wc -l)" -eq 72 ]
	[ -f "$OUT/2019-04.md" ]
	[ -f "$OUT/2025-03.md" ]
	$TYPE --no-narrative --as-at 2021-06 -o "$BATS_TEST_TMPDIR/jun.md" "$EX"
	cmp "$OUT/2021-06.md" "$BATS_TEST_TMPDIR/jun.md"
	head -n 1 "$OUT/2021-06.md" | grep -q '^# '
}

# bats test_tags=no-sanitizer
@test "report --each-as-at --print: the every-period pipeline ending in one kpi-render --each-as-at" {
	need_tools
	run $TYPE --print --no-narrative --each-as-at 'out/{as_at}.html' --as-at 2025-03 "$EX"
	assert_success
	assert_output --partial "| kpi-trend --every-period; "
	assert_output --regexp "\| kpi-render --format html .* --each-as-at 'out/\{as_at\}.html' --as-at 2025-03\$"
}

# bats test_tags=no-sanitizer
@test "report --each-as-at: usage errors" {
	run $TYPE --each-as-at "$OUT/report.html" "$EX"
	assert_failure 2
	assert_output "$TYPE: --each-as-at: '$OUT/report.html' has no {as_at} to replace"
	run $TYPE --each-as-at "$OUT/{as_at}.html" -o "$OUT/x.html" "$EX"
	assert_failure 2
	assert_output "$TYPE: --each-as-at and -o both name where the report goes"
	run $TYPE --each-as-at "$OUT/{as_at}.html" --every-period "$EX"
	assert_failure 2
	assert_output "$TYPE: --each-as-at writes reports, not the records of --every-period or --records"
	run $TYPE --each-as-at "$OUT/{as_at}.html" --pdf "$EX"
	assert_failure 2
	assert_output "$TYPE: --pdf and --docx are made from one report: not with --each-as-at (kpi-regenerate --pdf, --docx)"
	run $TYPE --each-as-at "$OUT/{as_at}.html" --as-known-at 2025-03-31 "$EX"
	assert_failure 2
	assert_output "$TYPE: --each-as-at summarises every month from the same data: not with --as-known-at"
	[ ! -e "$OUT" ]
}

# bats test_tags=no-sanitizer
@test "report --each-as-at: a report that cannot be written is said, with the status of kpi-render" {
	need_tools
	mkdir -p "$OUT"
	# a directory where the March report would go
	mkdir "$OUT/r-2025-03.html"
	run $TYPE --no-narrative --each-as-at "$OUT/r-{as_at}.html" --as-at 2025-02 --as-at 2025-03 "$EX"
	assert_failure 2
	assert_line --partial "$OUT/r-2025-03.html"
	assert_line "$TYPE: kpi-render failed (exit 2); the reports written before it stopped are in place"
	[ -f "$OUT/r-2025-02.html" ]
}

# --- kpi-render --each-as-at --as-at --------------------------------------------

# The fixed example's month records (as_at 2024-03) once more as at each
# month given, as render-output.bats makes them
months_of() {
	awk -v months="$*" '/"as_at":"2024-03"/ { r[++n] = $0 }
		END { k = split(months, m, " ")
		      for (i = 1; i <= k; i++) for (j = 1; j <= n; j++) {
			      l = r[j]; sub(/"as_at":"2024-03"/, "\"as_at\":\"" m[i] "\"", l); print l } }' "$R/judged.ndjson"
}

@test "kpi-render --as-at: only the periods given, each the report --each-as-at writes of it" {
	months_of 2024-01 2024-02 2024-03 >"$BATS_TEST_TMPDIR/in.ndjson"
	kpi-render -f md --each-as-at "$BATS_TEST_TMPDIR/all-{as_at}.md" "$BATS_TEST_TMPDIR/in.ndjson"
	mkdir -p "$OUT"
	run kpi-render -f md --each-as-at "$OUT/r-{as_at}.md" --as-at 2024-02 --as-at 2024-03 "$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	assert_output ""
	run ls -A "$OUT"
	assert_output "$(printf '%s\n' r-2024-02.md r-2024-03.md)"
	cmp "$OUT/r-2024-02.md" "$BATS_TEST_TMPDIR/all-2024-02.md"
	cmp "$OUT/r-2024-03.md" "$BATS_TEST_TMPDIR/all-2024-03.md"
}

@test "kpi-render --as-at: a period no record has gets the report of no records, named from the period" {
	months_of 2024-03 >"$BATS_TEST_TMPDIR/in.ndjson"
	mkdir -p "$OUT"
	run kpi-render -f md --each-as-at "$OUT/r-{as_at}.md" --as-at 2030-01 --as-at 2023/24 --as-at 2024-03 \
		"$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	run ls -A "$OUT"
	assert_output "$(printf '%s\n' r-2023_24.md r-2024-03.md r-2030-01.md)"
	kpi-render -f md </dev/null >"$BATS_TEST_TMPDIR/empty.md"
	cmp "$OUT/r-2030-01.md" "$BATS_TEST_TMPDIR/empty.md"
	cmp "$OUT/r-2023_24.md" "$BATS_TEST_TMPDIR/empty.md"
	! cmp -s "$OUT/r-2024-03.md" "$BATS_TEST_TMPDIR/empty.md"
	# empty input, the same period twice: one report
	rm "$OUT"/*
	run kpi-render -f md --each-as-at "$OUT/r-{as_at}.md" --as-at 2030-01 --as-at 2030-01 /dev/null
	assert_success
	run ls -A "$OUT"
	assert_output "r-2030-01.md"
}

@test "kpi-render --as-at: the records of other periods are still checked" {
	{
		months_of 2024-03
		echo '{"indicator": }'
	} >"$BATS_TEST_TMPDIR/in.ndjson"
	mkdir -p "$OUT"
	run kpi-render -f md --each-as-at "$OUT/r-{as_at}.md" --as-at 2024-03 "$BATS_TEST_TMPDIR/in.ndjson"
	assert_failure 1
	assert_output --partial "kpi-render: $BATS_TEST_TMPDIR/in.ndjson:$(( $(wc -l <"$BATS_TEST_TMPDIR/in.ndjson") )):"
	run ls -A "$OUT"
	assert_output ""
}

@test "kpi-render --as-at: usage errors" {
	run kpi-render --each-as-at "$OUT/r-{as_at}.md" --as-at 2024-13 /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-render: --as-at: '2024-13' is not a period as as_at writes one (2024-03, 2023/24, 2024-Q1)"
	run kpi-render --each-as-at "$OUT/r-{as_at}.md" --as-at ../x /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-render: --as-at: '../x' is not a period as as_at writes one (2024-03, 2023/24, 2024-Q1)"
	run kpi-render --as-at 2024-03 /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-render: --as-at is for --each-as-at"
	run kpi-render --help
	assert_output --partial "--as-at PERIOD         with --each-as-at: only the report as at PERIOD"
	[ ! -e "$OUT" ]
}
