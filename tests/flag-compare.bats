#!/usr/bin/env bats
# kpi-flag --compare england,region,neighbours --neighbours FILE: comparators
# and rank (issue 15; contract §4a; methods.md D, D.2 and F), the right
# pairing of benchmark values, and counts never compared across areas.
load helper

# The children-in-care file judged against England, its region and its
# statistical neighbours, with a council catalogue that marks the rate
# lower_is_better: made once for the file (three tests read it, each
# checking its own figures), its status kept for each to check.
setup_file() {
	local real="$SHARED/data/real" status=0
	[ -d "$real" ] || return 0
	sed '/^cla_rate_per_10k,/s/,rate_per_10k,neutral,/,rate_per_10k,lower_is_better,/' "$REPO/share/catalogue.csv" \
		>"$BATS_FILE_TMPDIR/cat.csv"
	kpi-ingest "$real/cla_number_and_rate_per_10k_children.csv" | kpi-normalise -c "$BATS_FILE_TMPDIR/cat.csv" 2>/dev/null \
		| kpi-trend | kpi-flag --compare england,region,neighbours --neighbours "$real/sn_model_2025_wide.csv" \
		>"$BATS_FILE_TMPDIR/cla-compared.ndjson" 2>"$BATS_FILE_TMPDIR/cla-compared.err" || status=$?
	echo "$status" >"$BATS_FILE_TMPDIR/cla-compared.status"
}

# cla_compared: the file setup_file judged (kpi-ingest | kpi-normalise -c
# CATALOGUE | kpi-trend | kpi-flag --compare england,region,neighbours),
# after the pipeline succeeded
cla_compared() {
	[ "$(cat "$BATS_FILE_TMPDIR/cla-compared.status")" = 0 ] ||
		fail "the pipeline failed (exit $(cat "$BATS_FILE_TMPDIR/cla-compared.status")): $(cat "$BATS_FILE_TMPDIR/cla-compared.err")"
	COMPARED="$BATS_FILE_TMPDIR/cla-compared.ndjson"
}

# the repro of issue 15: England's agency rate, not its vacancy rate
@test "compare: --benchmark-area takes the same indicator and breakdown (13, not 14.2)" {
	run bash -c "set -o pipefail; printf 'indicator,period,area,breakdown,value\nsw_agency_rate_pct,2025,England,Total,13\nsw_vacancy_rate_pct,2025,England,Total,14.2\nsw_agency_rate_pct,2025,Trafford,Total,29\n' \
		| kpi-ingest -f csv | kpi-normalise | kpi-trend | kpi-flag --benchmark-area England | jq -c 'select(.area == \"Trafford\") | .benchmark.value'"
	assert_success
	assert_output 13
}

@test "compare: benchmark pairing by breakdown, several indicators, area names in any case" {
	cat >"$BATS_TEST_TMPDIR/b.csv" <<-'CSV'
	indicator,period,area,breakdown,value
	care_leavers_in_touch_pct,2025,ENGLAND,19 to 21,88
	care_leavers_in_touch_pct,2025,england,17 to 18,91
	sw_vacancy_rate_pct,2025,England,,14.2
	sw_agency_rate_pct,2024,England,,12
	sw_agency_rate_pct,2026,England,,15
	care_leavers_in_touch_pct,2025,Trafford,17 to 18,95
	care_leavers_in_touch_pct,2025,Trafford,19 to 21,80
	sw_agency_rate_pct,2025,Trafford,,29
	CSV
	run bash -c "set -o pipefail; kpi-ingest '$BATS_TEST_TMPDIR/b.csv' | kpi-normalise | kpi-trend \
		| kpi-flag --benchmark-area England | jq -c 'select(.area == \"Trafford\") | [.indicator, .breakdown, .benchmark.period, .benchmark.value]'"
	assert_success
	assert_line '["care_leavers_in_touch_pct","17 to 18","2025",91]'
	assert_line '["care_leavers_in_touch_pct","19 to 21","2025",88]'
	# the latest England period not after the council's: 2024, never 2026
	assert_line '["sw_agency_rate_pct",null,"2024",12]'
	[ "${#lines[@]}" -eq 3 ]
}

