#!/usr/bin/env bats
# The board paper as a board member reads it (issue 16, "Done when"): the
# rendered text of the example highlight report, and of a Trafford report
# built from the real DfE files of ../shared (need_shared), read for what a
# performance officer would not sign: a slug in prose, a difference of
# percentages in "%", "rose" for an unchanged count, a legend more than
# once, two date styles, no summary, no recommendation.

load helper

# The ids of the default catalogue (the slugs that must never show).
slugs() {
	tail -n +2 "$REPO/share/catalogue.csv" | cut -d, -f1 | grep -E '^[a-z0-9_]*[a-z][a-z0-9_]*$'
}

# read_as_a_board FILE MONTHS: the checks every highlight report passes;
# MONTHS long or short, the report's month style.
read_as_a_board() {
	local f=$1 style=$2 id
	# no slug anywhere, in prose or tables (one grep for them all)
	id=$(grep -owFf <(slugs) "$f" | head -1) || true
	[ -z "$id" ] || fail "slug $id in the report"
	# a difference of percentages is in percentage points, never in "%"
	! grep -nE '(increase|decrease) of [0-9.]+%|[0-9.]+% (above|below) the|[0-9.]+% (higher|lower) than' "$f" ||
		fail "a difference of percentages written with %"
	! grep -nE '[0-9]%\)? ?[↑↓=] [+-]?[0-9.]+%' "$f" || fail "a table's difference of percentages in %"
	# words that match the figures: no "rose" or "fell" between equal figures
	! grep -nE '(rose|fell)( slightly| sharply)? from ([0-9.]+%?) in [^,.]* to \3 in' "$f" ||
		fail "rose or fell between figures that print the same"
	# one legend
	[ "$(grep -c 'How to read this report' "$f")" -eq 1 ] || fail "the legend is not there once"
	[ "$(grep -c 'XmR chart: mean' "$f")" -le 1 ] || fail "the charts' key more than once"
	# one date style
	if [ "$style" = long ]; then
		! grep -nE '\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{2}\b' "$f" || fail "a short month in a long report"
	else
		# (a date, "at 31 March 2025", is a date, not a month)
		! grep -v 'Key Performance Issues as at' "$f" |
			grep -nE '(^|[^0-9] )(January|February|March|April|June|July|August|September|October|November|December) [0-9]{4}' ||
			fail "a long month in a short report"
	fi
	# the summary and the recommendation
	grep -qx 'Summary' "$f" || fail "no summary"
	grep -q "Items that most need the Board's attention:" "$f" || fail "no attention list"
	grep -qx 'Recommendation' "$f" || fail "no recommendation"
	grep -q 'The Board is asked to' "$f" || fail "no recommendation wording"
	# and within 80 columns
	[ "$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$f")" -le 80 ] ||
		fail "a line over 80 columns"
}

@test "the example highlight report reads as a board paper" {
	need_tools
	corporate-parenting-board -f txt "$REPO/examples" >"$BATS_TEST_TMPDIR/cpb.txt"
	read_as_a_board "$BATS_TEST_TMPDIR/cpb.txt" long
	# the text as one line, so a sentence wrapped over two is found
	local f="$BATS_TEST_TMPDIR/flat.txt"
	tr '\n' ' ' <"$BATS_TEST_TMPDIR/cpb.txt" | tr -s ' ' >"$f"
	# percentages that differ, in points
	grep -q 'percentage points above the target of 9.0% set for March 2025' "$f"
	grep -q 'We are currently 8.4 percentage points above the 22.0% target set for March' "$f"
	# an unchanged count said as such
	run grep -c 'though the number was unchanged at' "$f"
	[ "$output" -ge 1 ]
	# the lists agree with RAG: an improvement off target says so first
	grep -q 'Children placed at home on a care order \[Off.*target\]' "$f"
	grep -q 'Off target: 19 above the target of 18 set for June 2025.' "$f"
	# the report file's recommendation and contacts
	grep -q '1\. The Board is asked to note the performance set out in this report' "$f"
	grep -q 'Anna Whitcombe, Director of Children.s Services' "$f"
	# qualifiers kept
	grep -q '(including exceptions)' "$f"
	grep -q 'Children looked after with a dental check (Health provider) fell' "$f"
}

@test "the example highlight report in short months keeps to them" {
	need_tools
	# the narrative is the council's own text, in its own words: left out here
	corporate-parenting-board -f txt --month-style short --no-narrative "$REPO/examples" >"$BATS_TEST_TMPDIR/cpb.txt"
	read_as_a_board "$BATS_TEST_TMPDIR/cpb.txt" short
}

@test "the long form (--full) of the example still reads right" {
	need_tools
	corporate-parenting-board -f txt --full "$REPO/examples" >"$BATS_TEST_TMPDIR/full.txt"
	local f="$BATS_TEST_TMPDIR/full.txt" id
	id=$(grep -owFf <(slugs) "$f" | head -1) || true
	[ -z "$id" ] || fail "slug $id in the report"
	[ "$(grep -c 'How to read this report' "$f")" -eq 1 ]
	grep -q 'Recommendation' "$f"
	# every listed indicator is written up
	[ "$(grep -c '^  \* ' "$f")" -gt 50 ]
}

@test "a Trafford report from the real DfE files reads as a board paper" {
	need_tools
	need_shared
	local real="$SHARED/data/real"
	corporate-parenting-board -f txt --area Trafford --benchmarks default \
		"$real/cla_health_assessment.csv" "$real/expected_standard_ks2.csv" >"$BATS_TEST_TMPDIR/t.txt"
	read_as_a_board "$BATS_TEST_TMPDIR/t.txt" short
	local f="$BATS_TEST_TMPDIR/flat.txt"
	tr '\n' ' ' <"$BATS_TEST_TMPDIR/t.txt" | tr -s ' ' >"$f"
	grep -q 'Key Performance Issues as at 31 March 2025' "$f"
	# an annual outcome is read against England, in points in the table
	grep -q 'This is above the England figure of 90.0%' "$f"
	grep -q 'England: 90.0% ↑ +3.0pp' "$f"
	# eight years of data are not a 12-year low, and an annual series says it
	# as councils write it (issue 15): never "an 8-year low"
	! grep -q '12-year' "$f"
	! grep -q '8-year' "$f"
	grep -q 'had fallen to 83.0% in 2023/24, the lowest in eight years, but rose to 93.0% in 2024/25.' "$f"
}
