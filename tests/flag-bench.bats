#!/usr/bin/env bats
# kpi-flag --benchmarks / --benchmark-area: which benchmark, and the comparison both ways.
load helper

base="$DATA/flag/base.ndjson"
bench="$DATA/flag/benchmarks.csv"

flag() {
	local change="$1" show="$2"
	shift 2
	jq -c "$change" "$base" | kpi-flag "$@" | jq -c "$show"
}

@test "bench: the latest benchmark at or before as_at, with its interval and source" {
	# Northbridge 86 of 110 = 78.2% (69.6 to 84.9): England's 90 in Mar 24 is above it
	run flag '.' '.benchmark' -b "$bench"
	assert_output '{"area":"England","period":"2024-03","value":90,"comparison":"worse","lower":88,"upper":92,"source":"test: March"}'
	run flag '.as_at = "2024-02"' '.benchmark' -b "$bench"
	assert_output '{"area":"England","period":"2023-12","value":70,"comparison":"similar","source":"test: December"}'
	run flag '.as_at = "2023-11"' '.benchmark' -b "$bench"
	assert_output 'null'
}

@test "bench: comparison both ways, by polarity" {
	run flag '.polarity = "lower_is_better"' '[.benchmark.comparison, .flags]' -b "$bench"
	assert_output '["better",["window_low","benchmark_better"]]'
	run flag '.' '[.benchmark.comparison, .flags]' -b "$bench"
	assert_output '["worse",["window_low","benchmark_worse"]]'
	# England 60 below the interval: the area is higher
	run flag '.indicator = "repeat_visits_pct"' '.benchmark.comparison' -b "$bench"
	assert_output '"better"'
	run flag '.indicator = "repeat_visits_pct" | .polarity = "lower_is_better"' '.benchmark.comparison' -b "$bench"
	assert_output '"worse"'
	run flag '.indicator = "repeat_visits_pct" | .polarity = "neutral"' '.benchmark.comparison' -b "$bench"
	assert_output '"higher"'
	run flag '.polarity = "neutral"' '[.benchmark.comparison, .flags]' -b "$bench"
	assert_output '["lower",["window_low"]]'
}

@test "bench: a benchmark on the interval's limit is similar" {
	printf 'indicator,area,period,value\ncla_visits_in_time_pct,England,2024-03,84.87704381967487\n' > "$BATS_TEST_TMPDIR/b.csv"
	run flag '.' '.benchmark.comparison' -b "$BATS_TEST_TMPDIR/b.csv"
	assert_output '"similar"'
	printf 'indicator,area,period,value\ncla_visits_in_time_pct,England,2024-03,84.8770438196749\n' > "$BATS_TEST_TMPDIR/b.csv"
	run flag '.' '.benchmark.comparison' -b "$BATS_TEST_TMPDIR/b.csv"
	assert_output '"worse"'
}

@test "bench: without an interval the benchmark is not_compared" {
	run flag 'del(.numerator)' '[.benchmark.value, .benchmark.comparison, .flags]' -b "$bench"
	assert_output '[90,"not_compared",["window_low"]]'
}

@test "bench: --benchmark-area picks the file's rows for that area" {
	run flag '.' '.benchmark' -b "$bench" --benchmark-area "north west"
	assert_output '{"area":"North West","period":"2024-03","value":75,"comparison":"similar","source":"test: region"}'
	# the benchmark area's own series gets none
	run flag '.area = "England"' '.benchmark' -b "$bench" -a England
	assert_output 'null'
}

@test "bench: rows with the series' breakdown win over rows for every breakdown (*); an empty one is the total's" {
	printf 'indicator,area,period,value,breakdown\ncla_visits_in_time_pct,England,2024-03,50,*\ncla_visits_in_time_pct,England,2024-03,80,Under 5\ncla_visits_in_time_pct,England,2024-03,60,\n' > "$BATS_TEST_TMPDIR/b.csv"
	run flag '.breakdown = "under 5"' '.benchmark.value' -b "$BATS_TEST_TMPDIR/b.csv"
	assert_output '80'
	run flag '.breakdown = "Over 5"' '.benchmark.value' -b "$BATS_TEST_TMPDIR/b.csv"
	assert_output '50'
	run flag '.' '.benchmark.value' -b "$BATS_TEST_TMPDIR/b.csv"
	assert_output '60'
}

