#!/usr/bin/env bats
# kpi-render's words as data (kpi-phrases(5)): --phrases FILE, its errors,
# the default phrases file, no English in the C, control characters from
# the data escaped, and the statuses' words.

load helper

R="$DATA/render"
COUNCIL="$R/council.phrases"

# The sentence lines of entry CODE in Markdown read from stdin.
entry_md() { sed -n "/^- \*\*$1 /{n;s/^  //;p}"; }

@test "--phrases: a council's words in Markdown, HTML and text, with no rebuild" {
	run kpi-render --help
	assert_output --partial "--phrases FILE"
	run corporate-parenting-board --help
	assert_output --partial "--phrases FILE"
	run kpi-render -f md --phrases "$COUNCIL" "$R/judged.ndjson"
	assert_success
	assert_line "**Areas for improvement:**"
	assert_line "**Good or improved performance:**"
	refute_output --partial "**Current issues:**"
	assert_output --partial "Initial conferences within 15 working days increased from 84.6% (33) in Feb 24 to 90.5% (38) in Mar 24."
	assert_output --partial "Children in care with three or more placement moves increased from 11.1% (40) in Feb 24"
	run kpi-render -f html --phrases "$COUNCIL" "$R/judged.ndjson"
	assert_success
	assert_output --partial "<h4>Areas for improvement:</h4>"
	assert_output --partial "Initial conferences within 15 working days increased from 84.6% (33) in Feb 24 to 90.5% (38) in Mar 24."
	refute_output --partial "Current issues"
	run kpi-render -f txt --phrases "$COUNCIL" "$R/judged.ndjson"
	assert_success
	assert_line "Areas for improvement:"
	assert_output --partial "Initial conferences within 15 working days increased from 84.6% (33) in"
	refute_output --partial "Current issues"
}

@test "--phrases: the phrases it does not name stay as they were; the golden report is unchanged without it" {
	kpi-render --phrases "$COUNCIL" "$R/judged.ndjson" >"$BATS_TEST_TMPDIR/council.md"
	grep -qF "Child protection visits within 10 working days fell sharply from 87.9% (167) in Feb 24" "$BATS_TEST_TMPDIR/council.md"
	grep -qx '### Child Protection' "$BATS_TEST_TMPDIR/council.md"
	# a phrases file that restates kpi's own words changes nothing
	grep -E '^(p1\.rose|heading\.current_issues) ' "$KPI_DATADIR/phrases/en-GB.phrases" >"$BATS_TEST_TMPDIR/same.phrases"
	kpi-render --phrases "$BATS_TEST_TMPDIR/same.phrases" "$R/judged.ndjson" | cmp - <(kpi-render "$R/judged.ndjson")
}

@test "--phrases: slots anywhere, {subject} lowered inside a sentence, an empty phrase leaves its sentence out" {
	run bash -c "set -o pipefail; grep '^p11|' '$R/patterns.txt' | cut -d'|' -f2- | kpi-render --full --phrases '$COUNCIL' | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_success
	assert_output "The figure for repeat plans in Oct 22 was 22.2% (6). The year average is 18.4% (47 out of 255)."
	run bash -c "set -o pipefail; grep '^p8|' '$R/patterns.txt' | cut -d'|' -f2- | kpi-render --full --phrases '$COUNCIL' | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_output "The figure for children placed at home on a care order in Oct 22 was 38. This is 13 children above the improvement target of 25 to be reached by Dec 22."
	run bash -c "set -o pipefail; grep '^p1|' '$R/patterns.txt' | cut -d'|' -f2- | kpi-render --full --phrases '$COUNCIL' | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_output "Residential placements increased a little from 6.5% (2) (Sep 22) to 11.1% (3) (Oct 22)."
}

@test "--phrases: the narrative heading, literal braces, and the last file wins" {
	printf 'heading.narrative = {{Commentary}} of {author}\n' >"$BATS_TEST_TMPDIR/a.phrases"
	printf 'heading.improvement = Better\n' >"$BATS_TEST_TMPDIR/b.phrases"
	run kpi-render --narrative "$R/narrative.md" --phrases "$COUNCIL" --phrases "$BATS_TEST_TMPDIR/a.phrases" \
		--phrases "$BATS_TEST_TMPDIR/b.phrases" "$R/judged.ndjson"
	assert_success
	assert_line "*{Commentary} of Dana Whitlow – Child Protection and Review*"
	assert_line "**Better:**"
	assert_line "**Areas for improvement:**"
}