@test "compare: an absent benchmark or comparator area is an error naming the areas present" {
	printf 'indicator,period,area,value\ncla_rate_per_10k,2025,Trafford,62\ncla_rate_per_10k,2025,England,67\n' >"$BATS_TEST_TMPDIR/a.csv"
	kpi-ingest "$BATS_TEST_TMPDIR/a.csv" | kpi-normalise | kpi-trend >"$BATS_TEST_TMPDIR/a.ndjson"
	run kpi-flag --benchmark-area Nowhere "$BATS_TEST_TMPDIR/a.ndjson"
	assert_failure 1
	assert_output "kpi-flag: --benchmark-area: no series of 'Nowhere' in the input (areas present: England, Trafford)"
	# a benchmarks file without the area: the same error, naming the file's areas
	printf 'indicator,area,period,value\ncla_rate_per_10k,England,2025,67\ncla_rate_per_10k,north west,2025,90\ncla_rate_per_10k,ENGLAND,2024,70\n' >"$BATS_TEST_TMPDIR/b.csv"
	run kpi-flag --benchmarks "$BATS_TEST_TMPDIR/b.csv" --benchmark-area Nowhere "$BATS_TEST_TMPDIR/a.ndjson"
	assert_failure 1
	assert_output "kpi-flag: --benchmark-area: no row of 'Nowhere' in $BATS_TEST_TMPDIR/b.csv (areas present: England, north west)"
	run kpi-flag --benchmarks default --benchmark-area Wales "$BATS_TEST_TMPDIR/a.ndjson"
	assert_failure 1
	assert_output "kpi-flag: --benchmark-area: no row of 'Wales' in $KPI_DATADIR/england-benchmarks.csv (areas present: England)"
	# in any case and spacing, it is there
	run bash -c "set -o pipefail; kpi-flag --benchmarks '$BATS_TEST_TMPDIR/b.csv' --benchmark-area NorthWest '$BATS_TEST_TMPDIR/a.ndjson' | jq -c 'select(.area == \"Trafford\") | .benchmark.value'"
	assert_success
	assert_output 90
	run kpi-flag --compare region "$BATS_TEST_TMPDIR/a.ndjson"
	assert_failure 1
	assert_output "kpi-flag: --compare region: no series of a region (geographic_level Regional) in the input (areas present: England, Trafford)"
}

@test "compare: usage errors of --compare and --neighbours" {
	run kpi-flag --compare wales /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-flag: --compare: 'wales' is not a comma list of england, region and neighbours"
	run kpi-flag --compare england, /dev/null
	assert_failure 2
	run kpi-flag --compare neighbours /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-flag: --compare neighbours needs --neighbours FILE (the DfE statistical-neighbour model)"
	run kpi-flag --neighbours /dev/null /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-flag: --neighbours is for --compare neighbours"
	printf 'old_la_code,la_name,SN_1\nabc,X,301\n' >"$BATS_TEST_TMPDIR/sn.csv"
	run kpi-flag --compare neighbours --neighbours "$BATS_TEST_TMPDIR/sn.csv" /dev/null
	assert_failure 1
	assert_output "kpi-flag: $BATS_TEST_TMPDIR/sn.csv:2: old_la_code 'abc' is not a 3-digit council code"
}

# A small all-council file: England, two regions, four councils; neighbours by code.
small() {
	# raw observations as kpi-ingest writes them from a DfE file
	cat >"$BATS_TEST_TMPDIR/all.raw" <<-'NDJSON'
	{"indicator":"care_leavers_in_touch_pct","period":"2025","value":"70","area":"England","geographic_level":"National","region_name":"","old_la_code":""}
	{"indicator":"care_leavers_in_touch_pct","period":"2025","value":"72.5","area":"North West","geographic_level":"Regional","region_name":"North West","old_la_code":""}
	{"indicator":"care_leavers_in_touch_pct","period":"2025","value":"75","area":"Trafford","geographic_level":"Local authority","region_name":"North West","old_la_code":"358"}
	{"indicator":"care_leavers_in_touch_pct","period":"2025","value":"60","area":"Tameside","geographic_level":"Local authority","region_name":"North West","old_la_code":"357"}
	{"indicator":"care_leavers_in_touch_pct","period":"2025","value":"c","area":"Stockport","geographic_level":"Local authority","region_name":"North West","old_la_code":"356"}
	{"indicator":"care_leavers_in_touch_pct","period":"2025","value":"low","area":"Salford","geographic_level":"Local authority","region_name":"North West","old_la_code":"355"}
	{"indicator":"cla_count","period":"2025","value":"81770","area":"England","geographic_level":"National","region_name":"","old_la_code":""}
	{"indicator":"cla_count","period":"2025","value":"400","area":"Trafford","geographic_level":"Local authority","region_name":"North West","old_la_code":"358"}
	NDJSON
	cat >"$BATS_TEST_TMPDIR/sn.csv" <<-'CSV'
	old_la_code,la_name,SN_1,SN_1P,SN_2,SN_2P,SN_3,SN_3P
	358,Trafford,357,Close,356,Close,355,Close
	357,Tameside,358,Close,,,,
	CSV
	kpi-normalise "$BATS_TEST_TMPDIR/all.raw" | kpi-trend >"$BATS_TEST_TMPDIR/all.ndjson"
}