@test "bench: an England series in the same stream is the benchmark (input buffered)" {
	# the England series comes after the series it serves
	{
		cat "$base"
		jq -c '.area = "England" | .value = 70 | .period = "2024-02" | .history = [{"period":"2024-01","value":72},{"period":"2024-02","value":70}]' "$base"
		jq -c '.area = "Southport" | .as_at = "2024-01"' "$base"
	} > "$BATS_TEST_TMPDIR/in.ndjson"
	run bash -c "set -o pipefail; kpi-flag --benchmark-area England '$BATS_TEST_TMPDIR/in.ndjson' | jq -c '[.area, .benchmark]'"
	assert_success
	assert_output '["Northbridge",{"area":"England","period":"2024-02","value":70,"comparison":"similar"}]
["England",null]
["Southport",{"area":"England","period":"2024-01","value":72,"comparison":"similar"}]'
	# an area that is not in the input is an error, not silence (issue 15)
	run kpi-flag --benchmark-area Wales "$BATS_TEST_TMPDIR/in.ndjson"
	assert_failure 1
	assert_output "kpi-flag: --benchmark-area: no series of 'Wales' in the input (areas present: England, Northbridge, Southport)"
}

@test "bench: annual outcomes are judged against the benchmark (rule 9)" {
	local ks2='.indicator = "ks2_rwm_expected_all_pct" | .period_type = "academic_year" | .period = "2024/25" | .as_at = "2024/25" | .value = 70 | .numerator = 350 | .denominator = 500 | .previous = {"period":"2023/24","value":71} | .change = -1 | .window = {"length":2,"is_high":false,"is_low":true,"mean":70.5} | .history = [{"period":"2023/24","value":71},{"period":"2024/25","value":70}] | .first_period = "2023/24" | del(.year_ago, .spc)'
	run flag "$ks2" '[.benchmark.comparison, .assessment, .reasons]' -b default
	assert_output '["better","improvement",["benchmark_better"]]'
	# the same fall on a monthly series is an issue: benchmarks are narrative only there
	run flag "$ks2 | .period_type = \"month\" | .period = \"2025-03\" | .as_at = \"2025-03\" | .history = []" '[.assessment, .reasons]' -b "$bench"
	assert_output '["issue",["latest_worsening"]]'
}

@test "bench: default England benchmarks: a rate per 10,000" {
	# DfE "Reporting year" 2025 is the year to 31 March 2025: 2024/25
	local rate='.indicator = "cla_rate_per_10k" | .unit = "rate_per_10k" | .polarity = "neutral" | .period_type = "financial_year" | .period = "2024/25" | .as_at = "2024/25" | .value = 67.3 | .numerator = 665 | .denominator = 98811 | del(.history, .first_period, .spc)'
	run flag "$rate" '.benchmark' --benchmarks default
	assert_output '{"area":"England","period":"2024/25","value":67,"comparison":"similar","source":"cla_number_and_rate_per_10k_children.csv: Children looked after on 31 March per 10,000 children under 18 (rate_per_10000), England (2025)"}'
	run flag "$rate | .period = \"2023/24\" | .as_at = \"2023/24\"" '.benchmark.value' -b default
	assert_output '69'
	# workforce as at 30 September (the catalogue's snapshot): a day
	local agency='.indicator = "sw_agency_rate_pct" | .unit = "percent" | .polarity = "lower_is_better" | .period_type = "date" | .period = "2025-09-30" | .as_at = "2025-09-30" | .value = 14 | del(.numerator, .denominator, .history, .first_period, .spc)'
	run flag "$agency" '[.benchmark.period, .benchmark.value]' -b default
	assert_output '["2025-09-30",13]'
	run flag "$agency | .period = \"2025-03-31\" | .as_at = \"2025-03-31\"" '[.benchmark.period, .benchmark.value]' -b default
	assert_output '["2024-09-30",16.2]'
}

# bats test_tags=no-sanitizer
@test "bench: the default file's indicators are catalogue ids and its periods canonical" {
	run bash -c "tail -n +2 '$REPO/share/england-benchmarks.csv' | cut -d, -f1 | sort -u | while read -r id; do grep -q \"^\$id,\" '$REPO/share/catalogue.csv' || echo \"not in catalogue: \$id\"; done"
	assert_output ""
	run bash -c "tail -n +2 '$REPO/share/england-benchmarks.csv' | cut -d, -f3 | grep -Ev '^([0-9]{4}|[0-9]{4}/[0-9]{2}|[0-9]{4}-09-30)$'"
	assert_output ""
	[ "$(tail -n +2 "$REPO/share/england-benchmarks.csv" | wc -l)" -ge 30 ]
}

