#!/usr/bin/env bats
# A council's own indicator codes through the whole pipeline (issue 14, "Done
# when": a catalogue with ids like 4.02.01 and 4.09.02a runs through to a
# report that prints those codes). tests/data/codes: a catalogue of two coded
# indicators and one slug, 18 months of a fictional council's data (one
# indicator named by its alias, one by its code), targets by code.

load helper

C="$DATA/codes"

@test "codes: the five tools carry 4.02.01 and 4.09.02a from the catalogue to the report" {
	need_tools
	run bash -c "set -o pipefail; kpi-ingest '$C/northshire.csv' | kpi-normalise --catalogue '$C/catalogue.csv' \
		| kpi-trend | kpi-flag --targets '$C/targets.csv' | kpi-render -f md"
	assert_success
	# the lists' headings lead with the code
	assert_line "- **4.02.01 Children entering care by placement: Residential**\\"
	assert_line "- **4.09.02a Care leavers in suitable accommodation (19 to 21)**\\"
	# the appendix has a Code column; the slug's row has none to show
	assert_line "| Code | Indicator | Latest (Sep 24) | Previous | Change | 12-month range | Target | RAG | England | Trend |"
	assert_line "| 4.02.01 | Children entering care by placement: Residential | 18.3% (11/60) | 16.7% (10/60) | +1.6pp | 6.7% – 18.3% | 8.0% by Dec 24 | Red | - | ▁▂▃▁▂▃▁▂▃▆▇█ |"
	assert_line "| 4.09.02a | Care leavers in suitable accommodation (19 to 21) | 76.2% (61/80) | 75.0% (60/80) | +1.2pp | 75.0% – 88.8% | 90.0% by Dec 24 | Red | - | ▇█▇█▇█▇█▇▂▁▂ |"
	assert_line "| - | Missing episodes | 21 | 20 | +1 | 20 – 23 | - | - | - | ▆█▁▃▆█▁▃▆█▁▃ |"
	# the summary's items name them by code too
	assert_line "- 4.09.02a Care leavers in suitable accommodation: 76.2% (61) in Sep 24, outside the range it usually varies in (special cause)."
	assert_line "- 4.02.01 Children entering care by placement: Residential: 18.3% (11) in Sep 24, outside the range it usually varies in (special cause)."
	# a slug is never shown
	refute_output --partial "missing_episodes_count"
	refute_output --partial "missing\\_episodes"
}

@test "codes: the report pipeline prints them in every format (text, HTML, CSV)" {
	need_tools
	local out="$BATS_TEST_TMPDIR"
	corporate-parenting-board -f txt --catalogue "$C/catalogue.csv" --targets "$C/targets.csv" \
		"$C/northshire.csv" >"$out/r.txt"
	grep -qx '  \* 4.02.01 Children entering care by placement: Residential' "$out/r.txt"
	grep -qx '  \* 4.09.02a Care leavers in suitable accommodation (19 to 21)' "$out/r.txt"
	grep -qx '4.02.01 Children entering care by placement: Residential' "$out/r.txt"
	grep -qx '4.09.02a Care leavers in suitable accommodation (19 to 21)' "$out/r.txt"
	grep -qx 'Missing episodes' "$out/r.txt"
	run grep -c missing_episodes "$out/r.txt"
	assert_output 0
	corporate-parenting-board -f html --catalogue "$C/catalogue.csv" --targets "$C/targets.csv" \
		"$C/northshire.csv" >"$out/r.html"
	grep -q '<td data-label="Code">4.02.01</td>' "$out/r.html"
	grep -q '<td data-label="Code">4.09.02a</td>' "$out/r.html"
	grep -q '<p class="entry-head">4.02.01 Children entering care by placement: Residential</p>' "$out/r.html"
	run bash -c "set -o pipefail; corporate-parenting-board -f csv --catalogue '$C/catalogue.csv' '$C/northshire.csv' | cut -d, -f1-3"
	assert_success
	assert_output "section,indicator,name
Children in care,4.02.01,Children entering care by placement: Residential
Children in care,missing_episodes_count,Missing episodes
Care leavers,4.09.02a,Care leavers in suitable accommodation (19 to 21)"
}
