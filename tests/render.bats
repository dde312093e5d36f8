#!/usr/bin/env bats
# kpi-render: golden files per format on the fixed example
# (tests/data/render/judged.ndjson, made by make-judged.py), reproducibility,
# escaping, CSV safety, narrative errors, input and output errors.

load helper

R="$DATA/render"
BOARD="Northbridge Corporate Parenting Board"
FOOTER="Produced by the Performance and Intelligence Team, Children's Services, April 2024"

golden() {
	kpi-render -f "$1" --board "$BOARD" --meeting-date 2024-05-14 \
		--narrative "$R/narrative.md" --footer "$FOOTER" "${@:2}" "$R/judged.ndjson"
}

@test "golden: Markdown" {
	run golden md
	assert_success
	assert_output "$(cat "$R/expected.md")"
}

@test "golden: Markdown, the long form (--full): every listed entry, each section with its table" {
	run golden md --full
	assert_success
	assert_output "$(cat "$R/expected-full.md")"
}

@test "golden: HTML" {
	golden html > "$BATS_TEST_TMPDIR/out.html"
	cmp "$BATS_TEST_TMPDIR/out.html" "$R/expected.html"
}

@test "golden: text" {
	run golden txt
	assert_success
	assert_output "$(cat "$R/expected.txt")"
}

@test "golden: CSV (byte for byte, CRLF line ends)" {
	golden csv > "$BATS_TEST_TMPDIR/out.csv"
	cmp "$BATS_TEST_TMPDIR/out.csv" "$R/expected.csv"
	run grep -c $'\r$' "$BATS_TEST_TMPDIR/out.csv"
	assert_output "16"
}

@test "golden: the example's movement is kpi-flag's, by the one rule" {
	# judged.ndjson is made by make-judged.py; kpi-flag works movement out again
	run bash -c "set -o pipefail; kpi-flag '$R/judged.ndjson' | jq -r '[.indicator, .movement] | @tsv'"
	assert_success
	assert_output "$(jq -r '[.indicator, .movement] | @tsv' "$R/judged.ndjson")"
}

@test "golden: JSON is one valid document on one line" {
	golden json > "$BATS_TEST_TMPDIR/out.json"
	cmp "$BATS_TEST_TMPDIR/out.json" "$R/expected.json"
	run wc -l < "$BATS_TEST_TMPDIR/out.json"
	assert_output "1"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["counts"]["indicators"] == 15' "$BATS_TEST_TMPDIR/out.json"
}

@test "header: as at, counts of improvements, issues and targets met" {
	run kpi-render "$R/judged.ndjson"
	assert_success
	assert_line "## Key Performance Issues as at 31 March 2024"
	assert_line "# Performance Highlight Report"
	# the highlight report: the counts are the summary's
	assert_line "This report covers all 15 agreed indicators. It opens with what the Board most needs to know; the current issues and improvements follow by section, and the appendix gives every figure."
	assert_line "At 31 March 2024, 8 of the 15 indicators improved and 5 are current issues. 1 of these 13 moved only slightly and is left to the appendix tables. 1 of the 15 is for context: it has no better or worse direction."
	assert_line "The one target due by Mar 24 is not met. 3 more fall due later."
	# the long form keeps its one paragraph
	run kpi-render --full "$R/judged.ndjson"
	assert_line "This report covers all agreed indicators. There are 15 indicators in total: 8 improvements, 5 current issues and 1 of 4 targets met."
}

@test "header: --title, --board and --meeting-date" {
	run kpi-render --title "Children's Services Performance" --board "Scrutiny Panel" --meeting-date "next Tuesday" "$R/judged.ndjson"
	assert_success
	assert_line "# Children's Services Performance"
	assert_line "**Board:** Scrutiny Panel  "
	assert_line "**Meeting date:** next Tuesday"
}

