#!/usr/bin/env bats
# kpi-render: one test per sentence pattern of report-style.md §3,
# plus small-number and missing-data variants.  Records: tests/data/render/patterns.txt
# (KEY|one judged summary); the sentences are read from the Markdown entry.

load helper

sentence() {
	local key=$1; shift
	grep "^$key|" "$DATA/render/patterns.txt" | cut -d"|" -f2- | kpi-render -f md --full "$@" | sed -n '/^- \*\*/{n;s/^  //;p}'
}

@test "pattern 1: change with counts, 'slightly' when the count moves by one or two" {
	run sentence p1
	assert_success
	assert_output "Residential placements rose slightly from 6.5% (2) in Sep 22 to 11.1% (3) in Oct 22."
}

@test "pattern 1: the records' movement is kpi-flag's (one definition of slight)" {
	untraced movement_is_kpi_flags
}
# each record through kpi-flag on its own, as a report's record is; the
# movements read by one jq of all the records and one of all kpi-flag wrote
# (not two jq and four forks of the test's shell a record)
movement_is_kpi_flags() {
	local d=$BATS_TEST_TMPDIR line key rec out i
	local -a keys want got
	: >"$d/recs"
	: >"$d/flagged"
	while IFS= read -r line; do
		key=${line%%|*}
		rec=${line#*|}
		keys+=("$key")
		printf '%s\n' "$rec" >>"$d/recs"
		kpi-flag <<<"$rec" >"$d/one"
		mapfile -t out <"$d/one"
		[ "${#out[@]}" -eq 1 ] || fail "$key: kpi-flag wrote ${#out[@]} records for one"
		printf '%s\n' "${out[0]}" >>"$d/flagged"
	done <"$DATA/render/patterns.txt"
	jq -r '.movement // "null"' "$d/recs" >"$d/want"
	jq -r '.movement // "null"' "$d/flagged" >"$d/got"
	mapfile -t want <"$d/want"
	mapfile -t got <"$d/got"
	[ "${#keys[@]}" -gt 30 ] && [ "${#want[@]}" -eq "${#keys[@]}" ] && [ "${#got[@]}" -eq "${#keys[@]}" ]
	for i in "${!keys[@]}"; do
		[ "${want[i]}" = "${got[i]}" ] || fail "${keys[i]}: patterns.txt says ${want[i]}, kpi-flag ${got[i]}"
	done
}

@test "pattern 1: words by movement: sharply, plainly, slightly, unchanged" {
	local rec
	rec=$(grep '^p3|' "$DATA/render/patterns.txt" | cut -d'|' -f2-)
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | sed 's/\"movement\":\"clear\"/\"movement\":\"sharp\"/' | kpi-render --full | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_success
	assert_output "Visits fell sharply from 85.0% (160) in Sep 22 to 81.6% (151) in Oct 22. This is the lowest figure in the last 12 months."
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | sed 's/\"movement\":\"clear\"/\"movement\":\"slight\"/' | kpi-render --full | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_output "Visits fell slightly from 85.0% (160) in Sep 22 to 81.6% (151) in Oct 22. This is the lowest figure in the last 12 months."
	# unchanged: the two figures print the same (85.0% is 81.64% here)
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | sed 's/\"movement\":\"clear\"/\"movement\":\"unchanged\"/; s/\"value\":85.0,\"numerator\":160/\"value\":81.64,\"numerator\":151/' | kpi-render --full | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_output "Visits was unchanged at 81.6% (151) in Oct 22. This is the lowest figure in the last 12 months."
}

@test "pattern 1: never rose or fell between figures that print the same, never unchanged between figures that differ" {
	local rec
	rec=$(grep '^p3|' "$DATA/render/patterns.txt" | cut -d'|' -f2-)
	# a record that says slight, with figures that print the same
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | sed 's/\"movement\":\"clear\"/\"movement\":\"slight\"/; s/\"value\":85.0,/\"value\":81.58,/' | kpi-render --full | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_success
	assert_output "Visits was unchanged at 81.6% (151) in Oct 22. This is the lowest figure in the last 12 months."
	# and one that says unchanged, with figures that differ
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | sed 's/\"movement\":\"clear\"/\"movement\":\"unchanged\"/' | kpi-render --full | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_output "Visits fell from 85.0% (160) in Sep 22 to 81.6% (151) in Oct 22. This is the lowest figure in the last 12 months."
}

@test "pattern 1: a percentage that moved while its count did not says the number was unchanged" {
	run sentence p1c
	assert_success
	assert_output "Children convicted or cautioned rose slightly from 3.2% in Dec 24 to 3.4% in Jan 25, though the number was unchanged at 5 children."
	# the same at a 12-month peak (pattern 5), and a caveat kept in its brackets
	run sentence p5c
	assert_output "Health assessments had risen to a 12-month high of 83.3% in Feb 25, but fell to 76.9% (10 out of 13; low numbers make this unreliable) in Mar 25, though the number was unchanged at 10. The 12-month average is 78.0%."
	# a count that moved is not "unchanged"
	run sentence p1
	assert_output "Residential placements rose slightly from 6.5% (2) in Sep 22 to 11.1% (3) in Oct 22."
}

@test "pattern 1: a percentage that moved one way while its count moved the other says so" {
	run sentence p1cfell
	assert_success
	assert_output "Children with an SDQ score of concern rose slightly from 24.0% in 2023/24 to 25.0% in 2024/25, though the number fell from 45 to 42 children."
	run sentence p1crose
	assert_output "Persistent absence of children in need fell from 49.2% in 2023/24 to 44.4% in 2024/25, though the number rose from 193 to 207."
	# the same from a peak (pattern 5)
	run sentence p5crose
	assert_output "Persistent absence in secondary schools had risen to 58.2% in 2023/24, the highest in three years, but fell to 57.4% in 2024/25, though the number rose from 96 to 117."
	# a count that moved the same way keeps its brackets
	run sentence p1
	assert_output "Residential placements rose slightly from 6.5% (2) in Sep 22 to 11.1% (3) in Oct 22."
}

@test "percentage points: a difference of percentages in prose, pp in tables; other units as they are" {
	run sentence p9
	assert_output --partial "We are currently 2.9 percentage points above the 9.0% target set for Mar 23."
	run bash -c "set -o pipefail; grep '^p2|' '$DATA/render/patterns.txt' | cut -d'|' -f2- | kpi-render --full | grep '^| A2 '"
	assert_success
	assert_output --partial "| A2 | Children in care visited within six weeks | 74.2% (268/361) | 75.0% (270/360) | -0.8pp | - |"
	run bash -c "set -o pipefail; grep '^p14|' '$DATA/render/patterns.txt' | cut -d'|' -f2- | kpi-render --full | grep '^| A14 '"
	assert_output --partial "| 48.0% ↑ +4.0pp |"
	# a rate's difference is in its own unit
	run bash -c "set -o pipefail; grep '^p5s|' '$DATA/render/patterns.txt' | cut -d'|' -f2- | kpi-render --full | grep '^| A5 '"
	assert_output --partial "| 377 (72.0) | 379 (72.3) | -0.3 |"
	refute_output --partial "pp"
}

@test "pattern 18: an improvement off target says so first and carries a marker" {
	run bash -c "set -o pipefail; grep '^p18|' '$DATA/render/patterns.txt' | cut -d'|' -f2- | kpi-render --full"
	assert_success
	assert_line "- **A18 Care leavers with an up-to-date pathway plan** *Off target*\\"
	assert_line "  Off target: 6.1 percentage points below the target of 95.0% set for Jun 25. Care leavers with an up-to-date pathway plan rose slightly from 88.3% (159) in Feb 25 to 88.9% (160) in Mar 25. The number would need to rise to 171, based on Mar 25 data."
	# the legend says what the marker means, once
	[ "$(printf '%s\n' "$output" | grep -c 'Off target marks an improving indicator')" -eq 1 ]
	# a count says how many
	run sentence p18c
	assert_output "Off target: 19 children above the target of 18 set for Jun 25. Children placed at home on a care order fell slightly from 38 in Feb 25 to 37 in Mar 25."
	# an improvement that meets its target, and an issue that misses it, have no marker
	run bash -c "set -o pipefail; grep -E '^(p10|p9)\|' '$DATA/render/patterns.txt' | cut -d'|' -f2- | kpi-render --full | grep -c 'Off target'"
	assert_output "0"
}

@test "one month style: --month-style long writes every month long, short every month short" {
	local keys='^(p4|p9|p10|p15|p18)[|]'
	run bash -c "set -o pipefail; grep -E '$keys' '$DATA/render/patterns.txt' | cut -d'|' -f2- | kpi-render --full --month-style long"
	assert_success
	assert_output --partial "This is the highest figure since March 2022 (93.1%)."
	assert_output --partial "the 9.0% target set for March 2023."
	assert_output --partial "reduce to 4.0% by December 2022, and further to 2.0% by March 2023."
	assert_output --partial "low numbers in August, September and October 2022 make this unreliable"
	assert_output --partial "| 95.0% by June 2025 |"
	refute_output --regexp '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{2}\b'
	run bash -c "set -o pipefail; grep -E '$keys' '$DATA/render/patterns.txt' | cut -d'|' -f2- | kpi-render --full"
	assert_output --partial "This is the highest figure since Mar 22 (93.1%)."
	assert_output --partial "low numbers in Aug, Sep and Oct 22 make this unreliable"
	refute_output --regexp '(January|February|March|April|June|July|August|September|October|November|December) 20[0-9]{2}'
	# the heading's date is long whatever the style
	run bash -c "set -o pipefail; grep '^p17c|' '$DATA/render/patterns.txt' | cut -d'|' -f2- | kpi-render --full"
	assert_line "## Key Performance Issues as at 31 March 2025"
	assert_output --partial "In Mar 25, visits was 74.2% (268)."
}

@test "qualifiers: names that differ only by a bracketed qualifier keep it; a breakdown stays in the sentence" {
	local a='{"indicator":"Q1","name":"New EHC plans issued within 20 weeks (including exceptions)","section":"S","unit":"percent","polarity":"higher_is_better","period":"2025-03","period_type":"month","value":53.8,"numerator":21,"denominator":39,"previous":{"period":"2025-02","value":59.0,"numerator":23,"denominator":39},"assessment":"issue","movement":"clear"}'
	local b='{"indicator":"Q2","name":"New EHC plans issued within 20 weeks (excluding exceptions)","section":"S","unit":"percent","polarity":"higher_is_better","period":"2025-03","period_type":"month","value":53.8,"numerator":21,"denominator":39,"previous":{"period":"2025-02","value":58.5,"numerator":24,"denominator":41},"assessment":"issue","movement":"clear"}'
	run bash -c "set -o pipefail; printf '%s\n%s\n' '$a' '$b' | kpi-render --full | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_success
	assert_line "New EHC plans issued within 20 weeks (including exceptions) fell from 59.0% (23) in Feb 25 to 53.8% (21) in Mar 25."
	assert_line "New EHC plans issued within 20 weeks (excluding exceptions) fell from 58.5% (24) in Feb 25 to 53.8% (21) in Mar 25."
	# alone, a qualifier of the unit is left to the heading
	run bash -c "set -o pipefail; grep '^p5s|' '$DATA/render/patterns.txt' | cut -d'|' -f2- | kpi-render --full | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_output --partial "Children subject to a plan fell slightly from"
	# a breakdown, as a string or an object (kpi_breakdown_label)
	local c='{"indicator":"H1","name":"Children looked after with a dental check","breakdown":"Health provider","section":"S","unit":"percent","polarity":"higher_is_better","period":"2025-03","period_type":"month","value":73.6,"numerator":217,"denominator":295,"previous":{"period":"2025-02","value":75.4,"numerator":224,"denominator":297},"assessment":"issue","movement":"clear"}'
	run bash -c "set -o pipefail; printf '%s\n' '$c' | kpi-render --full | sed -n '/^- \*\*/{p;n;s/^  //;p}'"
	assert_line "- **H1 Children looked after with a dental check (Health provider)**\\"
	assert_line "Children looked after with a dental check (Health provider) fell from 75.4% (224) in Feb 25 to 73.6% (217) in Mar 25."
	run bash -c "set -o pipefail; printf '%s\n' '$c' | sed 's/\"breakdown\":\"Health provider\"/\"breakdown\":{\"provider\":\"Health provider\",\"age\":\"All ages\"}/' | kpi-render --full | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_output "Children looked after with a dental check (Health provider) fell from 75.4% (224) in Feb 25 to 73.6% (217) in Mar 25."
}

@test "codes: a council's code is shown; a catalogue slug never, in no heading, table or sentence" {
	local rec='{"indicator":"cla_visits_in_time_pct","name":"Visits","section":"S","unit":"percent","polarity":"higher_is_better","period":"2022-10","period_type":"month","value":81.6,"numerator":151,"denominator":185,"previous":{"period":"2022-09","value":85.0,"numerator":160,"denominator":188},"assessment":"issue","movement":"clear"}'
	local f
	for f in md txt html; do
		run bash -c "set -o pipefail; printf '%s\n' '$rec' | kpi-render -f $f --full; printf '%s\n' '$rec' | kpi-render -f $f"
		assert_success
		refute_output --partial "cla_visits_in_time_pct"
		refute_output --partial "cla\\_visits"
	done
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | kpi-render --full"
	assert_line "| Indicator | Latest (Oct 22) | Previous | Change | Range | Target | RAG | England | Trend |"
	assert_line "- **Visits**\\"
	run bash -c "set -o pipefail; printf '%s\n' '$rec' | sed 's/cla_visits_in_time_pct/4.02.01/' | kpi-render --full"
	assert_line "| Code | Indicator | Latest (Oct 22) | Previous | Change | Range | Target | RAG | England | Trend |"
	assert_line "- **4.02.01 Visits**\\"
}

@test "pattern 1: without movement (an older pipeline) a move is plain, or unchanged as printed" {
	run bash -c "set -o pipefail; grep '^p1|' '$DATA/render/patterns.txt' | cut -d'|' -f2- | sed 's/,\"movement\":\"slight\"//' | kpi-render --full | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_success
	assert_output "Residential placements rose from 6.5% (2) in Sep 22 to 11.1% (3) in Oct 22."
	run bash -c "set -o pipefail; grep '^p1u|' '$DATA/render/patterns.txt' | cut -d'|' -f2- | sed 's/,\"movement\":\"unchanged\"//' | kpi-render --full | sed -n '/^- \*\*/{n;s/^  //;p}'"
	assert_output "Caseload was unchanged at 17.00 in Oct 22."
}

@test "pattern 1: 'more than doubled' for a large rise" {
	run sentence p1d
	assert_success
	assert_output "Missing episodes more than doubled from 11 in Sep 22 to 24 in Oct 22."
}

@test "pattern 1: 'unchanged' when the rounded figures agree" {
	run sentence p1u
	assert_success
	assert_output "Caseload was unchanged at 17.00 in Oct 22."
}

@test "pattern 2: against the last report's month (--compare-with)" {
	run sentence p2 --compare-with 2022-08
	assert_success
	assert_output "In Oct 22, children in care visited within six weeks was 74.2% (268). This is a decrease of 3.5 percentage points from Aug 22 (77.7%)."
}

@test "pattern 3: lowest figure in the last 12 months" {
	run sentence p3
	assert_success
	assert_output "Visits fell from 85.0% (160) in Sep 22 to 81.6% (151) in Oct 22. This is the lowest figure in the last 12 months."
}

@test "pattern 4: highest figure since a month more than a quarter back" {
	run sentence p4
	assert_success
	assert_output "Reviews on time rose slightly from 90.0% (144) in Sep 22 to 92.4% (146) in Oct 22. This is the highest figure since Mar 22 (93.1%)."
}

@test "pattern 5 strict: steadily decreasing from a peak, rate with count first" {
	run sentence p5s
	assert_success
	assert_output "Children subject to a plan fell slightly from 379 (72.3) in Sep 22 to 377 (72.0) in Oct 22. The trend has been steadily decreasing from a peak of 381 (72.7) in May 22."
}

@test "pattern 5 loose: overall trend reducing from a year high" {
	run sentence p5l
	assert_success
	assert_output "Referrals fell from 310 in Sep 22 to 300 in Oct 22. The overall trend has been reducing from a year high of 420 in Apr 22."
}

@test "pattern 5: had risen to a 12-month high, but fell" {
	run sentence p5p
	assert_success
	assert_output "Referrals had risen to a 12-month high of 512 in Sep 22, but fell to 498 in Oct 22."
}

@test "pattern 6: slight dip on a good run since reporting began" {
	run sentence p6
	assert_success
	assert_output "Initial PEPs on time was 63.4% in Oct 22, slightly lower than Sep 22 (64.1%), but improving steadily since reporting began in Apr 22 (52.8%)."
}

@test "pattern 7: 'However' when the year ago runs against the latest move" {
	run sentence p7
	assert_success
	assert_output "Reviews on time fell slightly from 87.0% in Sep 22 to 85.0% in Oct 22. However, this is higher than Oct 21 (84.0%)."
}

@test "pattern 8: count above the improvement target, with what is counted" {
	run sentence p8
	assert_success
	assert_output "In Oct 22, children placed at home on a care order was 38. This is 13 children above the improvement target of 25 to be reached by Dec 22. Figures show we are not meeting the improvement target."
}

@test "pattern 9: points gap and the number needed" {
	run sentence p9
	assert_success
	assert_output "In Oct 22, three or more moves was 11.9% (43). We are currently 2.9 percentage points above the 9.0% target set for Mar 23. The number would need to fall to 32, based on Oct 22 data."
}

@test "pattern 10: staged targets lead the entry" {
	run sentence p10
	assert_success
	assert_output "Improvement Plan Success Measure: reduce to 4.0% by Dec 22, and further to 2.0% by Mar 23. In Oct 22, plans lasting two years was 3.4% (2). We are currently 0.6 percentage points below the 4.0% target set for Dec 22, so the target is met."
}

@test "pattern 11: pooled year average from the window's counts" {
	run sentence p11
	assert_success
	assert_output "In Oct 22, repeat plans was 22.2% (6). The year average is 18.4% (47 out of 255)."
}

@test "pattern 11: 12-month average per month of a count; two written as a word" {
	run sentence p11c
	assert_success
	assert_output "In Oct 22, adopter approvals was two. The 12-month average is 2 per month."
}

@test "pattern 12: improvement every month since reporting began" {
	run sentence p12
	assert_success
	assert_output "Return interviews rose slightly from 90.0% in Sep 22 to 92.0% in Oct 22. There has been an improvement every month since reporting began in May 22 (84.6%)."
}

@test "pattern 13: financial quarters with previous and year-ago quarter" {
	run sentence p13
	assert_success
	assert_output "During Jul-Sep 22/23 Q2, youth justice outcomes was 3.4% (9), higher than Apr-Jun 22/23 Q1 of 1.9% (5), and 0.6 percentage points higher than 21/22 Q2 (2.8%)."
}

@test "pattern 14: benchmark comparison with quartile and rank" {
	run sentence p14
	assert_success
	assert_output "In 2022, maths was 52.0%. This is above the England figure of 48.0% (2022), significantly better. Quartile B (Rank 44)."
}

@test "pattern 15: small numbers name the months with low denominators" {
	run sentence p15
	assert_success
	assert_output "In Oct 22, return interviews offered was 66.7% (4 out of 6; low numbers in Aug, Sep and Oct 22 make this unreliable)."
}

@test "pattern 15: small denominator without history still gets the caveat" {
	run sentence p15b
	assert_success
	assert_output "In Oct 22, return interviews offered was 66.7% (4 out of 6; low numbers make this unreliable)."
}

@test "pattern 16: held above a round figure every month" {
	run sentence p16
	assert_success
	assert_output "Initial conferences on time was unchanged at 91.0% in Oct 22. It has been above 90% every month since Feb 22."
}

@test "pattern 17: stale data is not yet available" {
	run sentence p17
	assert_success
	assert_output "Data for Oct 22 is not yet available; the latest is Aug 22. In Aug 22, visits was 74.2% (268)."
}

@test "pattern 17: stale is kpi-trend's number of periods; without as_at it names the month" {
	run sentence p17n
	assert_success
	assert_output "Data for Mar 25 is not yet available; the latest is Jan 25. In Jan 25, visits was 74.2% (268)."
}

@test "pattern 17: stale 0 is current, no sentence" {
	run sentence p17c
	assert_success
	assert_output "In Mar 25, visits was 74.2% (268)."
}

@test "pattern 7: an annual series whose year ago is the previous year says it once" {
	run sentence p7y
	assert_success
	assert_output "Pupils reaching the expected standard rose from 49.0% in 2022 to 56.0% in 2023."
}

@test "pattern 5: a quarterly window is a 12-quarter high, not a 12-month one" {
	run sentence p5q
	assert_success
	assert_output "Referrals had risen to a 12-quarter high of 512 in Q4 2023, but fell to 498 in Q1 2024."
}

@test "missing data: suppressed latest value gives the last figure" {
	run sentence m1
	assert_success
	assert_output "The figure for Oct 22 is suppressed because the numbers are small. The last figure was 75.0% (270) in Sep 22."
}

@test "missing data: missing latest value" {
	run sentence m2
	assert_success
	assert_output "Data for Oct 22 is not available."
}

@test "missing data: no period, no value" {
	run sentence m3
	assert_success
	assert_output "No data is available for Oct 22."
}

@test "missing data: data_quality flag adds a bold action line" {
	run sentence m4
	assert_success
	assert_output "In Oct 22, visits was 80.0%. **Action: the recording behind this figure is being checked before it is analysed further.**"
}

@test "counts: 'more than halved', two written as a word" {
	run sentence w2
	assert_success
	assert_output "Children missing more than halved from 5 in Sep 22 to two in Oct 22."
}

# issue 15: an annual series is "the highest in five years", as councils
# write it (phrases p5.*_years and number.words), never "a 5-year high"
@test "pattern 5: an annual series' peak and trough: the highest (lowest) in five years" {
	printf '{"indicator":"care_leavers_in_touch_pct","period":"%s","value":"%s","area":"Trafford"}\n' \
		2021 60 2022 62 2023 64 2024 80 2025 70 | kpi-normalise | kpi-trend | kpi-flag >"$BATS_TEST_TMPDIR/peak.ndjson"
	run kpi-render --full -f md "$BATS_TEST_TMPDIR/peak.ndjson"
	assert_success
	assert_output --partial "Care leavers in touch had risen to 80.0% in 2024, the highest in five years, but fell to 70.0% in 2025."
	refute_output --partial "-year high"
	printf '{"indicator":"care_leavers_in_touch_pct","period":"%s","value":"%s","area":"Trafford"}\n' \
		2021 80 2022 78 2023 76 2024 60 2025 70 | kpi-normalise | kpi-trend | kpi-flag >"$BATS_TEST_TMPDIR/trough.ndjson"
	run kpi-render --full -f md "$BATS_TEST_TMPDIR/trough.ndjson"
	assert_output --partial "Care leavers in touch had fallen to 60.0% in 2024, the lowest in five years, but rose to 70.0% in 2025."
	# the words are the council's: number.words and the pattern from --phrases
	printf 'number.words = un deux trois quatre cinq\np5.peak_years = {subject}: {from_value} in {from_period}, top of {n} years; {to_value} in {to_period}.\n' >"$BATS_TEST_TMPDIR/p.phrases"
	run kpi-render --full -f md --phrases "$BATS_TEST_TMPDIR/p.phrases" "$BATS_TEST_TMPDIR/peak.ndjson"
	assert_output --partial "Care leavers in touch: 80.0% in 2024, top of cinq years; 70.0% in 2025."
	# past the words: digits
	printf 'number.words = one two\n' >"$BATS_TEST_TMPDIR/p.phrases"
	run kpi-render --full -f md --phrases "$BATS_TEST_TMPDIR/p.phrases" "$BATS_TEST_TMPDIR/peak.ndjson"
	assert_output --partial "the highest in 5 years"
}
