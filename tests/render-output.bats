#!/usr/bin/env bats
# kpi-render's report files: -o writes whole or not at all, --each-as-at
# writes one report per as_at period, and the narrative is read once and
# checked as UTF-8.

load helper
bats_require_minimum_version 1.5.0

R="$DATA/render"

setup() {
	OUT="$BATS_TEST_TMPDIR/out"
	mkdir -p "$OUT"
}

# The fixed example's month records (as_at 2024-03) once more as at each
# month given, one line per record: the input of kpi-trend --every-period.
months_of() {
	local m
	for m; do
		grep '"as_at":"2024-03"' "$R/judged.ndjson" | sed "s/\"as_at\":\"2024-03\"/\"as_at\":\"$m\"/"
	done
}

# --- --each-as-at ---------------------------------------------------------------

@test "--each-as-at writes one report per as_at, each the report of that period's records" {
	months_of 2024-01 2024-02 2024-03 >"$BATS_TEST_TMPDIR/in.ndjson"
	run kpi-render -f md --each-as-at "$OUT/r-{as_at}.md" "$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	assert_output ""
	run ls -A "$OUT"
	assert_output "$(printf '%s\n' r-2024-01.md r-2024-02.md r-2024-03.md)"
	months_of 2024-02 | kpi-render -f md >"$BATS_TEST_TMPDIR/feb.md"
	cmp "$OUT/r-2024-02.md" "$BATS_TEST_TMPDIR/feb.md"
	grep -q "29 February 2024" "$OUT/r-2024-02.md"
	! grep -q "31 March 2024" "$OUT/r-2024-02.md"
}

@test "--each-as-at: a period with a slash names its file with an underscore" {
	run kpi-render -f txt --each-as-at "$OUT/{as_at}.txt" "$R/judged.ndjson"
	assert_success
	run ls -A "$OUT"
	assert_output "$(printf '%s\n' 2023_24-Q4.txt 2024-03.txt)"
}

@test "--each-as-at: the financial year 2010/11 and November 2010 are two reports (issue 18)" {
	{
		echo indicator,period,value,area
		for m in 01 02 03 04 05 06 07 08 09 10 11 12; do echo "cla_count,2010-$m,3$m,X"; done
		echo cla_rate_per_10k,2010/11,55,X
	} >"$BATS_TEST_TMPDIR/c.csv"
	run bash -c "set -o pipefail; kpi-ingest '$BATS_TEST_TMPDIR/c.csv' | kpi-normalise | kpi-trend --every-period \
		| kpi-flag | kpi-render --each-as-at '$OUT/r-{as_at}.md'"
	assert_success
	run ls -A "$OUT"
	assert_line --index 10 r-2010-11.md
	assert_line --index 12 r-2010_11.md
	[ "${#lines[@]}" -eq 13 ]
	grep -q "as at 30 November 2010" "$OUT/r-2010-11.md"
	grep -q "^| Children looked after | 311 |" "$OUT/r-2010-11.md"
	grep -q "as at 31 March 2011" "$OUT/r-2010_11.md"
	grep -q "^| Children looked after per 10,000 children | 55 |" "$OUT/r-2010_11.md"
	run grep -c "^| Children looked after |" "$OUT/r-2010_11.md"
	assert_output 0
}

@test "--each-as-at: the academic and the financial year 2023/24 are two reports" {
	grep -m 1 '"as_at":"2024-03"' "$R/judged.ndjson" \
		| sed 's/"period_type":"month"/"period_type":"academic_year"/; s/"as_at":"2024-03"/"as_at":"2023\/24"/' \
		>"$BATS_TEST_TMPDIR/in.ndjson"
	grep -m 1 '"as_at":"2024-03"' "$R/judged.ndjson" \
		| sed 's/"period_type":"month"/"period_type":"financial_year"/; s/"as_at":"2024-03"/"as_at":"2023\/24"/' \
		>>"$BATS_TEST_TMPDIR/in.ndjson"
	run kpi-render --each-as-at "$OUT/{as_at}.md" "$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	run ls -A "$OUT"
	assert_output "$(printf '%s\n' 2023_24-AY.md 2023_24.md)"
	grep -q "as at 31 August 2024" "$OUT/2023_24-AY.md"
	grep -q "as at 31 March 2024" "$OUT/2023_24.md"
}