@test "sections in catalogue order; an empty list reads None this period." {
	run bash -c "set -o pipefail; kpi-render '$R/judged.ndjson' | grep -E '^###'"
	assert_output "$(printf '%s\n' '### Summary' '### Child Protection' '### Children in Care' '### Care Leavers' \
		'### Offending' '### Recommendation' '### Appendix: every indicator' '#### Child Protection' \
		'#### Children in Care' '#### Care Leavers' '#### Offending')"
	run bash -c "set -o pipefail; kpi-render --full '$R/judged.ndjson' | grep -E '^### '"
	assert_output "$(printf '### Child Protection\n### Children in Care\n### Care Leavers\n### Offending')"
	run kpi-render "$R/judged.ndjson"
	assert_output --partial $'**Current issues:**\n\nNone this period.'
}

@test "reproducible: the same input gives the same bytes; --generated-at adds the stamp" {
	golden html > "$BATS_TEST_TMPDIR/a"
	golden html > "$BATS_TEST_TMPDIR/b"
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	run kpi-render --generated-at "2024-04-20 09:00" "$R/judged.ndjson"
	assert_line "*Generated 2024-04-20 09:00.*"
	run kpi-render "$R/judged.ndjson"
	refute_output --partial "Generated"
}

@test "--month-style long writes June 2017 in sentences" {
	run kpi-render --month-style long "$R/judged.ndjson"
	assert_success
	assert_output --partial "fell sharply from 87.9% (167) in February 2024 to 81.6% (151) in March 2024."
	run kpi-render --month-style medium "$R/judged.ndjson"
	assert_failure 2
	assert_output --partial "kpi-render: --month-style: 'medium' is not short or long"
}

@test "-o writes the report to a file" {
	run kpi-render -f txt -o "$BATS_TEST_TMPDIR/r.txt" "$R/judged.ndjson"
	assert_success
	assert_output ""
	run head -1 "$BATS_TEST_TMPDIR/r.txt"
	assert_output "Performance Highlight Report"
}

@test "escaping: an indicator named <script> shows as text in HTML and Markdown" {
	rec='{"indicator":"X<1>","name":"<script>alert(1)</script>","section":"S & <b>T</b>","unit":"percent","period":"2024-03","value":5,"assessment":"issue"}'
	run sh -c "printf '%s\n' '$rec' | kpi-render -f html"
	assert_success
	refute_output --partial "<script>"
	refute_output --partial "<b>T</b>"
	assert_output --partial "&lt;script&gt;alert(1)&lt;/script&gt;"
	assert_output --partial "S &amp; &lt;b&gt;T&lt;/b&gt;"
	run sh -c "printf '%s\n' '$rec' | kpi-render -f md --full"
	assert_output --partial '**X\<1\> \<script\>alert(1)\</script\>**'
}

@test "CSV: formula cells are neutralised and fields quoted per RFC 4180" {
	rec='{"indicator":"=HYPERLINK(\"http://x\")","name":"@SUM(A1), \"quoted\"","section":"+S","area":"-A","unit":"count","period":"2024-03","value":-3,"previous":{"period":"2024-02","value":2},"assessment":"issue"}'
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | kpi-render -f csv | tail -1"
	assert_success
	assert_output --partial "'+S,\"'=HYPERLINK(\"\"http://x\"\")\",\"'@SUM(A1), \"\"quoted\"\"\",'-A,"
	assert_output --partial ",-3,"
}

@test "narrative: section text, author and indicator comments" {
	run golden md
	assert_line "*Head of Service Narrative (Dana Whitlow – Child Protection and Review)*"
	assert_line "  *Comment:* Three of the late visits were declined by families with no safeguarding concerns."
	assert_line "**Comments on other indicators:**"
	assert_line "Currently 174 care leavers receive a service."
}

@test "narrative: an unmatched section heading is an error naming it" {
	printf '## Child Protection\ntext\n\n## Adoption\nMore adopters were approved.\n' > "$BATS_TEST_TMPDIR/n.md"
	run kpi-render --narrative "$BATS_TEST_TMPDIR/n.md" "$R/judged.ndjson"
	assert_failure 1
	assert_output "kpi-render: $BATS_TEST_TMPDIR/n.md:4: narrative heading '## Adoption' matches no section of the report"
}