@test "--phrases: CRLF, a BOM, comments, blank lines and spaces around '=' are read" {
	printf '\xef\xbb\xbf# a comment\r\n\r\n   heading.improvement\t=   Doing well   \r\n' >"$BATS_TEST_TMPDIR/crlf.phrases"
	run kpi-render --phrases "$BATS_TEST_TMPDIR/crlf.phrases" "$R/judged.ndjson"
	assert_success
	assert_line "**Doing well:**"
}

@test "--phrases: an unknown id is exit 1 naming FILE:LINE" {
	printf '# ours\np1.rose = {subject} rose\np1.rise = {subject} went up\n' >"$BATS_TEST_TMPDIR/bad.phrases"
	run kpi-render --phrases "$BATS_TEST_TMPDIR/bad.phrases" "$R/judged.ndjson"
	assert_failure 1
	assert_output "kpi-render: $BATS_TEST_TMPDIR/bad.phrases:3: unknown phrase id 'p1.rise'"
}

@test "--phrases: an unknown slot is exit 1 naming FILE:LINE and the phrase's slots" {
	printf 'p2.same = This is the same as {to_period}.\n' >"$BATS_TEST_TMPDIR/bad.phrases"
	run kpi-render --phrases "$BATS_TEST_TMPDIR/bad.phrases" "$R/judged.ndjson"
	assert_failure 1
	assert_output "kpi-render: $BATS_TEST_TMPDIR/bad.phrases:1: phrase 'p2.same' has no slot {to_period} (its slots: {from})"
	printf 'heading.notes = Notes {on}\n' >"$BATS_TEST_TMPDIR/bad.phrases"
	run kpi-render --phrases "$BATS_TEST_TMPDIR/bad.phrases" "$R/judged.ndjson"
	assert_failure 1
	assert_output "kpi-render: $BATS_TEST_TMPDIR/bad.phrases:1: phrase 'heading.notes' has no slot {on} (its slots: none)"
}

@test "--phrases: other bad lines are exit 1 naming FILE:LINE" {
	local f="$BATS_TEST_TMPDIR/bad.phrases"
	printf 'heading.notes Notes\n' >"$f"
	run kpi-render --phrases "$f" </dev/null
	assert_failure 1
	assert_output "kpi-render: $f:1: not 'id = template': 'heading.notes Notes'"
	printf 'heading.notes = Notes {\n' >"$f"
	run kpi-render --phrases "$f" </dev/null
	assert_output "kpi-render: $f:1: '{' opens no slot (write {{ for a brace)"
	printf 'heading.notes = Notes }\n' >"$f"
	run kpi-render --phrases "$f" </dev/null
	assert_output "kpi-render: $f:1: '}' closes no slot (write }} for a brace)"
	printf 'heading.notes = A\n\nheading.notes = B\n' >"$f"
	run kpi-render --phrases "$f" </dev/null
	assert_failure 1
	assert_output "kpi-render: $f:3: phrase 'heading.notes' is set twice (first on line 1)"
	printf 'heading.notes = Notes \xe9t\xe9\n' >"$f"
	run kpi-render --phrases "$f" </dev/null
	assert_failure 1
	assert_output "kpi-render: $f:1: invalid UTF-8 (byte 0xE9 at column 23)"
	printf 'heading.notes = Notes \033[31m\n' >"$f"
	run kpi-render --phrases "$f" </dev/null
	assert_failure 1
	assert_output "kpi-render: $f:1: control character U+001B at column 23"
	printf 'heading.notes = Notes \xc2\x9b\n' >"$f"
	run kpi-render --phrases "$f" </dev/null
	assert_failure 1
	assert_output "kpi-render: $f:1: control character U+009B at column 23"
	printf '# a lone CR after a first line ended by LF stays in its line\nheading.notes = Notes\rx\n' >"$f"
	run kpi-render --phrases "$f" </dev/null
	assert_failure 1
	assert_output "kpi-render: $f:2: control character U+000D at column 22"
}