# bats test_tags=no-sanitizer
@test "bench: every default benchmark is a figure of england-facts.csv" {
	need_shared
	# value and period as published, the period read as kpi-normalise reads it
	# with the file's time_identifier (202425 -> 2024/25; Reporting year 2025
	# -> 2024/25, or 2025-09-30 for the workforce, as at 30 September;
	# 02:03 -> 822 days)
	run python3 - "$REPO/share/england-benchmarks.csv" "$SHARED/data/real/england-facts.csv" "$SHARED/data/real" <<'PY'
import csv, os, sys
facts = list(csv.DictReader(open(sys.argv[2])))
def time_identifier(src):
    with open(os.path.join(sys.argv[3], src), encoding="utf-8-sig") as f:
        row = next(csv.DictReader(f))
    return row.get("time_identifier")
def canon(p, src):
    if len(p) == 6 and p.isdigit():
        return p[:4] + "/" + p[4:]
    if len(p) == 4 and p.isdigit() and time_identifier(src) == "Reporting year":
        if src.startswith("csww"):
            return p + "-09-30"
        return "%d/%02d" % (int(p) - 1, int(p) % 100)
    return p
for row in csv.DictReader(open(sys.argv[1])):
    src = row["source"].split(":")[0]
    ok = False
    for f in facts:
        if f["source_file"] != src or canon(f["period"], src) != row["period"]:
            continue
        v = f["value"].strip()
        if ":" in v:
            y, m = v.split(":")
            v = str(int(int(y) * 365.25 + int(m) * 365.25 / 12 + 0.5))
        if float(v) == float(row["value"]) and f["measure"] in row["source"]:
            ok = True
    if not ok:
        print("no fact for", row["indicator"], row["period"], row["value"])
PY
	assert_success
	assert_output ""
}

@test "bench: bad benchmarks files stop with FILE:LINE and exit 1" {
	local b="$BATS_TEST_TMPDIR/b.csv"
	printf 'indicator,area,value\nx,England,1\n' > "$b"
	run kpi-flag -b "$b" "$base"
	assert_failure 1
	assert_output "kpi-flag: $b:1: benchmarks file has no 'period' column (needs indicator,area,period,value)"
	printf 'indicator,area,period,value\nx,England,2024-03,lots\n' > "$b"
	run kpi-flag -b "$b" "$base"
	assert_failure 1
	assert_output "kpi-flag: $b:2: value 'lots' is not a number"
	printf 'indicator,area,period,value\nx,England,someday,1\n' > "$b"
	run kpi-flag -b "$b" "$base"
	assert_failure 1
	assert_output --regexp "^kpi-flag: $b:2: period: "
	printf 'indicator,area,period,value\nx,,2024-03,1\n' > "$b"
	run kpi-flag -b "$b" "$base"
	assert_failure 1
	assert_output "kpi-flag: $b:2: empty area"
	run kpi-flag -b "$BATS_TEST_TMPDIR/none.csv" "$base"
	assert_failure 2
}

@test "bench: several summaries of the benchmark series (kpi-trend --every-period): the latest point at or before as_at" {
	{
		jq -c '.area = "England" | .as_at = "2024-01" | .period = "2024-01" | .value = 71 | .history = [{"period":"2023-12","value":73},{"period":"2024-01","value":71}]' "$base"
		jq -c '.area = "England" | .as_at = "2024-04" | .period = "2024-04" | .value = 76 | .history = [{"period":"2024-02","value":74},{"period":"2024-04","value":76}]' "$base"
		jq -c '.as_at = "2024-03"' "$base"
		jq -c '.as_at = "2024-01" | .area = "Southport"' "$base"
		jq -c '.as_at = "2023-11" | .area = "Westshire"' "$base"
	} > "$BATS_TEST_TMPDIR/in.ndjson"
	run bash -c "set -o pipefail; kpi-flag -a England '$BATS_TEST_TMPDIR/in.ndjson' | jq -c '[.area, .as_at, .benchmark.period, .benchmark.value]'"
	assert_output '["England","2024-01",null,null]
["England","2024-04",null,null]
["Northbridge","2024-03","2024-02",74]
["Southport","2024-01","2024-01",71]
["Westshire","2023-11",null,null]'
}

@test "bench: real data: Trafford's 2024/25 health assessments against England's Reporting year 2025, the same year" {
	need_shared
	run bash -c "set -o pipefail; kpi-ingest '$SHARED/data/real/cla_health_assessment.csv' | kpi-normalise | kpi-trend | kpi-flag -b default | jq -c 'select(.area == \"Trafford\" or .area == \"England\") | [.area, .period, .benchmark.period, .benchmark.value]'"
	assert_success
	assert_output '["England","2024/25",null,null]
["Trafford","2024/25","2024/25",90]'
}