@test "--each-as-at: an as_at that is no canonical period names no file, and nothing is written (issue 18)" {
	# as_at ".." with a directory template would have written ./r.html outside reports/
	cd "$BATS_TEST_TMPDIR"
	mkdir -p reports
	{
		months_of 2024-01
		grep -m 1 '"as_at":"2024-03"' "$R/judged.ndjson" | sed 's/"as_at":"2024-03"/"as_at":".."/'
		months_of 2024-02
	} >in.ndjson
	run --separate-stderr kpi-render -f html --each-as-at 'reports/{as_at}/r.html' in.ndjson
	assert_failure 1
	[ "$stderr" = 'kpi-render: in.ndjson:15: as_at ".." is not a canonical month period: no report file can be named after it' ]
	[ ! -e r.html ]
	[ -z "$(ls -A reports)" ]
	for bad in ../../escape 2024/03 '2024-03/..' 'Mar 24' 2024-3 ''; do
		grep -m 1 '"as_at":"2024-03"' "$R/judged.ndjson" | sed "s|\"as_at\":\"2024-03\"|\"as_at\":\"$bad\"|" >one.ndjson
		run --separate-stderr kpi-render --each-as-at "$OUT/r-{as_at}.md" one.ndjson
		if [ -z "$bad" ]; then
			# an empty as_at is no as_at: a warning, no report
			assert_success
		else
			assert_failure 1
			[ "$stderr" = "kpi-render: one.ndjson:1: as_at \"$bad\" is not a canonical month period: no report file can be named after it" ]
		fi
		[ -z "$(ls -A "$OUT")" ]
	done
	# without a period_type, the text alone must be a canonical period
	echo '{"indicator":"x","unit":"count","value":1,"as_at":"../../escape"}' >one.ndjson
	run --separate-stderr kpi-render --each-as-at "$OUT/r-{as_at}.md" one.ndjson
	assert_failure 1
	[ "$stderr" = 'kpi-render: one.ndjson:1: as_at "../../escape" is not a canonical period: no report file can be named after it' ]
	[ ! -e "$BATS_TEST_TMPDIR/escape.md" ]
}

@test "--each-as-at: records in any order are grouped, in input order within a report" {
	{ months_of 2024-02 2024-01 | sort -r; } >"$BATS_TEST_TMPDIR/mixed.ndjson"
	kpi-render -f csv --each-as-at "$OUT/{as_at}.csv" "$BATS_TEST_TMPDIR/mixed.ndjson"
	grep '"as_at":"2024-01"' "$BATS_TEST_TMPDIR/mixed.ndjson" | kpi-render -f csv >"$BATS_TEST_TMPDIR/jan.csv"
	cmp "$OUT/2024-01.csv" "$BATS_TEST_TMPDIR/jan.csv"
}

@test "--each-as-at: a record without as_at is in no report, and says so" {
	{
		months_of 2024-03
		echo '{"indicator":"x","unit":"count","value":1}'
		echo '{"indicator":"y","unit":"count","value":2}'
	} >"$BATS_TEST_TMPDIR/in.ndjson"
	run kpi-render --each-as-at "$OUT/{as_at}.md" "$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	assert_output "kpi-render: $BATS_TEST_TMPDIR/in.ndjson:15: 2 records without as_at are in no report (the first is here)"
	run ls -A "$OUT"
	assert_output "2024-03.md"
}

@test "--each-as-at applies a narrative read once (from a pipe) to every report" {
	months_of 2024-02 2024-03 >"$BATS_TEST_TMPDIR/in.ndjson"
	run kpi-render -f md --narrative <(cat "$R/narrative.md") --each-as-at "$OUT/{as_at}.md" \
		"$BATS_TEST_TMPDIR/in.ndjson"
	assert_success
	grep -qF "Visits are happening" "$OUT/2024-02.md"
	grep -qF "Visits are happening" "$OUT/2024-03.md"
}

@test "--each-as-at with empty input writes nothing" {
	run kpi-render --each-as-at "$OUT/{as_at}.md" </dev/null
	assert_success
	run ls -A "$OUT"
	assert_output ""
}

@test "--each-as-at needs {as_at} in its template and goes without -o" {
	run kpi-render --each-as-at "$OUT/report.md" "$R/judged.ndjson"
	assert_failure 2
	assert_line --index 0 "kpi-render: --each-as-at: '$OUT/report.md' has no {as_at} to replace"
	run kpi-render --each-as-at "$OUT/{as_at}.md" -o "$OUT/x.md" "$R/judged.ndjson"
	assert_failure 2
	assert_line --index 0 "kpi-render: --each-as-at and --output both name where the report goes"
}

@test "--each-as-at into a missing directory: exit 2 naming the file" {
	run kpi-render --each-as-at "$OUT/no/such/{as_at}.md" "$R/judged.ndjson"
	assert_failure 2
	assert_output "kpi-render: $OUT/no/such/2023_24-Q4.md: No such file or directory"
}

# --- -o: whole or not at all ------------------------------------------------------