@test "--phrases: a missing file is exit 2; so is a default phrases file that lacks a phrase" {
	run kpi-render --phrases "$BATS_TEST_TMPDIR/none.phrases" </dev/null
	assert_failure 2
	assert_output "kpi-render: $BATS_TEST_TMPDIR/none.phrases: No such file or directory"
	mkdir -p "$BATS_TEST_TMPDIR/share/phrases"
	grep -v '^heading.notes ' "$KPI_DATADIR/phrases/en-GB.phrases" >"$BATS_TEST_TMPDIR/share/phrases/en-GB.phrases"
	run env KPI_DATADIR="$BATS_TEST_TMPDIR/share" kpi-render </dev/null
	assert_failure 2
	assert_output "kpi-render: $BATS_TEST_TMPDIR/share/phrases/en-GB.phrases: phrase 'heading.notes' is missing (is kpi installed whole?)"
}

# not rerun under sanitizers: a check of the sources and man pages; the
# default file it checks kpi-render reads in every other test there
# bats test_tags=no-sanitizer
@test "phrases: every id of the code is in the default file, kpi-phrases(5) and kpi-render(1)" {
	local ids missing
	ids=$(sed -n 's/^PH([A-Z0-9_]*, "\([^"]*\)".*/\1/p' "$REPO/cmd/kpi-render/phrase_list.h")
	[ "$(printf '%s\n' "$ids" | wc -l)" -gt 150 ]
	# one awk for every id (a grep per id and file was some 600 forks of
	# the test's shell): a line "ID = " of en-GB.phrases, a line ".B ID" of
	# kpi-phrases(5), ID anywhere in kpi-render(1)
	missing=$(printf '%s\n' "$ids" | awk -v phrases="$REPO/share/phrases/en-GB.phrases" \
		-v man5="$REPO/cmd/kpi-render/kpi-phrases.5" -v man1="$REPO/cmd/kpi-render/kpi-render.1" '
		BEGIN {
			while ((getline l <phrases) > 0) if ((i = index(l, " = ")) > 1) defined[substr(l, 1, i - 1)] = 1
			while ((getline l <man5) > 0) if (substr(l, 1, 3) == ".B ") listed[substr(l, 4)] = 1
			while ((getline l <man1) > 0) page = page "\n" l
		}
		!($0 in defined) { print $0 " is not in en-GB.phrases" }
		!($0 in listed) { print $0 " is not in kpi-phrases.5" }
		!index(page, $0) { print $0 " is not in kpi-render.1" }')
	[ -z "$missing" ] || fail "$missing"
	# and the default file names no id the code lacks (kpi-render would refuse it)
	run kpi-render </dev/null
	assert_success
	# the man pages' lists are made from the phrases: up to date
	run "$REPO/scripts/phrases-man" --check
	assert_success
}

# not rerun under sanitizers: python reads the C sources, nothing compiled runs
# bats test_tags=no-sanitizer
@test "phrases: no English report wording in cmd/kpi-render/*.c, only phrase ids" {
	# Every string literal of the C files, comments removed, is checked for
	# prose (two words in a row) or a capitalised label ("Board").  Not report
	# wording, so not checked: the --help text, the CSS, diagnostics
	# (kpi_die..., kpi_warn..., kpi_usage_error, kpi_run_reject) and the
	# narrative file's own syntax ("Author:").  Single lower-case words are
	# the records' vocabulary (units, statuses, JSON keys) and phrase ids.
	cat >"$BATS_TEST_TMPDIR/wording.py" <<-'EOF'
	import re, sys
	bad = []
	for path in sys.argv[1:]:
	    src = open(path, encoding="utf-8").read()
	    src = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), src, flags=re.S)
	    src = re.sub(r"//[^\n]*", "", src)
	    skip = set()
	    spans = [m.span() for m in re.finditer(r"\b(help_text|css)\[\] =.*?;\n", src, flags=re.S)]
	    spans += [(m.start(), src.index(";", m.end())) for m in
	              re.finditer(r"\b(kpi_die|kpi_die_at|kpi_warn|kpi_warn_at|kpi_usage_error|kpi_run_reject)\s*\(", src)]
	    for a, b in spans:
	        skip.update(range(src[:a].count("\n"), src[:b].count("\n") + 1))
	    for no, line in enumerate(src.split("\n")):
	        if no in skip:
	            continue
	        for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', line):
	            if lit == "Author:":
	                continue
	            text = re.sub(r"\\.", " ", lit)
	            words = [w.strip(",.;:!?()") for w in text.split(" ")]
	            prose = any(re.fullmatch(r"[A-Za-z]+", a) and re.fullmatch(r"[A-Za-z]+", b)
	                        for a, b in zip(words, words[1:]))
	            label = re.fullmatch(r"[A-Z][a-z]+", text.strip(" ,.;:!?()"))
	            if prose or label:
	                bad.append('%s:%d: "%s"' % (path.split("/")[-1], no + 1, lit))
	print("\n".join(bad))
	EOF
	run python3 "$BATS_TEST_TMPDIR/wording.py" "$REPO"/cmd/kpi-render/*.c
	assert_success
	assert_output ""
	# the check finds wording put back in C, a sentence or a label
	printf '/* "In a comment" */\nkpi_buf_adds(b, "Current issues");\nconst char *y = "Board";\nkpi_die(1,\n\t"no such file here");\n' >"$BATS_TEST_TMPDIR/x.c"
	run python3 "$BATS_TEST_TMPDIR/wording.py" "$BATS_TEST_TMPDIR/x.c"
	assert_output "$(printf 'x.c:2: "Current issues"\nx.c:3: "Board"')"
}