@test "compare: comparators by value (D.2), the neighbour mean leaving out suppressed, rank with rounds-to-zero lowest" {
	small
	run bash -c "set -o pipefail; kpi-flag --compare england,region,neighbours --neighbours '$BATS_TEST_TMPDIR/sn.csv' '$BATS_TEST_TMPDIR/all.ndjson' \
		| jq -c 'select(.area == \"Trafford\" or .area == \"England\") | [.area, .indicator, .comparators, .rank]'"
	assert_success
	# neighbours 357 (60) and 355 (low: 0); 356 suppressed is left out; n 2
	assert_line '["Trafford","care_leavers_in_touch_pct",[{"kind":"neighbours","area":"statistical neighbours","period":"2025","value":30,"n":2,"comparison":"better","method":"value"},{"kind":"region","area":"North West","period":"2025","value":72.5,"n":null,"comparison":"better","method":"value"},{"kind":"england","area":"England","period":"2025","value":70,"n":null,"comparison":"better","method":"value"}],{"position":1,"of":3,"quartile":"A"}]'
	# a count: not compared, no rank
	assert_line '["Trafford","cla_count",[{"kind":"neighbours","area":"statistical neighbours","period":null,"value":null,"n":0,"comparison":"not_compared","method":null},{"kind":"region","area":"North West","period":null,"value":null,"n":null,"comparison":"not_compared","method":null},{"kind":"england","area":"England","period":"2025","value":81770,"n":null,"comparison":"not_compared","method":null}],null]'
	# England is the comparator, not compared
	assert_line '["England","care_leavers_in_touch_pct",[],null]'
}

@test "compare: a count is never judged against England's total, unless the catalogue marks it comparable" {
	small
	run bash -c "set -o pipefail; kpi-flag --benchmark-area England '$BATS_TEST_TMPDIR/all.ndjson' | jq -c 'select(.area == \"Trafford\" and .indicator == \"cla_count\") | [.benchmark.comparison, .flags]'"
	assert_success
	assert_output '["not_compared",["reporting_commenced"]]'
	sed 's/^cla_count,\(.*\),count,neutral,/cla_count,\1,count,higher_is_better,/' "$REPO/share/catalogue.csv" >"$BATS_TEST_TMPDIR/cat.csv"
	sed -i '1s/$/,comparable/; 2,$s/$/,/; /^cla_count,/s/,$/,yes/' "$BATS_TEST_TMPDIR/cat.csv"
	run bash -c "set -o pipefail; kpi-normalise -c '$BATS_TEST_TMPDIR/cat.csv' '$BATS_TEST_TMPDIR/all.raw' | kpi-trend \
		| kpi-flag --benchmark-area England | jq -c 'select(.area == \"Trafford\" and .indicator == \"cla_count\") | [.comparable, .benchmark.comparison]'"
	assert_success
	assert_output '[true,"worse"]'
	sed -i '/^cla_count,/s/,yes$/,maybe/' "$BATS_TEST_TMPDIR/cat.csv"
	run kpi-normalise -c "$BATS_TEST_TMPDIR/cat.csv" /dev/null
	assert_failure 1
	assert_output --partial "comparable is not yes, no or empty"
}

