#!/usr/bin/env bats
# kpi-render's highlight report, the board paper (issue 16): the summary a
# board reads first, only what has something to say, the legend once, the
# recommendation and contacts of --report-config, the tables in an appendix;
# text within 80 columns.

load helper

R="$DATA/render"

setup() {
	CONF="$BATS_TEST_TMPDIR/board.conf"
	cat >"$CONF" <<-'EOF'
		# a council's report file
		title = Highlight Report for the Corporate Parenting Board
		board = Corporate Parenting Board
		meeting-date = 2024-05-14
		month-style = long
		recommendation = The Board is asked to note the report.
		recommendation = The Board is asked to receive an update on
		  placement moves at its next meeting.
		officer = Dana Whitlow; Head of Service, Child Protection; dana.whitlow@example.gov.uk; 01632 960 123
		officer = Performance Team; report author
		footer = Produced by the Performance Team
	EOF
}

@test "highlight: the summary a board reads first, then the sections, the recommendation, the appendix" {
	run kpi-render --narrative "$R/narrative.md" "$R/judged.ndjson"
	assert_success
	assert_output --partial "$(printf '%s\n' '### Summary' '' \
		'At 31 March 2024, 8 of the 15 indicators improved and 5 are current issues. 1 of these 13 moved only slightly and is left to the appendix tables. 1 of the 15 is for context: it has no better or worse direction.' '' \
		'The one target due by Mar 24 is not met. 3 more fall due later.' '' \
		"**Items that most need the Board's attention:**" '' \
		'- 2.05.04 Child protection visits within 10 working days: 81.6% (151) in Mar 24, outside the range it usually varies in (special cause).' \
		'- 3.01.02 Children placed at home on a care order: 38 in Mar 24, 13 children above the target of 25 set for Jun 24.' \
		'- 3.03.01 Children in care visited within six weeks: 74.2% (268) in Jan 24, the worst figure in the last 12 months.' \
		'- 3.02.01 Children in care with three or more placement moves: 11.9% (43) in Mar 24, 2.9 percentage points above the target of 9.0% set for Mar 25.')"
	# the default recommendation, and every indicator's row in the appendix
	assert_line "The Board is asked to note the performance set out in this report, the current issues and the actions being taken on them."
	[ "$(printf '%s\n' "$output" | sed -n '/^### Appendix/,$p' | grep -c '^| [0-9]')" -eq 15 ]
	# no contacts without a report file
	refute_line "### Contacts"
}

@test "highlight: only indicators with something to say are written up, the others stay in the tables" {
	# a slight move and nothing else: in the appendix, not in the list
	local rec='{"indicator":"A1","name":"Foster carer households approved","section":"S","unit":"count","polarity":"higher_is_better","period":"2025-03","period_type":"month","value":2,"previous":{"period":"2025-02","value":3},"assessment":"issue","movement":"slight"}'
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | kpi-render"
	assert_success
	assert_output --partial "$(printf '%s\n' '**Current issues:**' '' 'Nothing further to highlight; the figures are in the appendix.')"
	assert_line "| A1 | Foster carer households approved | 2 | 3 | -1 | - | - | - | - | - |"
	refute_output --partial "fell slightly"
	# a clear move is told
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | sed 's/\"slight\"/\"clear\"/' | kpi-render"
	assert_line "  Foster carer households approved fell from 3 in Feb 25 to two in Mar 25."
	# --full tells every listed indicator
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | kpi-render --full"
	assert_line "  Foster carer households approved fell slightly from 3 in Feb 25 to two in Mar 25."
	# a narrative comment puts an indicator in the list
	printf '## S\n### A1\nTwo households withdrew.\n' >"$BATS_TEST_TMPDIR/n.md"
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | kpi-render --narrative '$BATS_TEST_TMPDIR/n.md'"
	assert_line "  Foster carer households approved fell slightly from 3 in Feb 25 to two in Mar 25."
}