@test "control characters from the data are escaped in md and txt (and HTML): \\x1b, \\x07, \\x9b" {
	local rec='{"indicator":"X1","name":"Visits \u001b]0;pwned\u0007 done","section":"S\u009b2J","area":"A\u007f","unit":"count","period":"2024-03","value":5,"previous":{"period":"2024-02","value":9},"assessment":"issue","movement":"clear"}'
	local f
	for f in md txt html; do
		run bash -c "set -o pipefail; printf '%s\n' '$rec' | kpi-render -f $f --footer \$'team \033[31mred' > '$BATS_TEST_TMPDIR/out.$f'"
		assert_success
		run grep -c $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]\|\xc2[\x80-\x9f]' "$BATS_TEST_TMPDIR/out.$f"
		assert_output "0"
	done
	run cat "$BATS_TEST_TMPDIR/out.txt"
	assert_output --partial 'Visits \x1b]0;pwned\x07 done fell from 9 in Feb 24 to 5 in Mar 24.'
	assert_line 'S\x9b2J'
	assert_output --partial 'team \x1b[31mred'
	run cat "$BATS_TEST_TMPDIR/out.md"
	assert_output --partial '**X1 Visits \x1b\]0;pwned\x07 done**'
	assert_line '### S\x9b2J'
	run cat "$BATS_TEST_TMPDIR/out.html"
	assert_output --partial 'Visits \x1b]0;pwned\x07 done'
}

@test "control characters from the data are escaped in the CSV report, which kpi-ingest reads back" {
	# found by fuzz_render: a raw U+0001 in a CSV cell made the report a file
	# the project's own CSV reader refuses
	local rec='{"indicator":"X1","name":"Visits \u001b]0;\"pwned\"\u0007","section":"S","area":"K\u0001nt","unit":"count","period":"2024-03","value":5,"assessment":"issue"}'
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | kpi-render -f csv > '$BATS_TEST_TMPDIR/out.csv'"
	assert_success
	run grep -c $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' "$BATS_TEST_TMPDIR/out.csv"
	assert_output "0"
	run bash -c "set -o pipefail; kpi-ingest --keep-going --measures all -f csv '$BATS_TEST_TMPDIR/out.csv' >/dev/null"
	refute_output --partial 'control character'
	run grep -c 'S,X1,"Visits \\x1b\]0;""pwned""\\x07",K\\x01nt,' "$BATS_TEST_TMPDIR/out.csv"
	assert_output "1"
}

@test "control characters through the whole chain never reach the report" {
	# an area name with a terminal title sequence: either a stage refuses it
	# (exit 1, issue 18) or the report shows it escaped; stdout is never raw
	local csv
	csv=$(printf 'indicator,period,value,area\ncla_count,2024-01,5,North\ncla_count,2024-01,6,\033]0;pwned\007\n')
	for f in txt md; do
		run bash -c "set -o pipefail; printf '%s\n' \"\$1\" | kpi-ingest -f csv | kpi-normalise | kpi-trend | kpi-flag | kpi-render -f $f 2>/dev/null" _ "$csv"
		[ "$status" -eq 0 ] || [ "$status" -eq 1 ] || fail "exit $status"
		if printf '%s' "$output" | grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'; then
			fail "a control character reached the $f report"
		fi
		[ "$status" -eq 1 ] || [[ "$output" == *'Children looked after (\x1b]0;pwned\x07)'* ]] ||
			[[ "$output" == *'Children looked after (\x1b\]0;pwned\x07)'* ]] || fail "the area is not shown escaped"
	done
}

