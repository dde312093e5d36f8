#!/usr/bin/env bats
# One report per council of an all-council file (issue 15, item 7; issue 19,
# Scaling out): kpi-render --each-area, --list-areas and --area;
# kpi-regenerate --each-area and --list-areas, and the same work spread by
# GNU parallel.
load helper

TYPE=corporate-parenting-board

setup() {
	OUT="$BATS_TEST_TMPDIR/reports"
	ALL="$BATS_TEST_TMPDIR/all.csv"
	# a DfE-style file: England, a region and three councils in one
	cat >"$ALL" <<-'CSV'
	time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,care_leavers_in_touch_pct
	2024,Reporting year,National,E92000001,England,,,,,,68
	2025,Reporting year,National,E92000001,England,,,,,,70
	2025,Reporting year,Regional,E92000001,England,E12000002,North West,,,,72.5
	2024,Reporting year,Local authority,E92000001,England,E12000002,North West,358,Trafford,E08000009,71
	2025,Reporting year,Local authority,E92000001,England,E12000002,North West,358,Trafford,E08000009,75
	2025,Reporting year,Local authority,E92000001,England,E12000002,North West,357,Tameside,E08000008,60
	2025,Reporting year,Local authority,E92000001,England,E12000002,North West,356,Stockport,E08000007,c
	CSV
}

# the file's judged records, every area compared with England and its region
judged() {
	kpi-ingest "$ALL" | kpi-normalise | kpi-trend | kpi-flag --compare england,region >"$BATS_TEST_TMPDIR/judged.ndjson"
}

# --- kpi-render ---------------------------------------------------------------

