#!/usr/bin/env bats
# Council code changes and reorganisations (issue 17, item 5): the shipped
# share/la-changes.csv, kpi-normalise --la-changes FILE and --no-la-changes,
# the file's errors, and the real DfE files that hold the councils named in
# the issue, series by series.
load helper
bats_require_minimum_version 1.5.0

setup() {
	unset KPI_CATALOGUE
	T="$BATS_TEST_TMPDIR"
	HEADER='change,date,from_code,from_la_code,from_name,to_code,to_la_code,to_name,from_area'
	# the DfE's rows of Dorset county (2019) and Dorset Council (2020), c1 file
	COUNTY='{"indicator":"referral_count","period":"2019","value":"3702","area":"Dorset","time_identifier":"Reporting year","old_la_code":"835","new_la_code":"E10000009","la_name":"Dorset","source":"c1.csv:1000"}'
	UNITARY='{"indicator":"referral_count","period":"2020","value":"2794","area":"Dorset","time_identifier":"Reporting year","old_la_code":"838","new_la_code":"E06000059","la_name":"Dorset","source":"c1.csv:900"}'
	printf '%s\n%s\n' "$COUNTY" "$UNITARY" >"$T/dorset.ndjson"
}

# areas FILE [OPTION...]: the area and period of each typed record
areas() {
	local f=$1
	shift
	kpi-normalise "$@" "$f" | jq -r '[.area, .period] | @tsv'
}

@test "the shipped lookup: Dorset county's series apart from Dorset Council's, la_name as written" {
	run areas "$T/dorset.ndjson"
	assert_success
	assert_output "$(printf 'Dorset County Council\t2018/19\nDorset\t2019/20')"
	run bash -c "set -o pipefail; kpi-normalise '$T/dorset.ndjson' | jq -r .la_name"
	assert_output "$(printf 'Dorset\nDorset')"
}

@test "--no-la-changes: the area as written (the two Dorsets one series)" {
	run areas "$T/dorset.ndjson" --no-la-changes
	assert_success
	assert_output "$(printf 'Dorset\t2018/19\nDorset\t2019/20')"
}

@test "a second pass through kpi-normalise changes nothing" {
	kpi-normalise "$T/dorset.ndjson" >"$T/once.ndjson"
	run kpi-normalise "$T/once.ndjson"
	assert_success
	assert_output "$(cat "$T/once.ndjson")"
}

@test "an area written as an earlier code becomes the current code; a name stays" {
	# Barnsley's code changed on 2025-04-01
	printf '%s\n' '{"indicator":"cla_count","period":"2024","value":"1","area":"E08000016"}' \
		'{"indicator":"cla_count","period":"2025","value":"2","area":"E08000038"}' \
		'{"indicator":"cla_count","period":"2024","value":"1","area":"Barnsley","new_la_code":"E08000016"}' >"$T/codes.ndjson"
	run areas "$T/codes.ndjson"
	assert_success
	assert_output "$(printf 'E08000038\t2024\nE08000038\t2025\nBarnsley\t2024')"
}

@test "an earlier code written for a period after it changed stays as written (made-up codes)" {
	# the benchmarks' areas E06000001... hold E06000048 and E06000057 as two
	# areas, Northumberland's codes before and after 2013: figures from 2015 on
	printf '%s\n' '{"indicator":"cla_count","period":"2015-04","value":"1","area":"E06000048"}' \
		'{"indicator":"cla_count","period":"2015-04","value":"2","area":"E06000057"}' \
		'{"indicator":"cla_count","period":"2013-03","value":"3","area":"E06000048"}' >"$T/made-up.ndjson"
	run areas "$T/made-up.ndjson"
	assert_success
	assert_output "$(printf 'E06000048\t2015-04\nE06000057\t2015-04\nE06000057\t2013-03')"
}

@test "the duplicate check sees the area kpi-normalise writes" {
	# the county and the unitary council in one period are two councils, not a duplicate
	sed 's/"period":"2020"/"period":"2019"/; s/"2794"/"1"/' <<<"$UNITARY" >"$T/same-period.ndjson"
	printf '%s\n' "$COUNTY" >>"$T/same-period.ndjson"
	run areas "$T/same-period.ndjson"
	assert_success
	assert_output "$(printf 'Dorset\t2018/19\nDorset County Council\t2018/19')"
	run -1 kpi-normalise --no-la-changes "$T/same-period.ndjson"
	assert_output --partial "kpi-normalise: c1.csv:1000: duplicate of c1.csv:900 (referrals_count, period 2018/19)"
}