@test "highlight: the summary says how many of its improvements and issues are left to the tables" {
	# A1 moved slightly (left to the appendix), B2 clearly (written up)
	local a='{"indicator":"A1","name":"Foster carer households approved","section":"S","unit":"count","polarity":"higher_is_better","as_at":"2025-03","period":"2025-03","period_type":"month","value":2,"previous":{"period":"2025-02","value":3},"assessment":"issue","movement":"slight"}'
	local b='{"indicator":"B2","name":"Visits done","section":"S","unit":"count","polarity":"higher_is_better","as_at":"2025-03","period":"2025-03","period_type":"month","value":12,"previous":{"period":"2025-02","value":5},"assessment":"improvement","movement":"clear"}'
	local c='{"indicator":"C3","name":"Reviews held","section":"S","unit":"count","polarity":"higher_is_better","as_at":"2025-03","period":"2025-03","period_type":"month","value":7,"previous":{"period":"2025-02","value":6},"assessment":"improvement","movement":"slight"}'
	run bash -c "set -o pipefail; printf '%s\n' '$a' '$b' | kpi-render"
	assert_success
	assert_line "At 31 March 2025, 1 of the 2 indicators improved and 1 is a current issue. 1 of these 2 moved only slightly and is left to the appendix tables."
	run bash -c "set -o pipefail; printf '%s\n' '$a' '$b' '$c' | kpi-render"
	assert_line "At 31 March 2025, 2 of the 3 indicators improved and 1 is a current issue. 2 of these 3 moved only slightly and are left to the appendix tables."
	run bash -c "set -o pipefail; printf '%s\n' '$a' '$c' | kpi-render -f txt"
	assert_output --partial "$(printf '%s\n' 'At 31 March 2025, 1 of the 2 indicators improved and 1 is a current issue. All' '2 moved only slightly and are left to the appendix tables.')"
	run bash -c "set -o pipefail; printf '%s\n' '$a' | kpi-render"
	assert_line "At 31 March 2025, the one indicator did not improve and it is a current issue. It moved only slightly and is left to the appendix tables."
	# every one written up: no such sentence; a narrative comment writes one up
	run bash -c "set -o pipefail; printf '%s\n' '$b' | kpi-render"
	assert_line "At 31 March 2025, the one indicator improved and it is not a current issue."
	printf '## S\n### A1\nTwo households withdrew.\n' >"$BATS_TEST_TMPDIR/n.md"
	run bash -c "set -o pipefail; printf '%s\n' '$a' '$b' | kpi-render --narrative '$BATS_TEST_TMPDIR/n.md'"
	assert_line "At 31 March 2025, 1 of the 2 indicators improved and 1 is a current issue."
	# JSON: the sentence in summary.position, each item's highlighted
	run bash -c "set -o pipefail; printf '%s\n' '$a' '$b' | kpi-render -f json | jq -c '[.summary.position, [.. | objects | select(has(\"highlighted\")) | .highlighted]]'"
	assert_output '["At 31 March 2025, 1 of the 2 indicators improved and 1 is a current issue. 1 of these 2 moved only slightly and is left to the appendix tables.",[false,true]]'
}