# Done when (issue 15): three councils of the real file, the children-in-care
# rate per 10,000 in 2025 with a council catalogue that marks it
# lower_is_better: kpi-flag's neighbour mean, regional value, rank and
# quartile equal those computed here from the CSV.
@test "compare: real file: neighbour mean, region, rank and quartile of three councils equal the CSV's" {
	need_shared
	local real="$SHARED/data/real"
	grep -q '^cla_rate_per_10k,.*,lower_is_better,' "$BATS_FILE_TMPDIR/cat.csv"
	cla_compared
	run jq -r 'select(.indicator == "cla_rate_per_10k" and .breakdown == null and .period == "2024/25" and (.area == "Barnet" or .area == "Trafford" or .area == "Kent"))
			| [.area, (.comparators[] | select(.kind == "neighbours") | .value, .n), (.comparators[] | select(.kind == "region") | .area, .value), (.comparators[] | select(.kind == "england") | .value), .rank.position, .rank.of, .rank.quartile] | @tsv' "$COMPARED"
	assert_success
	local got
	got=$(printf '%s\n' "$output" | sort)
	run python3 - "$real/cla_number_and_rate_per_10k_children.csv" "$real/sn_model_2025_wide.csv" <<-'PY'
	import csv, sys
	rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))
	        if r["time_period"] == "2025" and r["population_type"] == "Children looked after on 31 March each year"]
	num = lambda s: float(s) if s.replace(".", "", 1).isdigit() else None
	las = [r for r in rows if r["geographic_level"] == "Local authority"]
	by_code = {r["old_la_code"]: num(r["rate_per_10000"]) for r in las}
	region = {r["region_name"]: num(r["rate_per_10000"]) for r in rows if r["geographic_level"] == "Regional"}
	england = [num(r["rate_per_10000"]) for r in rows if r["geographic_level"] == "National"][0]
	sn = {r["old_la_code"]: [r["SN_%d" % k] for k in range(1, 11)] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig"))}
	values = sorted(v for v in by_code.values() if v is not None)
	def q(p):  # R quantile type 7
	    h = (len(values) - 1) * p; lo = int(h); f = h - lo
	    return values[lo] if f == 0 or values[lo + 1] == values[lo] else (1 - f) * values[lo] + f * values[lo + 1]
	q1, q2, q3 = q(.25), q(.5), q(.75)
	g = lambda v: "%.15g" % v
	out = []
	for r in las:
	    if r["la_name"] not in ("Barnet", "Trafford", "Kent"):
	        continue
	    v = num(r["rate_per_10000"])
	    nv = [by_code[c] for c in sn[r["old_la_code"]] if by_code.get(c) is not None]
	    rank = 1 + sum(1 for x in values if x < v)
	    band = "A" if v <= q1 else "B" if v <= q2 else "C" if v <= q3 else "D"
	    out.append("\t".join([r["la_name"], g(sum(nv) / len(nv)), str(len(nv)), r["region_name"],
	                          g(region[r["region_name"]]), g(england), str(rank), str(len(values)), band]))
	print("\n".join(sorted(out)))
	PY
	assert_success
	[ "$(echo "$got" | wc -l)" -eq 3 ]
	# the same numbers, the means compared to 12 significant figures
	local norm='{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) $i = sprintf("%.12g", $i); print }'
	assert_equal "$(echo "$got" | awk -F'\t' -v OFS='\t' "$norm")" "$(echo "$output" | awk -F'\t' -v OFS='\t' "$norm")"
}

