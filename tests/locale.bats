#!/usr/bin/env bats
# The tools and the report pipelines write the same bytes whatever the
# user's locale: under de_DE.UTF-8 and fr_FR.UTF-8 (decimal commas, other
# collation) as under C.  scripts/install-deps generates the two locales
# (make check runs it as root); where they are missing the tests skip.
# Not rerun under sanitizers: the tools set the C locale before anything
# else, so the compiled code they run here is the code the other tests run.
# bats file_tags=no-sanitizer
load helper

# need_locale NAME: skip with a message when locale NAME is not generated.
need_locale() {
	local want
	want=$(printf '%s' "$1" | tr 'A-Z' 'a-z' | sed 's/utf-8$/utf8/')
	locale -a 2>/dev/null | tr 'A-Z' 'a-z' | grep -qx "$want" ||
		skip "locale $1 is not generated (scripts/install-deps generates it as root)"
}

# every_stage DIR: the example council through every tool and stage, each
# output and each stderr kept in DIR; a failing stage fails the test.
every_stage() {
	local d=$1 f
	mkdir -p "$d"
	cd "$REPO"
	kpi-ingest examples/northbridge-long.csv examples/northbridge-wide.csv \
		examples/northbridge-provider-long.csv >"$d/ingest.ndjson" 2>"$d/ingest.err"
	kpi-ingest --measures all --filter geographic_level=National examples/northbridge-ees.csv \
		>"$d/ees.ndjson" 2>"$d/ees.err"
	kpi-normalise "$d/ingest.ndjson" "$d/ees.ndjson" >"$d/normalise.ndjson" 2>"$d/normalise.err"
	kpi-trend "$d/normalise.ndjson" >"$d/trend.ndjson" 2>"$d/trend.err"
	kpi-trend --every-period --as-at 2024-06 "$d/normalise.ndjson" >"$d/trend-every.ndjson" 2>"$d/trend-every.err"
	kpi-flag --targets examples/northbridge-targets.csv --benchmark-area England --explain \
		"$d/trend.ndjson" >"$d/explain.txt" 2>"$d/explain.err"
	kpi-flag --targets examples/northbridge-targets.csv --benchmark-area England --tolerance 2.5 \
		"$d/trend.ndjson" >"$d/flag.ndjson" 2>"$d/flag.err"
	kpi-ingest --format ndjson --filter area=Northbridge "$d/flag.ndjson" >"$d/judged.ndjson"
	for f in md html txt csv json; do
		kpi-render -f "$f" --narrative examples/narrative/05-children-in-care.md \
			"$d/judged.ndjson" >"$d/report.$f" 2>"$d/report-$f.err"
	done
	kpi-render -f txt --style dashboard "$d/judged.ndjson" >"$d/dashboard.txt"
	pipelines/committee-dashboard -f md examples/ >"$d/committee-dashboard.md" 2>"$d/committee-dashboard.err"
	pipelines/corporate-parenting-board -o "$d/cpb.html" examples/ 2>"$d/cpb.err"
	pipelines/regenerate -q --type scrutiny-panel --from 2024-10 --to 2025-03 -o "$d/regenerate" \
		examples/ 2>"$d/regenerate.err"
}

# the stages under C, once for the file's tests
setup_file() {
	export C_OUT="$BATS_FILE_TMPDIR/C"
	LC_ALL=C every_stage "$C_OUT"
}

# same_under LOCALE: every stage under LOCALE (as LC_ALL, then as LANG with
# LC_ALL unset) gives the same files as under C, byte for byte.
same_under() {
	need_locale "$1"
	[ "$(ls "$C_OUT/regenerate" | wc -l)" -eq 6 ]
	[ -s "$C_OUT/cpb.html" ]
	LC_ALL=$1 every_stage "$BATS_TEST_TMPDIR/all"
	(unset LC_ALL; LANG=$1 every_stage "$BATS_TEST_TMPDIR/lang")
	run diff -r "$C_OUT" "$BATS_TEST_TMPDIR/all"
	assert_success
	run diff -r "$C_OUT" "$BATS_TEST_TMPDIR/lang"
	assert_success
}

@test "locale: the two locales write decimal commas (so a locale-bound number would show)" {
	need_locale de_DE.UTF-8
	need_locale fr_FR.UTF-8
	[ "$(LC_ALL=de_DE.UTF-8 /usr/bin/printf '%.1f' 61)" = "61,0" ]
	[ "$(LC_ALL=fr_FR.UTF-8 /usr/bin/printf '%.1f' 61)" = "61,0" ]
	[ "$(LC_ALL=C /usr/bin/printf '%.1f' 61)" = "61.0" ]
}

@test "locale: every tool and report pipeline writes the same bytes under de_DE.UTF-8 as under C" {
	same_under de_DE.UTF-8
}

@test "locale: every tool and report pipeline writes the same bytes under fr_FR.UTF-8 as under C" {
	same_under fr_FR.UTF-8
}

@test "locale: numbers in the input are read the same under a decimal-comma locale" {
	need_locale de_DE.UTF-8
	printf 'indicator,period,value,numerator,denominator\nreferrals_count,2024-01,"1,234",,\nreferrals_count,2024-02,61.25,,\ncla_visits_in_time_pct,2024-02,"61.5%%",123,200\n' >"$BATS_TEST_TMPDIR/in.csv"
	for l in C de_DE.UTF-8; do
		LC_ALL=$l kpi-ingest "$BATS_TEST_TMPDIR/in.csv" | LC_ALL=$l kpi-normalise >"$BATS_TEST_TMPDIR/$l.ndjson"
	done
	cmp "$BATS_TEST_TMPDIR/C.ndjson" "$BATS_TEST_TMPDIR/de_DE.UTF-8.ndjson"
	[ "$(jq -c '[.value, .numerator, .denominator]' "$BATS_TEST_TMPDIR/C.ndjson" | tr '\n' ' ')" = "[1234,null,null] [61.25,null,null] [61.5,123,200] " ]
}