@test "bench: real data: England's all-schools absence stands beside Trafford's total only, not its school types" {
	need_shared
	run bash -c "set -o pipefail; kpi-ingest --filter la_name=Trafford '$SHARED/data/real/absence_la.csv' | kpi-normalise 2>/dev/null | kpi-trend | kpi-flag -b default | jq -c 'select(.indicator == \"absence_overall_cla_pct\") | [.breakdown.phase_type_grouping, .benchmark.value]'"
	assert_success
	assert_output '[null,9]
["Special",null]
["State-funded alternative provision school",null]
["State-funded primary",null]
["State-funded secondary",null]'
}

@test "bench: a sub-group's benchmark by the breakdown's identity: text, a JSON object, a total, * for every one" {
	local b="$BATS_TEST_TMPDIR/b.csv"
	{
		echo 'indicator,area,period,value,source,breakdown'
		echo 'cla_visits_in_time_pct,England,2024-03,70,every breakdown,*'
		echo 'cla_visits_in_time_pct,England,2024-03,71,text,Male'
		echo 'cla_visits_in_time_pct,England,2024-03,72,object,"{""age"": ""17 to 18 years"", ""sex"": ""Total""}"'
		echo 'cla_visits_in_time_pct,England,2024-03,73,total,Total'
	} > "$b"
	run flag '.breakdown = {"sex":"Male"}' '.benchmark.source' -b "$b"
	assert_output '"every breakdown"'
	run flag '.breakdown = "male"' '.benchmark.source' -b "$b"
	assert_output '"text"'
	run flag '.breakdown = {"breakdown":"MALE"}' '.benchmark.source' -b "$b"
	assert_output '"text"'
	run flag '.breakdown = {"age":"17 to 18 years"}' '.benchmark.source' -b "$b"
	assert_output '"object"'
	run flag '.breakdown = null' '.benchmark.source' -b "$b"
	assert_output '"total"'
	run flag '.breakdown = {"age":"All ages"}' '.benchmark.source' -b "$b"
	assert_output '"total"'
	# an empty breakdown is the total's figure: it serves no sub-group
	printf 'indicator,area,period,value,source,breakdown\ncla_visits_in_time_pct,England,2024-03,70,total,\n' > "$b"
	run flag '.breakdown = {"sex":"Male"}' '.benchmark' -b "$b"
	assert_output 'null'
	run flag '.breakdown = null' '.benchmark.source' -b "$b"
	assert_output '"total"'
	run flag '.breakdown = {"sex":"Total"}' '.benchmark.source' -b "$b"
	assert_output '"total"'
	printf 'indicator,area,period,value,breakdown\nx,England,2024-03,1,"{""age"": 3}"\n' > "$b"
	run kpi-flag -b "$b" "$base"
	assert_failure 1
	assert_output "kpi-flag: $b:2: breakdown '{\"age\": 3}' is not text nor a JSON object of column -> value"
}

@test "bench: --benchmark-area series of the same indicator and breakdown identity, object or string" {
	{
		jq -c '.area = "England" | .breakdown = {"care_leaver_age":"17 to 18 years","breakdown":"Total"} | .value = 91 | .history = []' "$base"
		jq -c '.area = "England" | .breakdown = {"care_leaver_age":"19 to 21 years"} | .value = 89 | .history = []' "$base"
		jq -c '.breakdown = {"care_leaver_age":"17 to 18 years"}' "$base"
		jq -c '.breakdown = {"CARE LEAVER AGE":"19 to 21 years","sex":"All"}' "$base"
		jq -c '.breakdown = "17 to 18 years"' "$base"
	} > "$BATS_TEST_TMPDIR/in.ndjson"
	run bash -c "set -o pipefail; kpi-flag -a England '$BATS_TEST_TMPDIR/in.ndjson' | jq -c 'select(.area != \"England\") | .benchmark.value'"
	assert_success
	assert_output '91
89
null'
	# --explain names the sub-group in a reader's words
	run bash -c "set -o pipefail; jq -c '.breakdown = {\"care_leaver_age\":\"17 to 18 years\",\"sex\":\"Total\"}' '$base' | kpi-flag --explain"
	assert_output --partial 'cla_visits_in_time_pct (Northbridge, 17 to 18 years): '
}