@test "statuses: suppressed, not available, <0.5 (rounds to zero), low reliability marked, as phrases" {
	local base='"indicator":"X1","name":"Reviews","section":"S","unit":"percent","polarity":"higher_is_better","period":"2024-03","previous":{"period":"2024-02","value":75,"numerator":270,"denominator":360},"assessment":"issue"'
	local status words="suppressed=suppressed not_available=not available rounds_to_zero=<0.5 missing=missing not_applicable=not applicable error=error"
	run bash -c "set -o pipefail; for s in suppressed not_available rounds_to_zero missing not_applicable error; do printf '{$base,\"value\":null,\"status\":\"%s\"}\n' \$s; done | kpi-render -f md"
	assert_success
	assert_line "| X1 | Reviews | suppressed | 75.0% (270/360) | - | - | - | - | - | - |"
	assert_line "| X1 | Reviews | not available | 75.0% (270/360) | - | - | - | - | - | - |"
	assert_line "| X1 | Reviews | \<0.5 | 75.0% (270/360) | - | - | - | - | - | - |"
	assert_line "| X1 | Reviews | not applicable | 75.0% (270/360) | - | - | - | - | - | - |"
	assert_output --partial "The figure for Mar 24 is suppressed because the numbers are small. The last figure was 75.0% (270) in Feb 24."
	assert_output --partial "Data for Mar 24 is not available. The last figure was 75.0% (270) in Feb 24."
	assert_output --partial "In Mar 24, reviews was \<0.5. The last figure was 75.0% (270) in Feb 24."
	assert_output --partial "There is no figure for Mar 24 (not applicable)."
	assert_output --partial "**The figure for Mar 24 could not be read from the source and is being checked.**"
	# low reliability: the value is kept and marked in the table and the sentence
	run bash -c "set -o pipefail; printf '{$base,\"value\":74.2,\"numerator\":268,\"denominator\":361,\"status\":\"low_reliability\",\"movement\":\"clear\"}\n' | kpi-render -f md"
	assert_line "| X1 | Reviews | 74.2% (268/361) (low reliability) | 75.0% (270/360) | -0.8pp | - | - | - | - | - |"
	assert_output --partial "Reviews fell from 75.0% (270) in Feb 24 to 74.2% (268; low reliability) in Mar 24."
	# and their words are phrases
	printf 'status.rounds_to_zero = fewer than 0.5\nstatus.low_reliability = {value} [u]\nnote.low_reliability = treat with caution\n' >"$BATS_TEST_TMPDIR/s.phrases"
	run bash -c "set -o pipefail; printf '{$base,\"value\":null,\"status\":\"rounds_to_zero\"}\n{$base,\"value\":74.2,\"numerator\":268,\"status\":\"low_reliability\"}\n' | kpi-render -f md --phrases '$BATS_TEST_TMPDIR/s.phrases'"
	assert_output --partial "| fewer than 0.5 |"
	assert_output --partial "| 74.2% (268) \\[u\\] |"
	assert_output --partial "to 74.2% (268; treat with caution) in Mar 24."
}

@test "report pipelines and kpi-regenerate pass --phrases to kpi-render" {
	run corporate-parenting-board --print --phrases "$COUNCIL" "$REPO/examples"
	assert_success
	assert_output --partial "kpi-render --format html"
	assert_output --partial "--phrases $COUNCIL"
	run scrutiny-panel -f md --phrases "$COUNCIL" "$REPO/examples"
	assert_success
	refute_output --partial "Current issues"
	local out="$BATS_TEST_TMPDIR/reports"
	run regenerate --type health-highlight --from 2025-02 --to 2025-03 -o "$out" --phrases "$COUNCIL" "$REPO/examples"
	assert_success
	grep -q "Areas for improvement" "$out/health-highlight-2025-03.html"
	! grep -q "Current issues" "$out/health-highlight-2025-03.html"
}