@test "--la-changes FILE: a council's own rows over the shipped ones (BOM, CRLF, comments)" {
	printf '\357\273\277# our names\r\n%s,source\r\nreorganisation,2019-04-01,E10000009,835,Dorset,E06000059,838,Dorset,Dorset (county),us\r\n' \
		"$HEADER" >"$T/ours.csv"
	run areas "$T/dorset.ndjson" --la-changes "$T/ours.csv"
	assert_success
	assert_output "$(printf 'Dorset (county)\t2018/19\nDorset\t2019/20')"
	# without the shipped file, only the council's
	run areas "$T/dorset.ndjson" --no-la-changes --la-changes "$T/ours.csv"
	assert_output "$(printf 'Dorset (county)\t2018/19\nDorset\t2019/20')"
}

@test "--la-changes is repeatable: a later file wins for the councils it names" {
	printf '%s\nreorganisation,2019-04-01,E10000009,835,Dorset,E06000059,838,Dorset,First\n' "$HEADER" >"$T/a.csv"
	printf '%s\nreorganisation,2019-04-01,E10000009,835,Dorset,E06000059,838,Dorset,Second\n' "$HEADER" >"$T/b.csv"
	run areas "$T/dorset.ndjson" --la-changes "$T/a.csv" --la-changes "$T/b.csv"
	assert_success
	assert_output "$(printf 'Second\t2018/19\nDorset\t2019/20')"
	run areas "$T/dorset.ndjson" --la-changes "$T/b.csv" --la-changes "$T/a.csv"
	assert_output "$(printf 'First\t2018/19\nDorset\t2019/20')"
}

@test "--la-changes: a bad row names FILE:LINE, exit 1, nothing written" {
	printf '# ours\n%s\nreorganisation,2019-04-01,E10000009,835,Dorset,E06000059,838,Dorset,\n' "$HEADER" >"$T/bad.csv"
	run -1 kpi-normalise --la-changes "$T/bad.csv" "$T/dorset.ndjson"
	assert_output "kpi-normalise: $T/bad.csv:3: from_name and to_name are both 'Dorset': give the predecessor's series a name of its own in from_area"
	printf '%s\ncode,2020-04-01,E10000002,825,Bucks,E06000060,825,Bucks,\ncode,2020-04-01,E10000002,825,Bucks,E06000060,825,Bucks,\n' "$HEADER" >"$T/dup.csv"
	run -1 kpi-normalise --la-changes "$T/dup.csv" "$T/dorset.ndjson"
	assert_output "kpi-normalise: $T/dup.csv:3: repeats line 2 (E10000002 to E06000060)"
	printf '%s\ncode,2020-04-01,E10000002,825,Bucks,E0600006,825,Bucks,\n' "$HEADER" >"$T/code.csv"
	run -1 kpi-normalise --la-changes "$T/code.csv" "$T/dorset.ndjson"
	assert_output "kpi-normalise: $T/code.csv:2: to_code 'E0600006' is not a 9-character ONS code (a capital letter and 8 digits: E06000059)"
	printf 'change,date,from_code\r\n' >"$T/cols.csv"
	run -1 kpi-normalise --la-changes "$T/cols.csv" "$T/dorset.ndjson"
	assert_output "kpi-normalise: $T/cols.csv:1: la-changes file has no 'from_la_code' column (needs change,date,from_code,from_la_code,from_name,to_code,to_la_code,to_name)"
	printf '%s\ncode,2020-04-01,E10000002,825,Bucks\xff,E06000060,825,Bucks,\n' "$HEADER" >"$T/utf8.csv"
	run -1 kpi-normalise --la-changes "$T/utf8.csv" "$T/dorset.ndjson"
	assert_output --regexp "^kpi-normalise: $T/utf8.csv:2: invalid UTF-8"
}

