#!/usr/bin/env bats
# kpi-ingest: a rate per N children takes its count and its base (the EES
# shape: rate_per_10000 beside children_count and population_estimate); the
# population is the rate's denominator, not an indicator of its own.
load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$BATS_TEST_TMPDIR"
	# the shape of the DfE's cla_number_and_rate_per_10k_children.csv
	cat >rates.csv <<'CSV'
time_period,time_identifier,geographic_level,country_code,country_name,region_name,la_name,new_la_code,population_type,population_estimate,children_count,rate_per_10000
2025,Reporting year,Local authority,E92000001,England,North West,Trafford,E08000009,Children looked after on 31 March each year,56935,353,62
2024,Reporting year,Local authority,E92000001,England,North West,Trafford,E08000009,Children looked after on 31 March each year,x,377,c
2024,Reporting year,Regional,E92000001,England,West Midlands,,,Children looked after on 31 March each year,1330520,11910,89
CSV
}

@test "rates: rate_per_10000 takes children_count as numerator and population_estimate as denominator; no population records" {
	run --separate-stderr kpi-ingest rates.csv
	assert_success
	[ -z "$stderr" ]
	assert_line --index 0 '{"indicator":"children_count","period":"2025","value":"353","area":"Trafford","time_identifier":"Reporting year","geographic_level":"Local authority","country_code":"E92000001","country_name":"England","region_name":"North West","la_name":"Trafford","new_la_code":"E08000009","population_type":"Children looked after on 31 March each year","source":"rates.csv:2"}'
	assert_line --index 1 --partial '{"indicator":"rate_per_10000","period":"2025","value":"62","numerator":"353","denominator":"56935","area":"Trafford",'
	# a suppressed population is a suppressed denominator
	assert_line --index 3 --partial '{"indicator":"rate_per_10000","period":"2024","value":"c","numerator":"377","denominator":"x","area":"Trafford",'
	[ "${#lines[@]}" -eq 6 ]
	run bash -c "set -o pipefail; kpi-ingest rates.csv | grep -c population_estimate"
	assert_failure 1
	assert_output 0
}

@test "rates: kpi-normalise checks the rate against count and population, a count rounded to 10 within its rounding" {
	# West Midlands: 10,000 x 11910 / 1330520 = 89.51, published as 89:
	# the DfE rounds regional counts to the nearest 10 (11905..11914)
	run --separate-stderr bash -c "set -o pipefail; kpi-ingest rates.csv | kpi-normalise | jq -c 'select(.indicator==\"cla_rate_per_10k\") | [.area, .value, .numerator, .denominator]'"
	assert_success
	[ -z "$stderr" ]
	assert_output '["Trafford",62,353,56935]
["Trafford",null,377,null]
["West Midlands",89,11910,1330520]'
	# a count not a multiple of 10 is read as it is: 11911 gives 89.52, not 89
	sed 's/,11910,/,11911,/' rates.csv >odd.csv
	run --separate-stderr bash -c "set -o pipefail; kpi-ingest odd.csv | kpi-normalise >/dev/null"
	assert_failure 1
	[ "$stderr" = "kpi-normalise: odd.csv:4: value 89 disagrees with numerator/denominator 11911/1330520 = 89.5214" ]
}

@test "rates: the report gives the count with the rate beside it, and no population indicator" {
	run --separate-stderr bash -c "set -o pipefail; kpi-ingest rates.csv | kpi-normalise | kpi-trend | kpi-flag | kpi-ingest -f ndjson --filter area=Trafford | kpi-render -f txt"
	assert_success
	assert_output --partial 'Latest (2024/25): 353 (62)'
	refute_output --partial 'opulation'
	refute_output --partial 'Other indicators'
}

@test "rates: --measures naming the population, or --no-auto-pairs, keeps its records" {
	run bash -c "set -o pipefail; kpi-ingest --measures population_estimate,children_count,rate_per_10000 rates.csv | jq -r 'select(.period==\"2025\") | [.indicator, .numerator // \"-\", .denominator // \"-\"] | @tsv'"
	assert_success
	assert_output "$(printf 'population_estimate\t-\t-\nchildren_count\t-\t-\nrate_per_10000\t353\t56935')"
	run bash -c "set -o pipefail; kpi-ingest --no-auto-pairs rates.csv | jq -r 'select(.period==\"2025\") | [.indicator, .numerator // \"-\", .denominator // \"-\"] | @tsv'"
	assert_success
	assert_output "$(printf 'population_estimate\t-\t-\nchildren_count\t-\t-\nrate_per_10000\t-\t-')"
}

@test "rates: two count columns leave the rate without a numerator (which count is not known); --numerator names it" {
	sed '1s/$/,placement_count/; 2,$s/$/,3/' rates.csv >two.csv
	run bash -c "set -o pipefail; kpi-ingest two.csv | jq -c 'select(.indicator==\"rate_per_10000\" and .period==\"2025\") | [.numerator, .denominator]'"
	assert_success
	assert_output '[null,"56935"]'
	run bash -c "set -o pipefail; kpi-ingest --numerator rate_per_10000=children_count two.csv | jq -c 'select(.indicator==\"rate_per_10000\" and .period==\"2025\") | [.numerator, .denominator]'"
	assert_success
	assert_output '["353","56935"]'
}

@test "rates: a --denominator of the rate's own is kept, and the population keeps its records" {
	sed '1s/$/,children_under_18/; 2,$s/$/,57000/' rates.csv >own.csv
	run bash -c "set -o pipefail; kpi-ingest --denominator rate_per_10000=children_under_18 own.csv | jq -r 'select(.period==\"2025\") | [.indicator, .denominator // \"-\"] | @tsv'"
	assert_success
	assert_output "$(printf 'population_estimate\t-\nchildren_count\t-\nrate_per_10000\t57000\nchildren_under_18\t-')"
}

@test "rates: the DfE's file: no population records, every rate paired, kpi-normalise clean" {
	need_shared
	f="$SHARED/data/real/cla_number_and_rate_per_10k_children.csv"
	kpi-ingest "$f" >raw.ndjson
	run jq -s -c '[(map(select(.indicator=="population_estimate")) | length), (map(select(.indicator=="rate_per_10000" and (.denominator|not))) | length), (map(select(.indicator=="rate_per_10000")) | length > 1000)]' raw.ndjson
	assert_output '[0,0,true]'
	run --separate-stderr kpi-normalise raw.ndjson
	assert_success
	[ -z "$stderr" ]
}