@test "narrative: an unmatched indicator heading is an error naming it" {
	printf '## Child Protection\n### 9.99.99\nA comment.\n' > "$BATS_TEST_TMPDIR/n.md"
	run kpi-render --narrative "$BATS_TEST_TMPDIR/n.md" "$R/judged.ndjson"
	assert_failure 1
	assert_output "kpi-render: $BATS_TEST_TMPDIR/n.md:2: narrative heading '### 9.99.99' matches no indicator of the report"
}

@test "narrative: text before the first heading is an error" {
	printf '\nOrphan text.\n## Child Protection\n' > "$BATS_TEST_TMPDIR/n.md"
	run kpi-render --narrative "$BATS_TEST_TMPDIR/n.md" "$R/judged.ndjson"
	assert_failure 1
	assert_output "kpi-render: $BATS_TEST_TMPDIR/n.md:2: narrative text before the first '## Section' or '### CODE' heading"
}

@test "narrative: a missing file is an I/O error" {
	run kpi-render --narrative "$BATS_TEST_TMPDIR/none.md" "$R/judged.ndjson"
	assert_failure 2
	assert_output --partial "kpi-render: $BATS_TEST_TMPDIR/none.md:"
}

@test "empty input: a report with no indicators" {
	run kpi-render < /dev/null
	assert_success
	assert_output "$(printf '# Performance Highlight Report\n\n## Key Performance Issues\n\nThere are no indicators in this report.')"
}

@test "tolerant: a record with only an indicator goes in the table" {
	run sh -c "printf '%s\n' '{\"indicator\":\"Z1\"}' | kpi-render -f txt"
	assert_success
	assert_output --partial "Other indicators"
	assert_output --partial "Z1"
}

@test "bad data: invalid JSON names the line, exit 1" {
	run sh -c "printf '%s\n' '{\"indicator\":\"A\"}' '{nope' | kpi-render"
	assert_failure 1
	assert_output --partial "kpi-render: -:2: invalid JSON"
}

@test "bad data: a record without indicator, exit 1" {
	run sh -c "printf '%s\n' '{\"name\":\"A\"}' | kpi-render"
	assert_failure 1
	assert_output 'kpi-render: -:1: a judged summary needs an "indicator" string'
}

@test "--keep-going: bad records are counted and the report is written" {
	run sh -c "printf '%s\n' '{\"indicator\":\"A\"}' 'bad' | kpi-render --keep-going -f csv 2>&1 >/dev/null"
	assert_output --partial "kpi-render: -:2: invalid JSON"
	assert_output --partial "2 records read, 1 written, 1 rejected"
}

@test "usage: unknown format, exit 2" {
	run kpi-render -f pdf
	assert_failure 2
	assert_output --partial "kpi-render: --format: 'pdf' is not one of md, html, txt, csv, json"
}

@test "I/O: a full disk is exit 2 with a message" {
	[ -w /dev/full ] || skip "/dev/full is absent"
	run sh -c "kpi-render '$R/judged.ndjson' > /dev/full"
	assert_failure 2
	assert_output --partial "kpi-render: write error on standard output"
}

@test "I/O: a closed pipe ends quietly" {
	run bash -c "set -o pipefail; kpi-render -f html '$R/judged.ndjson' | head -1"
	assert_output "<!DOCTYPE html>"
}

@test "--help and --version" {
	run kpi-render --help
	assert_success
	assert_output --partial "Usage: kpi-render"
	run kpi-render --version
	assert_output --partial "kpi-render (kpi)"
}