@test "--la-changes: an empty file, or one of comments only, is bad data" {
	: >"$T/empty.csv"
	run -1 kpi-normalise --la-changes "$T/empty.csv" "$T/dorset.ndjson"
	assert_output "kpi-normalise: $T/empty.csv: la-changes file is empty (needs a header change,date,from_code,from_la_code,from_name,to_code,to_la_code,to_name)"
	printf '\357\273\277# nothing yet\r\n\r\n' >"$T/comments.csv"
	run -1 kpi-normalise --la-changes "$T/comments.csv" "$T/dorset.ndjson"
	assert_output "kpi-normalise: $T/comments.csv: la-changes file is empty (needs a header change,date,from_code,from_la_code,from_name,to_code,to_la_code,to_name)"
	# a header and no rows: no changes of the council's own
	printf '%s\n' "$HEADER" >"$T/header.csv"
	run areas "$T/dorset.ndjson" --la-changes "$T/header.csv"
	assert_success
	assert_output "$(printf 'Dorset County Council\t2018/19\nDorset\t2019/20')"
}

@test "--la-changes: an unreadable file, or a missing shipped one, is exit 2" {
	run -2 kpi-normalise --la-changes "$T/none.csv" "$T/dorset.ndjson"
	assert_output "kpi-normalise: $T/none.csv: No such file or directory"
	mkdir "$T/share"
	cp "$REPO/share/catalogue.csv" "$T/share/"
	run -2 env KPI_DATADIR="$T/share" kpi-normalise "$T/dorset.ndjson"
	assert_output "kpi-normalise: $T/share/la-changes.csv: No such file or directory"
	run env KPI_DATADIR="$T/share" kpi-normalise --no-la-changes "$T/dorset.ndjson"
	assert_success
	run -2 kpi-normalise --la-changes
	assert_output --partial "requires an argument"
}

@test "--rejects refuses a --la-changes file (it would be emptied)" {
	printf '%s\n' "$HEADER" >"$T/ours.csv"
	run -2 kpi-normalise --rejects "$T/ours.csv" --la-changes "$T/ours.csv" "$T/dorset.ndjson"
	assert_output "kpi-normalise: --rejects $T/ours.csv: that file is also an input ($T/ours.csv); writing the rejects would empty it before it is read"
	[ -s "$T/ours.csv" ]
}

@test "--help names --la-changes and --no-la-changes" {
	run kpi-normalise --help
	assert_output --partial "--la-changes FILE    council code changes and reorganisations"
	assert_output --partial "--no-la-changes      leave out the installed la-changes.csv"
}

@test "the shipped la-changes.csv loads, names its sources and gives every row one" {
	run kpi-normalise --la-changes "$REPO/share/la-changes.csv" "$T/dorset.ndjson"
	assert_success
	grep -q '^# Sources:' "$REPO/share/la-changes.csv"
	# every row has a source (the last column, not empty)
	run awk -F, '!/^#/ && NR > 1 && $NF == "" && !/"$/' "$REPO/share/la-changes.csv"
	assert_output ''
}

# series FILE INDICATOR: area, first period, last period and points with a
# value of each named council's series of INDICATOR, through the pipeline
series() {
	kpi-ingest "$SHARED/data/real/$1" | kpi-normalise 2>/dev/null | kpi-trend |
		jq -r --arg i "$2" 'select(.indicator == $i and (.area | test("^(Barnsley|Sheffield|Dorset|Dorset County Council|Bournemouth|Poole|Bournemouth, Christchurch and Poole|Northamptonshire|North Northamptonshire|West Northamptonshire|North Northamptonshire / West Northamptonshire|Cumbria|Cumberland|Westmorland and Furness|Buckinghamshire|North Yorkshire|Somerset)$"))) | [.area, .first_period, .period, ([.history[] | select(.value != null)] | length)] | @csv'
}

# the same councils in the referrals and the child-protection files (2013-2025)
CIN_SERIES='"Barnsley","2012/13","2024/25",13
"Bournemouth","2012/13","2018/19",7
"Bournemouth, Christchurch and Poole","2019/20","2024/25",6
"Buckinghamshire","2012/13","2024/25",13
"Cumberland","2023/24","2024/25",2
"Cumbria","2012/13","2022/23",11
"Dorset","2019/20","2024/25",6
"Dorset County Council","2012/13","2018/19",7
"North Northamptonshire","2021/22","2024/25",4
"North Yorkshire","2012/13","2024/25",13
"Northamptonshire","2012/13","2020/21",9
"Poole","2012/13","2018/19",7
"Sheffield","2012/13","2024/25",13
"Somerset","2012/13","2024/25",13
"West Northamptonshire","2021/22","2024/25",4
"Westmorland and Furness","2023/24","2024/25",2'