# Done when (issue 15): no count is compared with another area in any report
# built from ../shared/data/real: every KPI-shaped file there (the 14 of
# tests/ingest-real.bats and tests/normalise-real.bats: all but the
# statistical-neighbour lookup and england-facts.csv), each judged with every
# comparator whose areas it has (England, regions, councils with a DfE code).
@test "compare: no count is compared with another area in reports from any real KPI file" {
	need_shared
	local real="$SHARED/data/real" f n=0 kinds levels
	for f in "$real"/*.csv; do
		case ${f##*/} in sn_model_2025_wide.csv|england-facts.csv) continue ;; esac
		n=$((n + 1))
		kpi-ingest "$f" 2>/dev/null | kpi-normalise 2>/dev/null | kpi-trend >"$BATS_TEST_TMPDIR/s.ndjson"
		# the kinds of area the file has, as kpi-flag tells them: its
		# geographic_level, else England by name
		levels=$(grep -o '"geographic_level":"[^"]*"' "$BATS_TEST_TMPDIR/s.ndjson" | sort -u | paste -sd, -) || true
		grep -q '"area":"England"' "$BATS_TEST_TMPDIR/s.ndjson" && [ -z "$levels" ] && levels='"geographic_level":"National"'
		kinds=
		case ",$levels," in *'"National"'*) kinds=england ;; esac
		case ",$levels," in *'"Regional"'*) kinds=${kinds:+$kinds,}region ;; esac
		set -- --neighbours "$real/sn_model_2025_wide.csv"
		grep -q '"old_la_code":"[0-9][0-9][0-9]"' "$BATS_TEST_TMPDIR/s.ndjson" && kinds=${kinds:+$kinds,}neighbours || set --
		[ -z "$kinds" ] || set -- --compare "$kinds" "$@"
		# England from the file where it has England, else kpi's own figures
		case $kinds in england*) set -- --benchmark-area England "$@" ;; *) set -- --benchmarks default --benchmark-area England "$@" ;; esac
		# (grep first: jq reads only the counts' summaries)
		run bash -c "set -o pipefail; kpi-flag $(printf "'%s' " "$@") '$BATS_TEST_TMPDIR/s.ndjson' \
			| { grep -E '\"unit\":\"(count|currency)\"' || true; } \
			| jq -c 'select(.unit == \"count\" or .unit == \"currency\") | [.benchmark.comparison // \"not_compared\", (.comparators // [] | .[] | .comparison), (.rank // \"none\")] | unique' | sort -u"
		assert_success
		# a file with counts: none compared; a file without: nothing to say
		[ -z "$output" ] || assert_output '["none","not_compared"]' || fail "${f##*/} ($*)"
	done
	[ "$n" -eq 14 ]
}

@test "compare: a suppressed latest figure is no_data (suppressed_latest), never judged on the older one" {
	printf '%s\n' '{"indicator":"care_leavers_in_touch_pct","period":"2023","value":"50","area":"Trafford"}' \
		'{"indicator":"care_leavers_in_touch_pct","period":"2024","value":"80","area":"Trafford"}' \
		'{"indicator":"care_leavers_in_touch_pct","period":"2025","value":"c","area":"Trafford"}' >"$BATS_TEST_TMPDIR/s.raw"
	kpi-normalise "$BATS_TEST_TMPDIR/s.raw" | kpi-trend | kpi-flag >"$BATS_TEST_TMPDIR/s.ndjson"
	run jq -c '[.period, .assessment, .reasons]' "$BATS_TEST_TMPDIR/s.ndjson"
	assert_output '["2024","no_data",["suppressed_latest"]]'
	run kpi-render --style summary "$BATS_TEST_TMPDIR/s.ndjson"
	assert_success
	assert_output --partial "Care leavers in touch: the 2025 figure is suppressed (small numbers); the latest published figure is for 2024."
	refute_output --partial "not yet available"
}