@test "HTML: self-contained, no scripts, no external fetches, SVGs present" {
	golden html > "$BATS_TEST_TMPDIR/r.html"
	run grep -ciE '<script|src=|href=|@import|url\(' "$BATS_TEST_TMPDIR/r.html"
	assert_output "0"
	run grep -o '<svg class="spark"' "$BATS_TEST_TMPDIR/r.html"
	[ "${#lines[@]}" -eq 15 ]
	# the highlight report draws no XmR charts; the long form does
	run grep -c '<svg class="xmr"' "$BATS_TEST_TMPDIR/r.html"
	assert_output "0"
	golden html --full > "$BATS_TEST_TMPDIR/full.html"
	run grep -o '<svg class="xmr"' "$BATS_TEST_TMPDIR/full.html"
	[ "${#lines[@]}" -ge 5 ]
	run grep -c '@page{size:A4' "$BATS_TEST_TMPDIR/r.html"
	assert_output "1"
}

@test "range column: headed by the window's periods, a differing window named in its cell" {
	run bash -c "set -o pipefail; grep '^p5q|' '$R/patterns.txt' | cut -d'|' -f2- | kpi-render -f md | grep '^| Code'"
	assert_output "| Code | Indicator | Latest (Q1 2024) | Previous | Change | Range over 12 quarters | Target | RAG | England | Trend |"
	run bash -c "set -o pipefail; kpi-render '$R/judged.ndjson' | grep -E '^\| (Code|3\.04\.01) '"
	assert_line --index 1 "| Code | Indicator | Latest (Mar 24) | Previous | Change | 12-month range | Target | RAG | England | Trend |"
	assert_line --index 2 "| 3.04.01 | Initial PEPs held on time | 63.4% | 65.0% | -1.6pp | 52.8% – 65.0% (9 months) | - | - | - | ▁▂▃▄▅▆▇█▇ |"
}

# --- --style: the report types of report-style.md §5 ---------------------------------

@test "--style summary: a data-quality preface, then two lists without codes" {
	run kpi-render --style summary "$R/judged.ndjson"
	assert_success
	assert_output --partial "$(printf '%s\n' '### Data quality' '' \
		'- Children in care visited within six weeks: the latest figure is for Jan 24 (data for Mar 24 is not yet available).' \
		'- Pathway plans reviewed on time: the recording behind this figure is being checked.' '' '### Child Protection' '' \
		'**Good or improved performance:**' '' '- **Children subject to a child protection plan (rate per 10,000)** *Off target*\')"
	assert_line "**Areas for further improvement:**"
	refute_output --partial "2.05.01"
	refute_output --partial "| Code |"
}

@test "--style summary: a gap in the series is a data-quality note; none reads so" {
	run sh -c "grep '^w2|' '$R/patterns.txt' | cut -d'|' -f2- | sed 's/\"gaps\":\[\]/\"gaps\":[\"2022-07\",\"2022-08\"]/; s/}\$/,\"gaps\":[\"2022-07\",\"2022-08\"]}/' | kpi-render --style summary"
	assert_line "- Children missing: 2 periods are missing from the series."
	run sh -c "grep '^p1|' '$R/patterns.txt' | cut -d'|' -f2- | kpi-render --style summary"
	assert_line "No data-quality issues are flagged in this report."
}

@test "--style headlines: three to five bullets per theme, issues first, no codes" {
	run kpi-render --style headlines "$R/judged.ndjson"
	assert_success
	assert_output --partial "$(printf '%s\n' '### Child Protection' '' \
		'- Child protection visits within 10 working days fell sharply from 87.9% (167) in Feb 24 to 81.6% (151) in Mar 24. This is the lowest figure in the last 12 months.' \
		'- Children becoming subject to a plan for a second or subsequent time rose slightly from 14.3% (2) in Feb 24 to 23.5% (4 out of 17; low numbers in Jan, Feb and Mar 24 make this unreliable) in Mar 24.' \
		'- Off target: 2.3 above the target of 45.0 set for Mar 24. Children subject to a child protection plan fell slightly from 251 (47.9) in Feb 24 to 248 (47.3) in Mar 24.' \
		'- Initial conferences within 15 working days rose from 84.6% (33) in Feb 24 to 90.5% (38) in Mar 24.' \
		'- Plans ending after two years or more fell slightly from 6.7% (4) in Feb 24 to 3.4% (2) in Mar 24. This is the lowest figure in the last 12 months.' '')"
	assert_line "- Data for Mar 24 is not yet available; the latest is Jan 24. Children in care visited within six weeks fell sharply from 77.6% (280) in Dec 23 to 74.2% (268) in Jan 24. This is the lowest figure in the last 12 months."
	refute_output --partial "2.05.04"
	refute_output --partial "| Code |"
}

