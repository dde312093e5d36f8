#!/usr/bin/env bats
# A file option given "-" reads standard input when the data come from FILE
# arguments; when standard input already carries the data (no FILE, or FILE
# -), or another option took it, it is a usage error (tests/data/usage/
# errors.tsv has each message): the option would otherwise read the data as
# its own file, or the data would read as empty.
load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$REPO"
	D=$BATS_TEST_TMPDIR
	kpi-ingest examples/northbridge-long.csv >"$D/raw.ndjson"
	kpi-normalise "$D/raw.ndjson" >"$D/typed.ndjson"
}

@test "kpi-normalise --catalogue - FILE: the catalogue from standard input, as if named" {
	kpi-normalise --catalogue share/catalogue.csv "$D/raw.ndjson" >"$D/named"
	run -0 --separate-stderr kpi-normalise --catalogue - "$D/raw.ndjson" <share/catalogue.csv
	[ -z "$stderr" ]
	[ "$output" = "$(cat "$D/named")" ]
	[ -s "$D/named" ]
}

@test "kpi-normalise --la-changes - FILE: the council's changes from standard input" {
	# the DfE's row of Dorset county (2019), renamed by the council's own row
	printf '%s\n' '{"indicator":"referral_count","period":"2019","value":"3702","area":"Dorset","time_identifier":"Reporting year","old_la_code":"835","new_la_code":"E10000009","la_name":"Dorset","source":"c1.csv:1000"}' >"$D/dorset.ndjson"
	printf 'change,date,from_code,from_la_code,from_name,to_code,to_la_code,to_name,from_area\nreorganisation,2019-04-01,E10000009,835,Dorset,E06000059,838,Dorset,Ours\n' >"$D/changes.csv"
	run -0 bash -c "set -o pipefail; kpi-normalise --la-changes - '$D/dorset.ndjson' <'$D/changes.csv' | jq -r .area"
	assert_output "Ours"
}

@test "kpi-flag --targets - FILE: the targets from standard input, as if named" {
	kpi-trend "$D/typed.ndjson" >"$D/summaries"
	kpi-flag --targets examples/northbridge-targets.csv "$D/summaries" >"$D/named"
	run -0 --separate-stderr kpi-flag --targets - "$D/summaries" <examples/northbridge-targets.csv
	[ "$output" = "$(cat "$D/named")" ]
	# the targets were read: some summary met or missed one
	grep -q '"target_met":\(true\|false\)' "$D/named"
}

@test "kpi-render --narrative - FILE: the narrative from standard input, as if named" {
	kpi-trend "$D/typed.ndjson" | kpi-flag >"$D/judged"
	kpi-render --narrative examples/narrative/05-children-in-care.md "$D/judged" >"$D/named"
	run -0 kpi-render --narrative - "$D/judged" <examples/narrative/05-children-in-care.md
	[ "$output" = "$(cat "$D/named")" ]
	grep -q "Head of Service" "$D/named"
}

@test "data on standard input and a file option given -: exit 2 before anything is read" {
	run -2 --separate-stderr kpi-flag --targets - <"$D/typed.ndjson"
	[ "${stderr_lines[0]}" = "kpi-flag: --targets -: standard input carries the data (no FILE given); name a file for --targets, or give the data as FILE" ]
	[ -z "$output" ]
	# the data's "-" among other FILEs counts too
	run -2 --separate-stderr kpi-normalise --catalogue - "$D/raw.ndjson" - <share/catalogue.csv
	[ "${stderr_lines[0]}" = "kpi-normalise: --catalogue -: standard input carries the data (FILE -); name a file for --catalogue, or give the data as FILE" ]
	[ -z "$output" ]
}