@test "compare: a series that ended while the other councils' go on is no_data (reporting_ended)" {
	local a y
	for a in England:National Cumbria:Local Trafford:Local; do
		for y in 2021 2022 2023 2024 2025; do
			[ "${a%%:*}" = Cumbria ] && [ "$y" -gt 2023 ] && continue
			printf '{"indicator":"care_leavers_in_touch_pct","period":"%s","value":"%s","area":"%s","geographic_level":"%s"}\n' \
				"$y" "$((y - 1960))" "${a%%:*}" "$( [ "${a#*:}" = Local ] && echo 'Local authority' || echo National)"
		done
	done >"$BATS_TEST_TMPDIR/e.raw"
	kpi-normalise "$BATS_TEST_TMPDIR/e.raw" | kpi-trend | kpi-flag --compare england >"$BATS_TEST_TMPDIR/e.ndjson"
	run jq -c 'select(.area == "Cumbria") | [.period, .assessment, .reasons, .comparators, .rank]' "$BATS_TEST_TMPDIR/e.ndjson"
	assert_output '["2023","no_data",["reporting_ended"],[],null]'
	run jq -c 'select(.area == "Trafford") | [.assessment != "no_data", .rank]' "$BATS_TEST_TMPDIR/e.ndjson"
	# one council: every quartile is its value, and higher is better needs more than Q3 for A (methods.md F)
	assert_output '[true,{"position":1,"of":1,"quartile":"D"}]'
	run kpi-render --style summary "$BATS_TEST_TMPDIR/e.ndjson"
	assert_success
	assert_output --partial "Care leavers in touch (Cumbria): reporting ended in 2023."
}

@test "compare: kpi-render says the comparators and the rank in the councils' words" {
	need_shared
	cla_compared
	run bash -c "set -o pipefail; jq -c 'select(.area == \"Trafford\" and .indicator == \"cla_rate_per_10k\")' '$COMPARED' | kpi-render --style full"
	assert_success
	# the rate carries its count (353 children): 62 against England's 67 is
	# within the Poisson interval of 353, so in line, not better
	assert_output --partial "This is worse than statistical neighbours (55.5), better than North West (90.0) and in line with England (67.0). Quartile B nationally (rank 59 of 151)."
	# the comparators' sentence replaces the benchmark's
	refute_output --partial "significantly"
}

@test "compare: the csv and json reports carry the comparators and rank (columns only where kpi-flag wrote them)" {
	need_shared
	local real="$SHARED/data/real"
	cla_compared
	kpi-ingest -f ndjson --filter area=Trafford "$COMPARED" >"$BATS_TEST_TMPDIR/t.ndjson"
	run kpi-render -f csv "$BATS_TEST_TMPDIR/t.ndjson"
	assert_success
	# the last ten fields of the header and the first two rows (no comma in them)
	run bash -c "set -o pipefail; kpi-render -f csv '$BATS_TEST_TMPDIR/t.ndjson' | tr -d '\\r' | awk -F, 'NR <= 3 { s = \$(NF - 9); for (i = NF - 8; i <= NF; i++) s = s \",\" \$i; print s }'"
	assert_success
	assert_output 'neighbours_value,neighbours_comparison,region_area,region_value,region_comparison,england_value,england_comparison,rank_position,rank_of,rank_quartile
658.3,not_compared,North West,14620,not_compared,81770,not_compared,,,
55.5,worse,North West,90,better,67,similar,59,151,B'
	run bash -c "set -o pipefail; kpi-render -f json '$BATS_TEST_TMPDIR/t.ndjson' | jq -c '.sections[0].indicators[1] | [.cells.neighbours, .cells.region, .cells.rank, .comparators[2], .rank]'"
	assert_success
	assert_output '["55.5","90.0","B (59 of 151)",{"kind":"england","area":"England","period":"2024/25","value":67,"comparison":"similar"},{"position":59,"of":151,"quartile":"B"}]'
	# without kpi-flag --compare: no such columns or keys (Trafford's
	# records judged once, rendered as csv and as json)
	kpi-ingest "$real/cla_number_and_rate_per_10k_children.csv" | kpi-normalise | kpi-trend | kpi-flag \
		| kpi-ingest -f ndjson --filter area=Trafford >"$BATS_TEST_TMPDIR/plain.ndjson"
	run bash -c "set -o pipefail; kpi-render -f csv '$BATS_TEST_TMPDIR/plain.ndjson' | sed -n 1p | grep -c neighbours"
	assert_failure 1
	assert_output 0
	run bash -c "set -o pipefail; kpi-render -f json '$BATS_TEST_TMPDIR/plain.ndjson' | jq -c '[.sections[0].indicators[] | has(\"comparators\"), (.cells | has(\"region\"))] | unique'"
	assert_output '[false]'
}

@test "compare: neighbours found by any code field holding a DfE 3-digit code (la_number, geog_c), not old_la_code alone" {
	small
	for field in la_number geog_c; do
		sed "s/\"old_la_code\"/\"$field\"/" "$BATS_TEST_TMPDIR/all.raw" | kpi-normalise | kpi-trend >"$BATS_TEST_TMPDIR/f.ndjson"
		run bash -c "set -o pipefail; kpi-flag --compare neighbours --neighbours '$BATS_TEST_TMPDIR/sn.csv' '$BATS_TEST_TMPDIR/f.ndjson' \
			| jq -c 'select(.area == \"Trafford\" and .indicator == \"care_leavers_in_touch_pct\") | .comparators[0] | [.value, .n]'"
		assert_success
		assert_output '[30,2]'
	done
	# an ONS code first (new_la_code) is passed over for the DfE one after it;
	# a region's letters in la_number are no council's code
	sed -e 's/"old_la_code":"\([0-9]*\)"/"new_la_code":"E0800000\1","la_number":"\1"/' -e 's/"area":"North West","geographic_level":"Regional","region_name":"North West","old_la_code":""/"area":"North West","geographic_level":"Regional","region_name":"North West","la_number":"NW"/' \
		"$BATS_TEST_TMPDIR/all.raw" | kpi-normalise | kpi-trend >"$BATS_TEST_TMPDIR/f.ndjson"
	run bash -c "set -o pipefail; kpi-flag --compare neighbours --neighbours '$BATS_TEST_TMPDIR/sn.csv' '$BATS_TEST_TMPDIR/f.ndjson' \
		| jq -c 'select(.indicator == \"care_leavers_in_touch_pct\" and (.area == \"Trafford\" or .area == \"Tameside\")) | [.area, .comparators[0].value, .comparators[0].n]'"
	assert_success
	assert_output "$(printf '%s\n' '["Tameside",75,1]' '["Trafford",30,2]')"
}

@test "compare: real KS2 2007-2011 file (councils by la_number): each council's neighbour mean is its ten neighbours' mean" {
	need_shared
	local real="$SHARED/data/real"
	kpi-ingest "$real/KS2_Attainment_2007-2011_LA.csv" 2>/dev/null | kpi-normalise 2>/dev/null | kpi-trend \
		| kpi-flag --compare neighbours --neighbours "$real/sn_model_2025_wide.csv" >"$BATS_TEST_TMPDIR/ks2.ndjson"
	run python3 - "$BATS_TEST_TMPDIR/ks2.ndjson" "$real/sn_model_2025_wide.csv" <<-'PY'
	import csv, json, sys
	recs = [json.loads(l) for l in open(sys.argv[1])]
	val = {(r["indicator"], r.get("la_number")): r["value"] for r in recs}
	sn = {r["old_la_code"]: [r["SN_%d" % k] for k in range(1, 11)] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig"))}
	with_mean = wrong = 0
	for r in recs:
	    c = next((c for c in r.get("comparators") or [] if c["kind"] == "neighbours"), None)
	    if c is None or r.get("la_number") not in sn:
	        continue
	    vs = [val.get((r["indicator"], k)) for k in sn[r["la_number"]]]
	    vs = [v for v in vs if v is not None]
	    if c["value"] is not None:
	        with_mean += 1
	        wrong += abs(c["value"] - sum(vs) / len(vs)) > 1e-9 or c["n"] != len(vs)
	print(with_mean > 400, wrong)
	PY
	assert_success
	assert_output "True 0"
	run jq -c 'select(.area == "Trafford" and .indicator == "ks2_eligible_cla_count") | .comparators[0] | [.area, .period, .value, .n]' "$BATS_TEST_TMPDIR/ks2.ndjson"
	assert_output '["statistical neighbours","2011",12.8,10]'
}

@test "compare region: a council without region_name takes its region from share/la-regions.csv, or --regions FILE" {
	small
	# the records as a file without regions writes them
	sed 's/"region_name":"North West",//' "$BATS_TEST_TMPDIR/all.raw" | sed 's/"geographic_level":"Regional","region_name":"",/"geographic_level":"Regional",/' \
		| kpi-normalise | kpi-trend >"$BATS_TEST_TMPDIR/f.ndjson"
	run bash -c "set -o pipefail; kpi-flag --compare region '$BATS_TEST_TMPDIR/f.ndjson' | jq -c 'select(.indicator == \"care_leavers_in_touch_pct\" and .area == \"Trafford\") | .comparators[0] | [.area, .value, .comparison]'"
	assert_success
	assert_output '["North West",72.5,"better"]'
	# another file: by the DfE code, else the ONS code, else the name;
	# Stockport is in none of its rows
	printf '# a council'"'"'s own\nold_la_code,new_la_code,la_name,region_code,region_name\n358,,Trafford,E12000002,North West\n,E08000008,Tameside,E12000002,North West\n,,Salford,,North West\n' >"$BATS_TEST_TMPDIR/r.csv"
	run bash -c "set -o pipefail; kpi-flag --compare region --regions '$BATS_TEST_TMPDIR/r.csv' '$BATS_TEST_TMPDIR/f.ndjson' | jq -c 'select(.indicator == \"care_leavers_in_touch_pct\" and .geographic_level == \"Local authority\") | [.area, .comparators[0].area]'"
	assert_success
	assert_output "$(printf '%s\n' '["Salford","North West"]' '["Stockport",null]' '["Tameside","North West"]' '["Trafford","North West"]')"
	# a record's own region_name wins
	run bash -c "set -o pipefail; kpi-flag --compare region --regions '$BATS_TEST_TMPDIR/r.csv' '$BATS_TEST_TMPDIR/all.ndjson' | jq -c 'select(.indicator == \"care_leavers_in_touch_pct\" and .area == \"Stockport\") | .comparators[0].area'"
	assert_output '"North West"'
}

@test "compare region: a bad regions file is bad data naming its line; --regions without --compare region is a usage error" {
	small
	printf 'old_la_code,new_la_code,la_name,region_code,region_name\n3588,,Trafford,,North West\n' >"$BATS_TEST_TMPDIR/r.csv"
	run --separate-stderr kpi-flag --compare region --regions "$BATS_TEST_TMPDIR/r.csv" "$BATS_TEST_TMPDIR/all.ndjson"
	assert_failure 1
	assert_equal "$stderr" "kpi-flag: $BATS_TEST_TMPDIR/r.csv:2: old_la_code '3588' is not a 3-digit council code"
	printf 'old_la_code,new_la_code,la_name,region_code,region_name\n358,,Trafford,,\n' >"$BATS_TEST_TMPDIR/r.csv"
	run --separate-stderr kpi-flag --compare region --regions "$BATS_TEST_TMPDIR/r.csv" "$BATS_TEST_TMPDIR/all.ndjson"
	assert_failure 1
	assert_equal "$stderr" "kpi-flag: $BATS_TEST_TMPDIR/r.csv:2: a council needs a code or a name, and a region_name"
	printf 'old_la_code,la_name\n' >"$BATS_TEST_TMPDIR/r.csv"
	run --separate-stderr kpi-flag --compare region --regions "$BATS_TEST_TMPDIR/r.csv" "$BATS_TEST_TMPDIR/all.ndjson"
	assert_failure 1
	run --separate-stderr kpi-flag --compare region --regions "$BATS_TEST_TMPDIR/none.csv" "$BATS_TEST_TMPDIR/all.ndjson"
	assert_failure 2
}

@test "compare region: the shipped la-regions.csv has every council of the DfE's file, and the KS2 2007-2011 councils their region" {
	need_shared
	local real="$SHARED/data/real"
	# every council of the children-looked-after file, with its region
	run python3 - "$REPO/share/la-regions.csv" "$real/cla_number_and_rate_per_10k_children.csv" <<-'PY'
	import csv, sys
	ship = {r["old_la_code"]: r["region_name"] for r in csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#"))}
	las = {(r["old_la_code"], r["region_name"]) for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")) if r["geographic_level"] == "Local authority"}
	print(len(ship), sum(ship.get(c) != reg for c, reg in las))
	PY
	assert_output "160 0"
	kpi-ingest "$real/KS2_Attainment_2007-2011_LA.csv" 2>/dev/null | kpi-normalise 2>/dev/null | kpi-trend \
		| kpi-flag --compare region >"$BATS_TEST_TMPDIR/ks2.ndjson"
	run jq -c 'select(.area == "Trafford" and .indicator == "ks2_eligible_cla_count") | .comparators[0] | [.area, .period, .value]' "$BATS_TEST_TMPDIR/ks2.ndjson"
	assert_output '["North West","2011",435]'
	# councils with a region figure (the file's Yorkshire is "Yorks & the Humber", not found by name)
	run bash -c "jq -r 'select(.comparators != null) | .comparators[0] | select(.value != null) | .area' '$BATS_TEST_TMPDIR/ks2.ndjson' | sort -u | wc -l"
	assert_output 9
}