@test "-o: a write that fails midway keeps the old report and leaves no temporary file" {
	echo "the old report" >"$OUT/r.html"
	# a 4 KB file-size limit: the report is larger, so a write fails with EFBIG
	run bash -c 'ulimit -f 4; exec kpi-render -f html -o "$1" "$2"' _ "$OUT/r.html" "$R/judged.ndjson"
	assert_failure 2
	assert_output "kpi-render: write error on $OUT/r.html: File too large"
	run ls -A "$OUT"
	assert_output "r.html"
	run cat "$OUT/r.html"
	assert_output "the old report"
}

@test "-o: a new report gets the permissions fopen would give it (umask)" {
	(umask 027 && kpi-render -o "$OUT/r.md" "$R/judged.ndjson")
	run stat -c %a "$OUT/r.md"
	assert_output "640"
	(umask 022 && kpi-render -o "$OUT/s.md" "$R/judged.ndjson")
	run stat -c %a "$OUT/s.md"
	assert_output "644"
}

@test "-o: a replaced report keeps its mode, whatever the umask (issue 18)" {
	(umask 027 && kpi-render -o "$OUT/r.md" "$R/judged.ndjson")
	(umask 022 && kpi-render -f txt -o "$OUT/r.md" "$R/judged.ndjson")
	run stat -c %a "$OUT/r.md"
	assert_output "640"
	grep -q "^Performance Highlight Report" "$OUT/r.md"
	chmod 600 "$OUT/r.md"
	kpi-render -o "$OUT/r.md" "$R/judged.ndjson"
	run stat -c %a "$OUT/r.md"
	assert_output "600"
	chmod 664 "$OUT/r.md"
	(umask 077 && kpi-render --each-as-at "$OUT/{as_at}.md" "$R/judged.ndjson")
	(umask 077 && kpi-render --each-as-at "$OUT/{as_at}.md" "$R/judged.ndjson")
	run stat -c %a "$OUT/2024-03.md"
	assert_output "600"
	chmod 664 "$OUT/2024-03.md"
	(umask 077 && kpi-render --each-as-at "$OUT/{as_at}.md" "$R/judged.ndjson")
	run stat -c %a "$OUT/2024-03.md"
	assert_output "664"
}

@test "-o: a path that is not a regular file is written in place" {
	run kpi-render -f txt -o /dev/stdout "$R/judged.ndjson"
	assert_success
	assert_line --index 0 "Performance Highlight Report"
	ln -s "$OUT/target.txt" "$OUT/link.txt"
	kpi-render -f txt -o "$OUT/link.txt" "$R/judged.ndjson"
	[ -L "$OUT/link.txt" ]
	head -1 "$OUT/target.txt" | grep -qx "Performance Highlight Report"
}

@test "-o /dev/full: exit 2, the write error named" {
	run kpi-render -o /dev/full "$R/judged.ndjson"
	assert_failure 2
	assert_output "kpi-render: write error on /dev/full: No space left on device"
}

@test "-o in a directory that cannot be written: exit 2 with the reason" {
	[ "$(id -u)" -ne 0 ] || skip "root writes anywhere"
	chmod 555 "$OUT"
	run kpi-render -o "$OUT/r.md" "$R/judged.ndjson"
	chmod 755 "$OUT"
	assert_failure 2
	assert_output "kpi-render: $OUT/r.md: Permission denied"
}

@test "killed while writing reports: every report there is whole, no temporary file stays" {
	local m months=()
	for y in 2010 2011 2012 2013 2014 2015 2016 2017 2018 2019; do
		for m in 01 02 03 04 05 06 07 08 09 10 11 12; do months+=("$y-$m"); done
	done
	months_of "${months[@]}" >"$BATS_TEST_TMPDIR/in.ndjson"
	# the report of Jan 2015 is a FIFO no one reads: kpi-render cannot end before the kill
	mkfifo "$OUT/2015-01.html"
	kpi-render -f html --each-as-at "$OUT/{as_at}.html" "$BATS_TEST_TMPDIR/in.ndjson" &
	kill_at_first_report "$OUT" $!
	[ "$killed_status" -eq 143 ]
	rm "$OUT/2015-01.html"
	assert_whole_reports "$OUT"
	[ ! -e "$OUT/2015-02.html" ]
}

# --- narrative --------------------------------------------------------------------

@test "a narrative that is not UTF-8: exit 1 naming its line" {
	printf '## Children in Care\nFine.\nLatin-1 \xe9t\xe9\n' >"$BATS_TEST_TMPDIR/n.md"
	run kpi-render --narrative "$BATS_TEST_TMPDIR/n.md" "$R/judged.ndjson"
	assert_failure 1
	assert_output "kpi-render: $BATS_TEST_TMPDIR/n.md:3: invalid UTF-8 (byte 0xE9 at column 9)"
}