@test "highlight: the summary says which indicators are for context, with no better or worse direction" {
	local a='{"indicator":"A1","name":"Children looked after","section":"S","unit":"count","polarity":"neutral","as_at":"2025-03","period":"2025-03","period_type":"month","value":353,"previous":{"period":"2025-02","value":377},"assessment":"stable","movement":"clear"}'
	local b='{"indicator":"B2","name":"Visits done","section":"S","unit":"count","polarity":"higher_is_better","as_at":"2025-03","period":"2025-03","period_type":"month","value":12,"previous":{"period":"2025-02","value":5},"assessment":"improvement","movement":"clear"}'
	local c=${a/neutral/null}
	c=${c/A1/C3}
	run bash -c "set -o pipefail; printf '%s\n' '$a' | kpi-render"
	assert_success
	assert_line "At 31 March 2025, the one indicator did not improve and it is not a current issue. It is for context: it has no better or worse direction."
	# no polarity at all (an indicator outside the catalogue) is for context too
	run bash -c "set -o pipefail; printf '%s\n' '$a' '$c' | kpi-render"
	assert_line "At 31 March 2025, none of the 2 indicators improved and none is a current issue. All 2 are for context: none has a better or worse direction."
	run bash -c "set -o pipefail; printf '%s\n' '$a' '$b' | kpi-render"
	assert_line "At 31 March 2025, 1 of the 2 indicators improved and none is a current issue. 1 of the 2 is for context: it has no better or worse direction."
	run bash -c "set -o pipefail; printf '%s\n' '$a' '$b' '$c' | kpi-render"
	assert_line "At 31 March 2025, 1 of the 3 indicators improved and none is a current issue. 2 of the 3 are for context: they have no better or worse direction."
	# a neutral indicator the council placed in a list (an override) is judged
	run bash -c "set -o pipefail; printf '%s\n' '$a' | sed 's/\"stable\"/\"issue\"/' | kpi-render"
	assert_line "At 31 March 2025, the one indicator did not improve and it is a current issue."
}

@test "highlight: no current issue, no attention list; no targets, said so" {
	run bash -c "set -o pipefail; grep -E '^(p4|p12)[|]' '$R/patterns.txt' | cut -d'|' -f2- | kpi-render"
	assert_success
	assert_line "No indicator is a current issue this period."
	assert_line "No targets are set for these indicators."
}

