#!/usr/bin/env bats
# kpi-ingest: nothing silently empty.  A --filter or --measures that matches
# nothing is an error (exit 1) naming the closest values present, on CSV,
# NDJSON and JSON input, and through a report pipeline's --area.
load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$DATA/ingest"
}

@test "--filter matching no row: exit 1, the values present, case-insensitive matches first" {
	run --separate-stderr kpi-ingest --filter 'geographic_level=Local Authority' ees.csv
	assert_failure 1
	assert_output ''
	[ "$stderr" = "kpi-ingest: ees.csv: --filter geographic_level=Local Authority matches no row; values present: Local authority, National, Regional" ]
}

@test "--filter: one of a column's values matching nothing is named, though the others match" {
	run --separate-stderr kpi-ingest --filter geographic_level=National --filter geographic_level=Regionl ees.csv
	assert_failure 1
	[ "${#lines[@]}" -eq 2 ]
	[ "$stderr" = "kpi-ingest: ees.csv: --filter geographic_level=Regionl matches no row; values present: Regional, National, Local authority" ]
}

@test "--filter: each matches rows but not together" {
	run --separate-stderr kpi-ingest --filter geographic_level=National --filter la_name=Darlington ees.csv
	assert_failure 1
	[ "$stderr" = "kpi-ingest: ees.csv: --filter geographic_level=National --filter la_name=Darlington: each matches rows, but no row matches them all" ]
}

@test "--filter: at most ten values, the closest first, and how many there are" {
	{ echo "area,indicator,period,value"; for a in Leeds Leicester Lewisham Barnet Bury Kent Wigan York Bolton Derby Halton Sefton; do echo "$a,A,2019,1"; done; } >"$BATS_TEST_TMPDIR/a.csv"
	run --separate-stderr kpi-ingest --filter area=leeds "$BATS_TEST_TMPDIR/a.csv"
	assert_failure 1
	[ "$stderr" = "kpi-ingest: $BATS_TEST_TMPDIR/a.csv: --filter area=leeds matches no row; values present: Leeds, Derby, Kent, Bury, Lewisham, Sefton, Wigan, York, Barnet, Bolton, ... (12 in all)" ]
}

@test "--filter on a column that is not there: exit 1, the closest columns" {
	run kpi-ingest --filter geographic_levl=National ees.csv
	assert_failure 1
	assert_output --partial "kpi-ingest: ees.csv: --filter: no column 'geographic_levl'; columns present: geographic_level, "
}

@test "--filter on a file without rows, or matching rows: no message" {
	run --separate-stderr kpi-ingest --filter period=Nowhere header_only.csv
	assert_success
	[ -z "$stderr" ]
	run --separate-stderr kpi-ingest --filter Month=Apr-17 long.csv
	assert_success
	[ -z "$stderr" ]
}

@test "--measures all matching no column: exit 1" {
	printf 'time_period,time_identifier,geographic_level,country_code,country_name,note\n2025,Reporting year,National,E92000001,England,n/k\n' >"$BATS_TEST_TMPDIR/e.csv"
	run kpi-ingest --measures all "$BATS_TEST_TMPDIR/e.csv"
	assert_failure 1
	assert_output --partial "kpi-ingest: $BATS_TEST_TMPDIR/e.csv: --measures all matches no column (none holds only numbers and symbols); columns present: "
}

@test "NDJSON: --filter matching no record names the values present" {
	run --separate-stderr kpi-ingest --filter period=2021 records.ndjson
	assert_failure 1
	[ "$stderr" = "kpi-ingest: records.ndjson: --filter period=2021 matches no row; values present: 2020, 2019" ]
	run --separate-stderr kpi-ingest --filter ward=Ashton records.ndjson
	assert_failure 1
	[ "$stderr" = "kpi-ingest: records.ndjson: --filter ward=Ashton matches no row; no row has a value for ward" ]
	run kpi-ingest --filter period=2019 records.ndjson
	assert_success
	assert_output '{"indicator":"A","period":"2019","value":"1","source":"records.ndjson:1"}'
}

@test "NDJSON on standard input, as the report pipelines filter: a wrong case fails" {
	run --separate-stderr bash -c 'kpi-ingest --format ndjson --filter area=northbridge <<EOF
{"indicator":"a","area":"Northbridge"}
{"indicator":"a","area":"England"}
EOF'
	assert_failure 1
	[ "$stderr" = "kpi-ingest: -: --filter area=northbridge matches no row; values present: Northbridge, England" ]
}

@test "--unmatched-filter warn: a value matching nothing is said, the others' rows kept; nothing kept is exit 1" {
	run --separate-stderr kpi-ingest --unmatched-filter warn --filter geographic_level=National --filter geographic_level=Regionl ees.csv
	assert_success
	[ "$stderr" = "kpi-ingest: ees.csv: --filter geographic_level=Regionl matches no row; values present: Regional, National, Local authority" ]
	[ "$output" = "$(kpi-ingest --filter geographic_level=National ees.csv)" ]
	[ -n "$output" ]
	# every value of a column matching nothing: nothing is kept, exit 1
	run --separate-stderr kpi-ingest --unmatched-filter warn --filter geographic_level=Nation --filter la_name=Darlington ees.csv
	assert_failure 1
	assert_output ''
	[ "$stderr" = "$(printf '%s\n' 'kpi-ingest: ees.csv: --filter geographic_level=Nation matches no row; values present: National, Regional, Local authority' 'kpi-ingest: ees.csv: no row matches the --filter options')" ]
	# NDJSON on standard input, as the report pipelines filter their sections
	run --separate-stderr bash -c "set -o pipefail; kpi-ingest ees.csv | kpi-ingest -f ndjson --unmatched-filter warn --filter geographic_level=National --filter 'geographic_level=SEND / EHCP' | wc -l"
	assert_success
	[ "$output" -gt 0 ]
	[ "$stderr" = "kpi-ingest: -: --filter geographic_level=SEND / EHCP matches no row; values present: National, Regional, Local authority" ]
	# error is the default, and the only other word
	run --separate-stderr kpi-ingest --unmatched-filter error --filter geographic_level=Regionl ees.csv
	assert_failure 1
	run --separate-stderr kpi-ingest --unmatched-filter maybe ees.csv
	assert_failure 2
	[ "${stderr_lines[0]}" = "kpi-ingest: --unmatched-filter: 'maybe' is not warn or error" ]
}

@test "a report pipeline's --area that matches nothing fails clearly, and writes no report" {
	run --separate-stderr corporate-parenting-board --area northbridge -o "$BATS_TEST_TMPDIR/r.html" "$REPO/examples/"
	assert_failure
	[[ $stderr == *"kpi-ingest: -: --filter area=northbridge matches no row; values present: Northbridge, "* ]]
	[ ! -e "$BATS_TEST_TMPDIR/r.html" ]
	run corporate-parenting-board --area Northbridge -o "$BATS_TEST_TMPDIR/r.html" "$REPO/examples/"
	assert_success
	[ -s "$BATS_TEST_TMPDIR/r.html" ]
}