@test "--style dashboard: one numbered table per theme with unit, gap and comparator" {
	run kpi-render --style dashboard "$R/judged.ndjson"
	assert_success
	assert_line "### Table 1: Child Protection"
	assert_line "### Table 4: Offending"
	assert_line "| Code | Indicator | Unit | Latest (Mar 24) | Previous | Trend | Target | Gap | RAG | England |"
	assert_line "| 2.05.01 | Children subject to a child protection plan (rate per 10,000) | per 10,000 | 248 (47.3) | 251 (47.9) | ▄▆▇█▇▆▅▄▃▃▂▁ | 45.0 by Mar 24 | +2.3 | Amber | - |"
	assert_line "| 3.01.02 | Children placed at home on a care order | count | 38 | 39 | ██▇▅▅▄▄▂▂▁▂▁ | 25 by Jun 24 | +13 | Red | - |"
	assert_line "| 5.01.01 | Care leavers in education, employment or training | % | 62.0% (103/166) | 58.4% (97/166) | ▆▅▅▃▂▄▄▁▂▃▂█ | - | - | - | 56.0% ↑ +6.0pp |"
	refute_output --partial "**Current issues:**"
	run bash -c "set -o pipefail; kpi-render -f html --style dashboard '$R/judged.ndjson' | grep -c '<svg class=\"spark\"'"
	assert_output "15"
	run bash -c "set -o pipefail; kpi-render -f txt --style dashboard '$R/judged.ndjson' | grep -c '^Table [1-4]: '"
	assert_output "4"
}

@test "--style highlight is the default; --full is --style full; an unknown style is a usage error" {
	kpi-render "$R/judged.ndjson" > "$BATS_TEST_TMPDIR/a"
	kpi-render --style highlight "$R/judged.ndjson" > "$BATS_TEST_TMPDIR/b"
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	kpi-render --full "$R/judged.ndjson" > "$BATS_TEST_TMPDIR/c"
	kpi-render --style full "$R/judged.ndjson" > "$BATS_TEST_TMPDIR/d"
	cmp "$BATS_TEST_TMPDIR/c" "$BATS_TEST_TMPDIR/d"
	run kpi-render --style poster "$R/judged.ndjson"
	assert_failure 2
	assert_output --partial "kpi-render: --style: 'poster' is not one of highlight, full, summary, headlines, dashboard"
	run kpi-render --full --style summary "$R/judged.ndjson"
	assert_failure 2
	assert_output --partial "kpi-render: --style summary and --full ask for two styles"
}

@test "figures print at the EES indicator_dp when the record has no decimals (kpi_record_decimals)" {
	head -1 "$R/judged.ndjson" | jq -c '.indicator_dp = "2"' >"$BATS_TEST_TMPDIR/dp.ndjson"
	run kpi-render -f csv "$BATS_TEST_TMPDIR/dp.ndjson"
	assert_success
	assert_line --index 1 --partial ',ok,248 (47.30),2024-02,47.9,251 (47.90),'
	# decimals, where the record has them, win; without either, the unit decides
	head -1 "$R/judged.ndjson" | jq -c '.indicator_dp = "2" | .decimals = 0' >"$BATS_TEST_TMPDIR/dp.ndjson"
	run kpi-render -f csv "$BATS_TEST_TMPDIR/dp.ndjson"
	assert_line --index 1 --partial ',ok,248 (47),2024-02,47.9,251 (48),'
	head -1 "$R/judged.ndjson" >"$BATS_TEST_TMPDIR/dp.ndjson"
	run kpi-render -f csv "$BATS_TEST_TMPDIR/dp.ndjson"
	assert_line --index 1 --partial ',ok,248 (47.3),2024-02,47.9,251 (47.9),'
}