@test "real: referrals (c1): Buckinghamshire, North Yorkshire, Somerset one series each; the reorganised apart" {
	need_shared
	# Buckinghamshire E10000002 to 2020 and E06000060 from 2021, 825 throughout;
	# Dorset 835/E10000009 to 2019, 838/E06000059 from 2020 (the file's lines)
	run series c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv referrals_count
	assert_success
	assert_output "$CIN_SERIES"
}

@test "real: repeat child-protection plans (d3): the same series" {
	need_shared
	run series d3_cpps_subsequent_plan_2013_to_2025.csv cp_plans_second_time_pct
	assert_success
	assert_output "$CIN_SERIES"
}

@test "real: workforce (csww): Barnsley and Sheffield one series each over their 2025 codes" {
	need_shared
	# Barnsley E08000016 to 2024, E08000038 in 2025; the two Northamptonshires
	# are one row of the file ("North Northamptonshire / West Northamptonshire")
	run series csww_indicators_2017_to_2025.csv sw_fte_count
	assert_success
	assert_output '"Barnsley","2017-09-30","2025-09-30",9
"Bournemouth","2017-09-30","2018-09-30",2
"Bournemouth, Christchurch and Poole","2019-09-30","2025-09-30",7
"Buckinghamshire","2017-09-30","2025-09-30",9
"Cumberland","2023-09-30","2025-09-30",3
"Cumbria","2017-09-30","2022-09-30",6
"Dorset","2019-09-30","2025-09-30",7
"Dorset County Council","2017-09-30","2018-09-30",2
"North Northamptonshire / West Northamptonshire","2021-09-30","2025-09-30",5
"North Yorkshire","2017-09-30","2025-09-30",9
"Northamptonshire","2017-09-30","2020-09-30",4
"Poole","2017-09-30","2018-09-30",2
"Sheffield","2017-09-30","2025-09-30",9
"Somerset","2017-09-30","2025-09-30",9
"Westmorland and Furness","2023-09-30","2025-09-30",3'
}

@test "real: every indicator of the three files has one series per council, no more" {
	need_shared
	local f
	for f in c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv \
		d3_cpps_subsequent_plan_2013_to_2025.csv csww_indicators_2017_to_2025.csv; do
		kpi-ingest "$SHARED/data/real/$f" | kpi-normalise 2>/dev/null | kpi-trend >"$T/s.ndjson"
		# series per indicator and area: each exactly one
		run jq -r '[.indicator, .area, (.breakdown | tostring)] | @tsv' "$T/s.ndjson"
		[ -z "$(printf '%s\n' "$output" | sort | uniq -d)" ] || { echo "$f: a series twice"; return 1; }
		# the Dorsets: two areas in every indicator
		run jq -r 'select(.area | test("^Dorset")) | .area' "$T/s.ndjson"
		[ "$(printf '%s\n' "$output" | sort -u | tr '\n' '|')" = 'Dorset|Dorset County Council|' ] ||
			{ echo "$f: $output"; return 1; }
	done
}

@test "real: kpi-flag says a reorganised council's reporting ended" {
	need_shared
	run bash -c "set -o pipefail; kpi-ingest '$SHARED/data/real/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv' |
		kpi-normalise 2>/dev/null | kpi-trend | kpi-flag --compare england,region |
		jq -r 'select(.indicator == \"rereferrals_12m_pct\" and (.reasons | index(\"reporting_ended\"))) | [.area, .period] | @tsv'"
	assert_success
	assert_output "$(printf 'Bournemouth\t2018/19\nCumbria\t2022/23\nDorset County Council\t2018/19\nNorthamptonshire\t2020/21\nPoole\t2018/19')"
}

@test "real: without the lookup the two Dorsets are one series (what the lookup mends)" {
	need_shared
	run bash -c "set -o pipefail; kpi-ingest '$SHARED/data/real/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv' |
		kpi-normalise --no-la-changes 2>/dev/null | kpi-trend |
		jq -r 'select(.indicator == \"referrals_count\" and (.area | test(\"^Dorset\"))) | [.area, .first_period, .period] | @tsv'"
	assert_success
	assert_output "$(printf 'Dorset\t2012/13\t2024/25')"
}
