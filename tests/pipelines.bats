#!/usr/bin/env bats
# pipelines/*: the five report types on the example council (examples/),
# their sections, lists and a few sentences; usage errors; the generator.
load helper
bats_require_minimum_version 1.5.0

REPORTS="corporate-parenting-board scrutiny-panel select-commission committee-dashboard health-highlight"

# report TYPE [OPTIONS]: the Markdown report of the example council, with
# Markdown escapes of underscores undone so codes read as written; fails when
# the pipeline fails.  The report of TYPE without options is read by several
# tests: it is made once for the file (in BATS_FILE_TMPDIR, only when the
# pipeline succeeded) and copied to the test's own $type.md, as the others are
# written there.
report() {
	local type=$1 made
	shift
	if [ $# -eq 0 ]; then
		made="$BATS_FILE_TMPDIR/$type.md"
		if [ ! -e "$made" ]; then
			"$type" -f md "$REPO/examples" >"$made.part" || return
			mv "$made.part" "$made"
		fi
		cp "$made" "$BATS_TEST_TMPDIR/$type.md"
	else
		"$type" -f md "$@" "$REPO/examples" >"$BATS_TEST_TMPDIR/$type.md" || return
	fi
	sed 's/\\_/_/g' "$BATS_TEST_TMPDIR/$type.md"
}

# --- usage (no tools needed; not rerun under sanitizers) -------------------------

# bats test_tags=no-sanitizer
@test "every report pipeline has --help with its usage" {
	for t in $REPORTS; do
		run "$t" --help
		assert_success
		assert_line --index 0 "Usage: $t [OPTIONS] DATA..."
		assert_output --partial "--as-at PERIOD"
	done
}

# bats test_tags=no-sanitizer
@test "every report pipeline is POSIX sh with set -eu" {
	for t in $REPORTS regenerate; do
		head -1 "$REPO/pipelines/$t" | grep -qx '#!/bin/sh'
		grep -qx 'set -eu' "$REPO/pipelines/$t"
		sh -n "$REPO/pipelines/$t"
	done
}

# bats test_tags=no-sanitizer
@test "a report pipeline without data is a usage error" {
	run corporate-parenting-board -f md
	assert_failure 2
	assert_output "corporate-parenting-board: no data files (try --help)"
}

# bats test_tags=no-sanitizer
@test "a report pipeline rejects an unknown option" {
	run scrutiny-panel --colour examples/
	assert_failure 2
	assert_output "scrutiny-panel: unknown option '--colour' (try --help)"
}

# bats test_tags=no-sanitizer
@test "an option without its value is a usage error" {
	run health-highlight --as-at
	assert_failure 2
	assert_output "health-highlight: --as-at needs a value (try --help)"
}

@test "--print shows the one-line pipeline behind the example report" {
	need_tools
	cd "$REPO"
	run corporate-parenting-board --print -f md examples/
	assert_success
	assert_output "{ kpi-ingest examples/northbridge-long.csv examples/northbridge-provider-long.csv examples/northbridge-revisions-long.csv examples/northbridge-wide.csv | kpi-normalise --catalogued-only | kpi-trend; kpi-ingest --measures all --filter geographic_level=National examples/northbridge-ees.csv | kpi-normalise --catalogued-only | kpi-trend; } | kpi-flag --targets examples/northbridge-targets.csv --benchmark-area England | kpi-ingest --format ndjson --filter area=Northbridge | kpi-render --format md --report-config examples/corporate-parenting-board.conf --narrative <(cat examples/narrative/*.md)"
}

@test "the printed pipeline gives the same report as the pipeline (under bash)" {
	need_tools
	cd "$REPO"
	corporate-parenting-board -f md examples/ >"$BATS_TEST_TMPDIR/a.md"
	bash -c "$(corporate-parenting-board --print -f md examples/)" >"$BATS_TEST_TMPDIR/b.md"
	cmp "$BATS_TEST_TMPDIR/a.md" "$BATS_TEST_TMPDIR/b.md"
}

# --- the example council -----------------------------------------------------------

# bats test_tags=no-sanitizer
@test "examples/generate.awk regenerates the committed data byte for byte" {
	local out="$BATS_TEST_TMPDIR/gen"
	mkdir -p "$out"
	awk -v outdir="$out" -f "$REPO/examples/generate.awk"
	for f in northbridge-long.csv northbridge-provider-long.csv northbridge-wide.csv \
		northbridge-ees.csv northbridge-targets.csv; do
		cmp "$out/$f" "$REPO/examples/$f"
	done
}

# bats test_tags=no-sanitizer
@test "the example council has at least 60 indicators over at least 36 months" {
	local n m
	n=$(tail -n +2 "$REPO/examples/northbridge-long.csv" | cut -d, -f1 | sort -u | wc -l)
	n=$((n + $(tail -n +2 "$REPO/examples/northbridge-wide.csv" | wc -l)))
	[ "$n" -ge 60 ]
	m=$(tail -n +2 "$REPO/examples/northbridge-long.csv" | cut -d, -f2 | sort -u | wc -l)
	[ "$m" -ge 36 ]
}

@test "every example indicator is in the default catalogue" {
	need_tools
	run kpi-ingest "$REPO/examples/northbridge-long.csv" "$REPO/examples/northbridge-wide.csv" \
		"$REPO/examples/northbridge-provider-long.csv"
	assert_success
	printf '%s\n' "$output" | kpi-normalise --strict >/dev/null
}

# --- corporate-parenting-board ------------------------------------------------------

@test "corporate-parenting-board: title, as-at date and every section of the example" {
	need_tools
	run report corporate-parenting-board --meeting-date 2025-05-14
	assert_success
	assert_line --index 0 "# Highlight Report for Children's Services Corporate Parenting Board"
	assert_output --partial "as at 31 March 2025"
	assert_output --partial "14 May 2025"
	local s
	for s in "Contacts and referrals" "Early help" "Assessments" "Child protection" \
		"Children in care" "Placements and stability" "Missing" "Health" \
		"Education and the virtual school" "Care leavers" "Adoption and permanence" \
		"Workforce" "SEND / EHCP"; do
		assert_line "### $s"
	done
	[ "$(printf '%s\n' "$output" | grep -c '^\*\*Current issues:\*\*')" -eq 13 ]
	[ "$(printf '%s\n' "$output" | grep -c '^\*\*Improvement:\*\*')" -eq 13 ]
}

@test "a board's report is of the catalogue's indicators; --all-indicators adds the others" {
	need_tools
	printf 'indicator,period,value\ncla_count,2024-01,12\ncla_count,2024-02,14\nmystery_count,2024-01,3\nmystery_count,2024-02,4\n' >"$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr committee-dashboard -f md "$BATS_TEST_TMPDIR/d.csv"
	assert_success
	assert_line --partial "There is 1 indicator in total"
	refute_output --partial mystery
	refute_output --partial "Other indicators"
	[ "$stderr" = "kpi-normalise: $BATS_TEST_TMPDIR/d.csv:4: indicator not in the catalogue $REPO/share/catalogue.csv, left out: 'mystery_count'
kpi-normalise: 2 records left out by --catalogued-only: their indicators are not in the catalogue $REPO/share/catalogue.csv" ]
	run --separate-stderr committee-dashboard -f md --all-indicators "$BATS_TEST_TMPDIR/d.csv"
	assert_success
	assert_line "### Table 2: Other indicators"
	assert_line '| mystery\_count | - | 4 | 3 | ▁█ | - | - | - | - |'
	run corporate-parenting-board --print --all-indicators "$BATS_TEST_TMPDIR/d.csv"
	assert_output --regexp "kpi-normalise \| kpi-trend"
}

@test "corporate-parenting-board: only the council's series, not England's" {
	need_tools
	run report corporate-parenting-board
	assert_success
	refute_output --partial "(England)"
	assert_output --partial "This report covers all 82 agreed indicators."
}

@test "corporate-parenting-board: a spike is a current issue, the 12-month high" {
	need_tools
	run report corporate-parenting-board
	assert_success
	assert_output --partial "Missing episodes rose sharply from 46 in February 2025 to 77 in March 2025."
	assert_output --partial "This is the highest figure in the last 12 months."
	# listed under Current issues of the Missing section, with no code (the
	# catalogue's ids are slugs, not the council's codes)
	printf '%s\n' "$output" | awk '/^### Missing/ { s = 1 } /^### Health/ { s = 0 }
		s && /^\*\*Current issues/ { l = "issue" } s && /^\*\*Improvement/ { l = "improvement" }
		s && /^- \*\*Missing episodes\*\*/ { print l }' | grep -qx issue
	# and one of the items that most need the Board's attention
	assert_line "- Missing episodes: 77 in March 2025, outside the range it usually varies in (special cause)."
}

@test "corporate-parenting-board: reporting commenced mid-year, on small numbers" {
	need_tools
	run report corporate-parenting-board
	assert_success
	assert_output --partial "There has been an improvement every month since reporting began in October 2024 (42.9%)."
	assert_output --partial "80.0% (4 out of 5; low numbers in January, February and March 2025 make this unreliable)"
}

@test "corporate-parenting-board: a staged target missed, and worse than England" {
	need_tools
	run report corporate-parenting-board
	assert_success
	# listed under Improvement (improving, with three months to go) but off
	# target: it says so first and carries the marker
	assert_line "- **Children placed at home on a care order** *Off target*\\"
	assert_output --partial "  Off target: 19 above the target of 18 set for June 2025. Improvement Plan Success Measure: reduce to 25 by December 2024, and further to 18 by June 2025."
	assert_output --partial "This is above the England figure of 22.1% (2023/24), significantly worse."
}

@test "corporate-parenting-board: suppressed and not-yet-available data say so" {
	need_tools
	run report corporate-parenting-board
	assert_success
	assert_output --partial 'Data for March 2025 is not yet available; the latest is January 2025.'
	# convictions' February and March are suppressed (c), not "not yet
	# available": kpi-flag no longer judges it on January (issue 15)
	run bash -c "set -o pipefail; kpi-ingest '$REPO/examples/northbridge-long.csv' 2>/dev/null | kpi-normalise 2>/dev/null | kpi-trend --as-at 2025-03 | kpi-flag \
		| jq -c 'select(.indicator == \"cla_convictions_pct\") | [.period, .assessment, .reasons]'"
	assert_success
	assert_output '["2025-01","no_data",["suppressed_latest"]]'
}

@test "corporate-parenting-board: the narrative goes under its section, with its author" {
	need_tools
	run report corporate-parenting-board
	assert_success
	assert_line "*Head of Service Narrative (Dana Whitlow – Child Protection and Review)*"
	assert_output --partial "Twelve visits in March were made in time but recorded after ten working days."
}

@test "corporate-parenting-board --as-at reports an earlier month" {
	need_tools
	run report corporate-parenting-board --as-at 2023-06 --no-narrative
	assert_success
	assert_output --partial "as at 30 June 2023"
	assert_output --partial "in June 2023."
	refute_output --partial "in March 2025."
}

@test "corporate-parenting-board writes HTML atomically with -o, the format from the extension" {
	need_tools
	local out="$BATS_TEST_TMPDIR/out/cpb.html"
	run corporate-parenting-board -o "$out" "$REPO/examples"
	assert_success
	assert_output ""
	head -c 15 "$out" | grep -qi '<!doctype html>'
	tail -n 1 "$out" | grep -q '</html>'
	run ls -A "$BATS_TEST_TMPDIR/out"
	assert_output "cpb.html"
}

@test "a report pipeline on a closed pipe ends quietly with the status of a closed pipe (issue 18)" {
	need_tools
	run --separate-stderr bash -c "set -o pipefail; corporate-parenting-board -f html '$REPO/examples' | head -1"
	[ "$status" -eq 141 ]
	assert_output "<!DOCTYPE html>"
	[ "$stderr" = "" ]
	# a stage that fails for itself is still named, whatever the pipe did
	printf 'indicator,period,value\ncla_count,2024-01,12\ncla_count,2024-02\n' >"$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr bash -c "set -o pipefail; corporate-parenting-board -f md '$BATS_TEST_TMPDIR/bad.csv' | head -1"
	assert_failure 1
	[ "${stderr##*$'\n'}" = "corporate-parenting-board: kpi-ingest failed (exit 1); no report written" ]
}

@test "-o: a new report gets 0666 less the umask, a replaced one keeps its mode (issue 18)" {
	need_tools
	local out="$BATS_TEST_TMPDIR/m/cpb.html"
	(umask 027 && corporate-parenting-board -o "$out" "$REPO/examples")
	run stat -c %a "$out"
	assert_output 640
	chmod 604 "$out"
	(umask 077 && corporate-parenting-board -o "$out" "$REPO/examples")
	run stat -c %a "$out"
	assert_output 604
	chmod 2755 "$out"
	corporate-parenting-board -o "$out" "$REPO/examples"
	run stat -c %a "$out"
	assert_output 2755
	run ls -A "$BATS_TEST_TMPDIR/m"
	assert_output cpb.html
}

@test "-o: a symbolic link or /dev/stdout is written in place, not replaced" {
	need_tools
	cd "$BATS_TEST_TMPDIR"
	echo old >target.md
	ln -s target.md link.md
	corporate-parenting-board -f md -o link.md "$REPO/examples"
	[ -L link.md ]
	run head -1 target.md
	assert_output "# Highlight Report for Children's Services Corporate Parenting Board"
	run --separate-stderr corporate-parenting-board -f md -o /dev/stdout "$REPO/examples"
	assert_success
	assert_line --index 0 "# Highlight Report for Children's Services Corporate Parenting Board"
}

@test "corporate-parenting-board is reproducible: the same input gives the same bytes" {
	need_tools
	corporate-parenting-board -o "$BATS_TEST_TMPDIR/a.html" "$REPO/examples"
	corporate-parenting-board -o "$BATS_TEST_TMPDIR/b.html" "$REPO/examples"
	cmp "$BATS_TEST_TMPDIR/a.html" "$BATS_TEST_TMPDIR/b.html"
}

@test "a stage that fails fails the pipeline, and no report is written" {
	need_tools
	local bad="$BATS_TEST_TMPDIR/bad.csv"
	printf 'indicator,period,value\ncla_count,2024-01,12\ncla_count,2024-02\n' >"$bad"
	run corporate-parenting-board -o "$BATS_TEST_TMPDIR/r/x.html" "$bad"
	assert_failure 1
	assert_line --partial "kpi-ingest: $bad:3:"
	assert_line "corporate-parenting-board: kpi-ingest failed (exit 1); no report written"
	run ls -A "$BATS_TEST_TMPDIR/r"
	assert_output ""
}

# --- the other report types ----------------------------------------------------------

@test "scrutiny-panel: only its themes, with their narrative" {
	need_tools
	run report scrutiny-panel
	assert_success
	assert_line --index 0 "# Performance Update for the Children and Young People's Scrutiny Panel"
	run grep '^### ' "$BATS_TEST_TMPDIR/scrutiny-panel.md"
	assert_output "$(printf '%s\n' '### Placements and stability' '### Education and the virtual school' \
		'### Care leavers' '### Workforce' '### SEND / EHCP')"
	grep -q 'Head of Service Narrative (Claire Dunstan' "$BATS_TEST_TMPDIR/scrutiny-panel.md"
}

@test "scrutiny-panel: data without some of its themes: the others reported, the absent said; --sections asks for each" {
	need_tools
	# the example's records of two of the five themes only
	kpi-ingest examples/northbridge-long.csv | kpi-normalise \
		| kpi-ingest -f ndjson --filter 'section=Placements and stability' --filter 'section=Care leavers' >"$BATS_TEST_TMPDIR/two.ndjson"
	run --separate-stderr scrutiny-panel -o "$BATS_TEST_TMPDIR/two.md" "$BATS_TEST_TMPDIR/two.ndjson"
	assert_success
	run grep '^### ' "$BATS_TEST_TMPDIR/two.md"
	assert_output "$(printf '%s\n' '### Placements and stability' '### Care leavers')"
	run --separate-stderr scrutiny-panel -o "$BATS_TEST_TMPDIR/two.md" "$BATS_TEST_TMPDIR/two.ndjson"
	[[ $stderr == *"kpi-ingest: -: --filter section=SEND / EHCP matches no row; values present: "* ]]
	# a theme asked for by --sections that the data do not hold is an error
	run --separate-stderr scrutiny-panel --sections 'Care leavers,SEND / EHCP' -o "$BATS_TEST_TMPDIR/three.md" "$BATS_TEST_TMPDIR/two.ndjson"
	assert_failure 1
	[[ $stderr == *"kpi-ingest: -: --filter section=SEND / EHCP matches no row; values present: "* ]]
	[ ! -e "$BATS_TEST_TMPDIR/three.md" ]
	# --print shows the setting
	run scrutiny-panel --print "$BATS_TEST_TMPDIR/two.ndjson"
	assert_output --partial "kpi-ingest --format ndjson --unmatched-filter warn --filter section=Workforce --filter 'section=Care leavers'"
}

@test "scrutiny-panel: three to five headline bullets per theme, no codes, no tables" {
	need_tools
	run report scrutiny-panel
	assert_success
	refute_output --partial "| Code |"
	refute_output --partial "**Current issues:**"
	# the bullets of each theme, counted between its heading and the next
	run awk '/^### /{if(h)print n; h=1; n=0} /^- [A-Z]/{n++} END{print n}' "$BATS_TEST_TMPDIR/scrutiny-panel.md"
	for n in $output; do [ "$n" -ge 3 ] && [ "$n" -le 5 ]; done
	grep -qx -- "- Data for Mar 25 is not yet available; the latest is Jan 25. Care leavers in touch rose slightly from 94.3% in Dec 24 to 94.9% in Jan 25, though the number was unchanged at 166." \
		"$BATS_TEST_TMPDIR/scrutiny-panel.md"
}

@test "scrutiny-panel --sections chooses other themes" {
	need_tools
	run report scrutiny-panel --sections "Missing,Child protection"
	assert_success
	run grep '^### ' "$BATS_TEST_TMPDIR/scrutiny-panel.md"
	assert_output "$(printf '%s\n' '### Child protection' '### Missing')"
}

@test "select-commission: every section as two lists without codes, after a data-quality preface" {
	need_tools
	run report select-commission
	assert_success
	assert_line --index 0 "# Children and Young People's Services Performance Report"
	# --style summary: the preface first, then the 13 sections of the example
	[ "$(printf '%s\n' "$output" | grep -c '^### ')" -eq 14 ]
	[ "$(printf '%s\n' "$output" | grep -m 1 '^### ')" = "### Data quality" ]
	assert_line "- Care leavers in touch: the latest figure is for Jan 25 (data for Mar 25 is not yet available)."
	assert_line "**Good or improved performance:**"
	assert_line "**Areas for further improvement:**"
	assert_line "- **Re-referrals within 12 months**\\"
	refute_output --partial "**re_referrals_pct "
	refute_output --partial "| Code |"
}

@test "committee-dashboard: every section with the England column" {
	need_tools
	run report committee-dashboard
	assert_success
	assert_line --index 0 "# Children's Services Performance Indicators"
	assert_output --partial "| England |"
	assert_output --partial "22.1% ↑ +8.3pp"
	# --style dashboard: one numbered table per theme, with unit and gap, no lists
	assert_line "### Table 1: Contacts and referrals"
	assert_line "| Indicator | Unit | Latest (Mar 25) | Previous | Trend | Target | Gap | RAG | England |"
	refute_output --partial "**Current issues:**"
}

@test "committee-dashboard: the HTML tables draw the trend and the national comparison" {
	need_tools
	committee-dashboard -o "$BATS_TEST_TMPDIR/d.html" "$REPO/examples"
	run grep -c '<h3>Table [0-9]*: ' "$BATS_TEST_TMPDIR/d.html"
	assert_output "13"
	run grep -c '<svg class="spark"' "$BATS_TEST_TMPDIR/d.html"
	[ "$output" -ge 60 ]
	grep -q '<th>England</th>' "$BATS_TEST_TMPDIR/d.html"
}

@test "health-highlight: the Health section with council and provider figures" {
	need_tools
	run report health-highlight
	assert_success
	assert_line --index 0 "# Health of Children in Care: Highlight Report"
	# the catalogue's ids are slugs: no Code column, no slug anywhere
	assert_output --partial "| Children looked after with a dental check | "
	assert_output --partial "| Children looked after with a dental check (Health provider) | "
	refute_output --partial "dental_checks_pct"
	# the provider's row keeps "(Health provider)" in its sentences too
	assert_output --partial "Children looked after with a dental check (Health provider) fell slightly from 75.4% (224) in Feb 25 to 73.6% (217) in Mar 25."
	assert_line "*Head of Service Narrative (Ruth Fenwick – Designated Nurse for Children in Care)*"
	run grep '^### ' "$BATS_TEST_TMPDIR/health-highlight.md"
	assert_output "$(printf '%s\n' '### Summary' '### Health' '### Recommendation' '### Appendix: every indicator')"
}

@test "every report pipeline writes HTML for the example council" {
	need_tools
	for t in $REPORTS; do
		"$t" -o "$BATS_TEST_TMPDIR/$t.html" "$REPO/examples"
		# headlines (scrutiny-panel) and the two lists (select-commission)
		# are words only
		case $t in scrutiny-panel|select-commission) ;; *) grep -q '<svg' "$BATS_TEST_TMPDIR/$t.html" ;; esac
		tail -n 1 "$BATS_TEST_TMPDIR/$t.html" | grep -q '</html>'
	done
}

@test "a report pipeline without its shared body says where it looked" {
	local bin="$BATS_TEST_TMPDIR/bin"
	mkdir -p "$bin"
	cp "$REPO/pipelines/scrutiny-panel" "$bin/kpi-report-scrutiny-panel"
	KPI_DATADIR=/nonexistent run "$bin/kpi-report-scrutiny-panel" --help
	assert_failure 2
	assert_output "kpi-report-scrutiny-panel: report.sh not found beside it or in ../share/kpi"
}