@test "highlight: a report of one indicator says so in the singular" {
	local rec='{"indicator":"x1","name":"Visits done","section":"S","area":"A","unit":"count","polarity":"higher_is_better","as_at":"2024-03","period":"2024-03","value":5,"previous":{"period":"2024-02","value":9},"assessment":"issue","movement":"clear"}'
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | kpi-render"
	assert_success
	assert_line "At 31 March 2024, the one indicator did not improve and it is a current issue."
	# improved, and not an issue
	rec=${rec/\"value\":5,/\"value\":12,}
	rec=${rec/\"issue\"/\"improvement\"}
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | kpi-render"
	assert_success
	assert_line "At 31 March 2024, the one indicator improved and it is not a current issue."
}

@test "--report-config: title, board, meeting date, month style, recommendations, officers, footer" {
	run kpi-render --report-config "$CONF" --narrative "$R/narrative.md" "$R/judged.ndjson"
	assert_success
	assert_line --index 0 "# Highlight Report for the Corporate Parenting Board"
	# the title names the board: the board is not repeated
	refute_line --partial "**Board:**"
	assert_line "**Meeting date:** 14 May 2024"
	assert_line "The one target due by March 2024 is not met. 3 more fall due later."
	# a telephone number's spaces are no-break spaces: it is never broken
	local nb=$'\xc2\xa0'
	assert_output --partial "$(printf '%s\n' '### Recommendation' '' '1. The Board is asked to note the report.' \
		'2. The Board is asked to receive an update on placement moves at its next meeting.' '' \
		'### Contacts' '' \
		"- Dana Whitlow, Head of Service, Child Protection: dana.whitlow@example.gov.uk, 01632${nb}960${nb}123" \
		'- Performance Team, report author')"
	assert_line "*Produced by the Performance Team*"
	# the same in the long form
	run kpi-render --full --report-config "$CONF" "$R/judged.ndjson"
	assert_line "1. The Board is asked to note the report."
	assert_line "### Contacts"
}

@test "--report-config: options on the command line win over the file" {
	run kpi-render --report-config "$CONF" --title "Another title" --month-style short --footer "Team" "$R/judged.ndjson"
	assert_success
	assert_line --index 0 "# Another title"
	assert_line "**Board:** Corporate Parenting Board  "
	assert_line "The one target due by Mar 24 is not met. 3 more fall due later."
	assert_line "*Team*"
}

@test "--report-config: one recommendation is a paragraph, and JSON carries them and the officers" {
	printf 'recommendation = Note the report.\nofficer = A Person; Role; a@b.c\n' >"$BATS_TEST_TMPDIR/one.conf"
	run kpi-render --report-config "$BATS_TEST_TMPDIR/one.conf" "$R/judged.ndjson"
	assert_output --partial "$(printf '%s\n' '### Recommendation' '' 'Note the report.')"
	run bash -c "set -o pipefail; kpi-render -f json --report-config '$BATS_TEST_TMPDIR/one.conf' '$R/judged.ndjson' | jq -c '[.style, .recommendations, .officers, (.summary.attention | length)]'"
	assert_success
	assert_output '["highlight",["Note the report."],[{"name":"A Person","role":"Role","details":["a@b.c"]}],4]'
}

@test "--report-config: a bad line is exit 1 naming FILE:LINE" {
	local f="$BATS_TEST_TMPDIR/bad.conf"
	check() {
		printf "$1" >"$f"
		run kpi-render --report-config "$f" "$R/judged.ndjson"
		assert_failure 1
		assert_output "kpi-render: $f:$2"
	}
	check 'title = A\ncolour = red\n' "2: unknown key 'colour' (the keys: title, board, meeting-date, month-style, footer, recommendation, officer)"
	check '# a report\ntitle A\n' "2: not 'key = value': 'title A'"
	check 'title = A\n\ntitle = B\n' "3: 'title' is set twice (first on line 1)"
	check 'officer = Dana Whitlow\n' "1: an officer is 'name; role' (then any e-mail, telephone, ...)"
	check 'month-style = medium\n' "1: month-style is short or long, not 'medium'"
	check 'board =\n' "1: 'board' has no value"
	check '  continued\n' "1: an indented line continues a value, but no 'key = value' is above it"
	check 'footer = a\033[31mred\n' "1: control character U+001B at column 11"
	# a lone CR after a first line ended by LF stays in its line
	check 'title = A\nfooter = a\rred\n' "2: control character U+000D at column 11"
	check 'footer = \xff\n' "1: invalid UTF-8 (byte 0xFF at column 10)"
	# a missing file is an I/O error
	run kpi-render --report-config "$BATS_TEST_TMPDIR/none.conf" "$R/judged.ndjson"
	assert_failure 2
	assert_output --partial "kpi-render: $BATS_TEST_TMPDIR/none.conf:"
}

@test "--report-config: CRLF, a BOM, comments and continued values are read" {
	printf '\xef\xbb\xbf# report\r\nrecommendation = The Board is asked\r\n\tto note the report.\r\n\r\nboard = B\r\n' >"$BATS_TEST_TMPDIR/w.conf"
	run kpi-render --report-config "$BATS_TEST_TMPDIR/w.conf" "$R/judged.ndjson"
	assert_success
	assert_line "The Board is asked to note the report."
	assert_line --index 0 "# Highlight Report for B"
}

@test "the legend once: one 'How to read this report', the charts' key in it and under no chart" {
	local f
	for f in md txt html; do
		run bash -c "set -o pipefail; kpi-render -f $f '$R/judged.ndjson' | grep -c 'How to read this report'"
		assert_output "1"
	done
	kpi-render -f html --full "$R/judged.ndjson" >"$BATS_TEST_TMPDIR/full.html"
	run grep -c '<svg class="xmr"' "$BATS_TEST_TMPDIR/full.html"
	[ "$output" -ge 5 ]
	run grep -o 'XmR chart: mean, process limits' "$BATS_TEST_TMPDIR/full.html"
	[ "${#lines[@]}" -eq 1 ]
	run grep -c '<figcaption' "$BATS_TEST_TMPDIR/full.html"
	assert_output "0"
	# the highlight report draws no XmR chart, so it has no key
	run bash -c "set -o pipefail; kpi-render -f html '$R/judged.ndjson' | grep -c 'XmR chart: mean'"
	assert_output "0"
}

@test "charts: a percentage's axis never reads above 100%" {
	local h='' m v
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		v=$((96 + 10#$m % 4))
		h="$h${h:+,}{\"period\":\"2024-$m\",\"value\":$v.5}"
	done
	local rec="{\"indicator\":\"A1\",\"name\":\"Reviews on time\",\"section\":\"S\",\"unit\":\"percent\",\"polarity\":\"higher_is_better\",\"period\":\"2024-12\",\"period_type\":\"month\",\"value\":96.5,\"previous\":{\"period\":\"2024-11\",\"value\":99.5},\"history\":[$h],\"spc\":{\"status\":\"ok\",\"mean\":98,\"ucl\":103.1,\"lcl\":92.9},\"assessment\":\"issue\",\"movement\":\"clear\"}"
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | kpi-render -f html --full | grep -o '<text[^>]*>[0-9.]*%</text>' | sed 's/<[^>]*>//g'"
	assert_success
	[ -n "$output" ]
	local t
	for t in $output; do
		awk -v t="${t%\%}" 'BEGIN { exit !(t <= 100) }' || fail "axis label $t"
	done
	assert_line "100.0%"
}

@test "the board is named once: not beside a title that names it" {
	run kpi-render --title "Corporate Parenting Board: highlights" --board "Corporate Parenting Board" "$R/judged.ndjson"
	refute_output --partial "**Board:**"
	run kpi-render --title "Highlights" --board "Corporate Parenting Board" "$R/judged.ndjson"
	assert_line "**Board:** Corporate Parenting Board"
}

@test "HTML: the off-target marker, the legend box, the appendix on landscape pages" {
	kpi-render -f html "$R/judged.ndjson" >"$BATS_TEST_TMPDIR/r.html"
	grep -q '<span class="marker">Off target</span>' "$BATS_TEST_TMPDIR/r.html"
	grep -q '<aside class="legend" id="how-to-read">' "$BATS_TEST_TMPDIR/r.html"
	grep -q '<section id="appendix">' "$BATS_TEST_TMPDIR/r.html"
	grep -q '@page wide{size:A4 landscape' "$BATS_TEST_TMPDIR/r.html"
	grep -q '<caption>Child Protection</caption>' "$BATS_TEST_TMPDIR/r.html"
}

@test "text: nothing wider than 80 columns, wide tables stacked, the narrative re-flowed" {
	local f
	for f in "" --full; do
		kpi-render -f txt $f --narrative "$R/narrative.md" "$R/judged.ndjson" >"$BATS_TEST_TMPDIR/r.txt"
		run python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$BATS_TEST_TMPDIR/r.txt"
		[ "$output" -le 80 ]
	done
	run cat "$BATS_TEST_TMPDIR/r.txt"
	assert_output --partial "$(printf '%s\n' '2.05.01 Children subject to a child protection plan (rate per 10,000)' \
		'  Latest (Mar 24): 248 (47.3)   Previous: 251 (47.9)   Change: -0.6' \
		'  12-month range: 47.3 – 53.6   Target: 45.0 by Mar 24   RAG: Amber')"
	# the narrative's line breaks inside a paragraph are spaces; its blank
	# lines and list items are kept
	printf '## Child Protection\nVisits are\nhappening.\n\nA second\nparagraph:\n- one item\n- another\n' >"$BATS_TEST_TMPDIR/n.md"
	run kpi-render -f txt --narrative "$BATS_TEST_TMPDIR/n.md" "$R/judged.ndjson"
	assert_output --partial "$(printf '%s\n' '  Visits are happening.' '' '  A second paragraph:' '  - one item' '  - another')"
}