@test "kpi-render --each-area: one report per council, named by its code, England and the region none" {
	judged
	mkdir "$OUT"
	run kpi-render -f txt --each-area "$OUT/cpb-{area}.txt" "$BATS_TEST_TMPDIR/judged.ndjson"
	assert_success
	assert_output ""
	run ls -A "$OUT"
	assert_output $'cpb-E08000007.txt\ncpb-E08000008.txt\ncpb-E08000009.txt'
	run head -n 1 "$OUT/cpb-E08000009.txt"
	assert_output "Performance Highlight Report: Trafford"
	# each report holds its own council's records alone
	run grep -c "Care leavers in touch" "$OUT/cpb-E08000008.txt"
	assert_output 1
	run grep -l "75.0%" "$OUT"/*.txt
	assert_output "$OUT/cpb-E08000009.txt"
}

@test "kpi-render --list-areas: the councils --each-area writes, code and name; --area picks by name or code" {
	judged
	run kpi-render --list-areas "$BATS_TEST_TMPDIR/judged.ndjson"
	assert_success
	assert_output $'E08000007\tStockport\nE08000008\tTameside\nE08000009\tTrafford'
	run kpi-render --list-areas --area TRAFFORD --area E08000007 "$BATS_TEST_TMPDIR/judged.ndjson"
	assert_success
	assert_output $'E08000007\tStockport\nE08000009\tTrafford'
	run kpi-render --list-areas --area 'North West' "$BATS_TEST_TMPDIR/judged.ndjson"
	assert_failure 1
	assert_output "kpi-render: --area 'North West': no council of that name or code in the input (councils present: Stockport, Tameside, Trafford)"
}

@test "kpi-render --each-area: a council without a code is said and left out, the others written (exit 1)" {
	judged
	sed -i '/"area":"Tameside"/s/"new_la_code":"E08000008"/"new_la_code":""/; /"area":"Tameside"/s/"old_la_code":"357"/"old_la_code":"X57"/' "$BATS_TEST_TMPDIR/judged.ndjson"
	sed -i '/"area":"Stockport"/s/"new_la_code":"E08000007"/"new_la_code":""/; /"area":"Stockport"/s/"old_la_code":"356"/"old_la_code":""/' "$BATS_TEST_TMPDIR/judged.ndjson"
	mkdir "$OUT"
	run kpi-render --each-area "$OUT/{area}.md" "$BATS_TEST_TMPDIR/judged.ndjson"
	assert_failure 1
	assert_line "kpi-render: $BATS_TEST_TMPDIR/judged.ndjson:3: the council \"Stockport\" has no area code (new_la_code, old_la_code or the like): no report file can be named after it"
	assert_line "kpi-render: $BATS_TEST_TMPDIR/judged.ndjson:4: the council \"Tameside\" has the code \"X57\", which is no ONS or DfE area code: no report file can be named after it"
	[ "${#lines[@]}" -eq 2 ]
	run ls -A "$OUT"
	assert_output "E08000009.md"
}

@test "kpi-render --each-area: a file without geographic_level: every area but England is a council" {
	printf '%s\n' '{"indicator":"care_leavers_in_touch_pct","period":"2025","value":"70","area":"England"}' \
		'{"indicator":"care_leavers_in_touch_pct","period":"2025","value":"75","area":"Trafford","old_la_code":"358"}' \
		| kpi-normalise | kpi-trend | kpi-flag >"$BATS_TEST_TMPDIR/j.ndjson"
	run kpi-render --list-areas "$BATS_TEST_TMPDIR/j.ndjson"
	assert_success
	assert_output $'358\tTrafford'
	# empty input: no council, no report, no error
	run kpi-render --list-areas /dev/null
	assert_success
	assert_output ""
}

@test "kpi-render --each-area: the DfE's older files: geog_l, or a code that is a council's, says which areas are councils" {
	# SFR36-style: geog_l and new_geog_code (England and a region in capitals)
	printf '%s\n' '{"indicator":"care_leavers_in_touch_pct","period":"2014","value":"70","area":"ENGLAND","new_geog_code":"E92000001","geog_l":"NATIONAL","geog_c":"999"}' \
		'{"indicator":"care_leavers_in_touch_pct","period":"2014","value":"72","area":"NORTH WEST","new_geog_code":"E12000002","geog_l":"REGION","geog_c":"B"}' \
		'{"indicator":"care_leavers_in_touch_pct","period":"2014","value":"75","area":"Trafford","new_geog_code":"E08000009","geog_l":"LA","geog_c":"358"}' \
		| kpi-normalise | kpi-trend | kpi-flag >"$BATS_TEST_TMPDIR/j.ndjson"
	run kpi-render --list-areas "$BATS_TEST_TMPDIR/j.ndjson"
	assert_success
	assert_output $'E08000009\tTrafford'
	# KS2-style: no level; la_number holds E, a region's letters or a council's number
	printf '%s\n' '{"indicator":"care_leavers_in_touch_pct","period":"2011","value":"70","area":"England","la_number":"E"}' \
		'{"indicator":"care_leavers_in_touch_pct","period":"2011","value":"72","area":"North East","la_number":"NE"}' \
		'{"indicator":"care_leavers_in_touch_pct","period":"2011","value":"71","area":"Yorks & the Humber","la_number":"YH"}' \
		'{"indicator":"care_leavers_in_touch_pct","period":"2011","value":"75","area":"Hartlepool","la_number":"805"}' \
		'{"indicator":"care_leavers_in_touch_pct","period":"2011","value":"65","area":"Trafford","la_number":"358"}' \
		| kpi-normalise | kpi-trend | kpi-flag --compare england,region >"$BATS_TEST_TMPDIR/k.ndjson"
	run kpi-render --list-areas "$BATS_TEST_TMPDIR/k.ndjson"
	assert_success
	assert_output $'358\tTrafford\n805\tHartlepool'
	# kpi-flag ranks the two councils, not the regions, and finds England
	run bash -c "set -o pipefail; jq -c 'select(.area == \"Trafford\") | [.rank, (.comparators[] | select(.kind == \"england\") | .value)]' '$BATS_TEST_TMPDIR/k.ndjson'"
	assert_output '[{"position":2,"of":2,"quartile":"D"},70]'
	mkdir "$OUT"
	run kpi-render -f txt --each-area "$OUT/{area}.txt" "$BATS_TEST_TMPDIR/k.ndjson"
	assert_success
	run ls -A "$OUT"
	assert_output $'358.txt\n805.txt'
}

@test "kpi-render --list-areas: the real KS2 2007-2011 and SFR36 2014 files: every council, no region" {
	need_shared
	local f n
	for f in KS2_Attainment_2007-2011_LA.csv SFR36_CLA2014.csv; do
		kpi-ingest "$SHARED/data/real/$f" | kpi-normalise 2>/dev/null | kpi-trend >"$BATS_TEST_TMPDIR/s.ndjson"
		run kpi-render --list-areas "$BATS_TEST_TMPDIR/s.ndjson"
		assert_success
		n=${#lines[@]}
		# 152 councils in KS2 (City of London and the Isles of Scilly included), 151 in SFR36
		if [ "$f" = SFR36_CLA2014.csv ]; then [ "$n" -eq 151 ]; else [ "$n" -eq 152 ]; fi
		refute_line --regexp $'\t(North East|NORTH EAST|London|LONDON|England|ENGLAND) *$'
	done
	run kpi-render --list-areas --area Trafford "$BATS_TEST_TMPDIR/s.ndjson"
	assert_output $'E08000009\tTrafford'
}

@test "kpi-render --each-area, --list-areas and --area: usage errors" {
	run kpi-render --each-area out.html /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-render: --each-area: 'out.html' has no {area} to replace"
	run kpi-render --each-area '{area}.html' -o x.html /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-render: --each-area and --output both name where the report goes"
	run kpi-render --each-area '{area}.html' --each-as-at '{as_at}.html' /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-render: --each-area and --each-as-at both name where the report goes"
	run kpi-render --list-areas --each-area '{area}.html' /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-render: --list-areas writes no report: not with --each-area"
	run kpi-render --area Trafford /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-render: --area is for --each-area and --list-areas"
}

@test "kpi-render: the table shows the comparators kpi-flag --compare wrote, within 80 columns in text" {
	judged
	run bash -c "set -o pipefail; grep '\"area\":\"Trafford\"' '$BATS_TEST_TMPDIR/judged.ndjson' | kpi-render --full | grep '^|'"
	assert_success
	assert_line --index 0 "| Indicator | Latest (2024/25) | Previous | Change | Range over 2 years | Target | RAG | North West | England | Quartile (rank) | Trend |"
	assert_line --index 2 "| Care leavers in touch | 75.0% | 71.0% | +4.0pp | 71.0% – 75.0% | - | - | 72.5% | 70.0% ↑ +5.0pp | A (1 of 2) | ▁█ |"
	run bash -c "set -o pipefail; grep '\"area\":\"Trafford\"' '$BATS_TEST_TMPDIR/judged.ndjson' | kpi-render --full -f txt | awk 'length > 80' | wc -l"
	assert_output 0
	# without --compare: no comparator columns
	run bash -c "set -o pipefail; kpi-ingest '$ALL' | kpi-normalise | kpi-trend | kpi-flag | grep '\"area\":\"Trafford\"' | kpi-render --full | grep '^| Indicator'"
	assert_output "| Indicator | Latest (2024/25) | Previous | Change | Range over 2 years | Target | RAG | England | Trend |"
}

# --- kpi-regenerate --------------------------------------------------------------

@test "regenerate --each-area: every council's report, whole, a summary line; up to date the next time" {
	need_tools
	run regenerate --type $TYPE --each-area --compare england,region -j 2 -o "$OUT" "$ALL"
	assert_success
	assert_output --regexp "^regenerate: 3 reports written to $OUT, 0 skipped \(up to date\), in [0-9]+\.[0-9] s\$"
	run ls -A "$OUT"
	assert_output "$(printf "$TYPE-%s.html\n" E08000007 E08000008 E08000009)"
	assert_whole_reports "$OUT"
	run grep -c "Highlight Report for Children&#39;s Services Corporate Parenting Board: Trafford" "$OUT/$TYPE-E08000009.html"
	assert_output 2
	# the comparators reach the report: the region's column and the rank
	run grep -o "<th[^>]*>North West</th>" "$OUT/$TYPE-E08000009.html"
	assert_success
	run grep -c "A (1 of 2)" "$OUT/$TYPE-E08000009.html"
	assert_output 1
	run regenerate --type $TYPE --each-area --compare england,region -o "$OUT" "$ALL"
	assert_success
	assert_output --regexp "^regenerate: 0 reports written to $OUT, 3 skipped \(up to date\), in [0-9]+\.[0-9] s\$"
	touch "$ALL"
	run regenerate --type $TYPE --each-area --area Tameside --compare england,region -o "$OUT" "$ALL"
	assert_output --regexp "^regenerate: 1 report written to $OUT, 0 skipped \(up to date\), in "
	run regenerate --type $TYPE --each-area --force -q -o "$OUT" "$ALL"
	assert_success
	assert_output ""
}

@test "regenerate --list-areas: code and name of every council; --area picks" {
	need_tools
	run regenerate --type $TYPE --list-areas "$ALL"
	assert_success
	assert_output $'E08000007\tStockport\nE08000008\tTameside\nE08000009\tTrafford'
	run regenerate --type $TYPE --list-areas --area stockport "$ALL"
	assert_success
	assert_output $'E08000007\tStockport'
	run regenerate --type $TYPE --list-areas --area Nowhere "$ALL"
	assert_failure 1
	assert_output "kpi-render: --area 'Nowhere': no council of that name or code in the input (councils present: Stockport, Tameside, Trafford)"
}

@test "regenerate --each-area: a council whose report fails stops no other, and the status is 1" {
	need_tools
	# Tameside's codes are not codes: no file can be named after it
	sed -i 's/,357,Tameside,E08000008,/,X57,Tameside,,/' "$ALL"
	run regenerate --type $TYPE --each-area -o "$OUT" "$ALL"
	assert_failure 1
	assert_line --index 0 --regexp "^kpi-render: .*judged.ndjson:[0-9]+: the council \"Tameside\" has the code \"X57\", which is no ONS or DfE area code: no report file can be named after it\$"
	assert_line --index 1 "regenerate: 1 report failed; the others are in $OUT"
	assert_line --index 2 --regexp "^regenerate: 2 reports written to $OUT, 0 skipped \(up to date\), in "
	run ls -A "$OUT"
	assert_output "$(printf "$TYPE-%s.html\n" E08000007 E08000009)"
}

@test "regenerate --each-area: usage errors" {
	run regenerate --type $TYPE --each-area "$ALL"
	assert_failure 2
	assert_output "regenerate: -o OUTDIR is required (try --help)"
	run regenerate --type $TYPE --each-area --from 2024-01 --to 2024-02 -o "$OUT" "$ALL"
	assert_failure 2
	assert_output "regenerate: --each-area writes each council as at its latest period (or --as-at), not --from/--to"
	run regenerate --type $TYPE --each-area --list-areas -o "$OUT" "$ALL"
	assert_failure 2
	assert_output "regenerate: --each-area and --list-areas: one or the other"
	run regenerate --type $TYPE --each-area --narrative /dev/null -o "$OUT" "$ALL"
	assert_failure 2
	assert_output "regenerate: --narrative is one council's: not with --each-area"
	run regenerate --type $TYPE --from 2024-01 --to 2024-02 --area A --area B -o "$OUT" "$ALL"
	assert_failure 2
	assert_output "regenerate: --area names one council, except with --each-area or --list-areas"
	run regenerate --type $TYPE --from 2024-01 --to 2024-02 --as-at 2024 -o "$OUT" "$ALL"
	assert_failure 2
	assert_output "regenerate: --as-at is for --each-area (the months are --from/--to)"
	[ ! -e "$OUT" ]
}

@test "on a terminal regenerate --each-area shows its progress, then a summary" {
	need_tools
	command -v script >/dev/null || skip "script (util-linux) is not installed"
	run script -qec "regenerate --type $TYPE --each-area -j 3 -o '$OUT' '$ALL'" /dev/null
	assert_success
	assert_output --partial "regenerate: 3/3 reports"
	assert_output --partial "regenerate: 3 reports written to $OUT, 0 skipped (up to date), in "
}

# Scaling out (issue 19): the councils listed, one --each-area batch of them
# per job, GNU parallel the scheduler; ":" in the sshloginfile is the local
# machine, so the test runs no ssh.
@test "regenerate --each-area spread by GNU parallel --sshloginfile: every council once" {
	need_tools
	if ! command -v parallel >/dev/null; then
		[ -z "${CI:-}" ] || fail "GNU parallel is not installed (scripts/install-deps installs it)"
		skip "GNU parallel is not installed (Debian: parallel)"
	fi
	echo : >"$BATS_TEST_TMPDIR/hosts"
	run bash -c "set -o pipefail; regenerate --type $TYPE --list-areas '$ALL' | cut -f 1 \
		| parallel --will-cite -N 2 --sshloginfile '$BATS_TEST_TMPDIR/hosts' \
			regenerate --type $TYPE --each-area -q -j 1 -o '$OUT' --area={} '$ALL'"
	assert_success
	assert_output ""
	run ls -A "$OUT"
	assert_output "$(printf "$TYPE-%s.html\n" E08000007 E08000008 E08000009)"
	assert_whole_reports "$OUT"
}

# Done when (issue 15): a report for every council of the real file.
@test "regenerate --each-area: a report for every council of cla_number_and_rate_per_10k_children.csv" {
	need_shared
	need_tools
	local real="$SHARED/data/real"
	run regenerate --type $TYPE --each-area --compare england,region,neighbours \
		--neighbours "$real/sn_model_2025_wide.csv" -q -o "$OUT" "$real/cla_number_and_rate_per_10k_children.csv"
	assert_success
	# the councils of the file: its Local authority rows' codes
	local want
	want=$(python3 -c 'import csv, sys; print(len({r["new_la_code"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")) if r["geographic_level"] == "Local authority"}))' \
		"$real/cla_number_and_rate_per_10k_children.csv")
	[ "$want" -gt 150 ]
	run bash -c "ls '$OUT' | wc -l"
	assert_output "$want"
	assert_whole_reports "$OUT"
	# the neighbours' column in Trafford's tables
	run grep -q "<th[^>]*>Stat. neighbours</th>" "$OUT/$TYPE-E08000009.html"
	assert_success
}

@test "regenerate --each-area --as-at PERIOD: the councils with data then, as at then" {
	need_tools
	run regenerate --type $TYPE --each-area --as-at 2023/24 -o "$OUT" "$ALL"
	assert_success
	# only Trafford has a figure by 2023/24
	run ls -A "$OUT"
	assert_output "$TYPE-E08000009.html"
	run grep -c "as at 31 March 2024" "$OUT/$TYPE-E08000009.html"
	assert_output 1
}

@test "regenerate --each-area --docx: each council's report as Word too, read back by pandoc" {
	need_tools
	command -v pandoc >/dev/null && command -v rsvg-convert >/dev/null ||
		skip "no pandoc or rsvg-convert: Word test skipped (scripts/install-deps installs pandoc and librsvg2-bin)"
	run regenerate --type $TYPE --each-area --docx --area Trafford --area Tameside -o "$OUT" "$ALL"
	assert_success
	run ls -A "$OUT"
	assert_output "$(printf "$TYPE-%s\n" E08000008.docx E08000008.html E08000009.docx E08000009.html)"
	run bash -c "set -o pipefail; pandoc -f docx -t plain --wrap=none '$OUT/$TYPE-E08000009.docx' | head -n 1"
	assert_output "Highlight Report for Children's Services Corporate Parenting Board: Trafford"
}
