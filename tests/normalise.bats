#!/usr/bin/env bats
# kpi-normalise: values, statuses, periods, catalogue matching, checks, duplicates.
load helper
bats_require_minimum_version 1.5.0

setup() {
	CAT="$DATA/normalise/catalogue.csv"
	export KPI_CATALOGUE="$CAT"
}

# one raw record through kpi-normalise, printing FIELD of the output
norm_field() { # FIELD JSON [OPTION...]
	local field=$1 json=$2
	shift 2
	printf '%s\n' "$json" | kpi-normalise "$@" 2>/dev/null | jq -c "$field"
}

# norm_fields FIELD JSON...: norm_field FIELD for each JSON, into GOT[i] (the
# lines norm_field would print).  Each record still goes through its own
# kpi-normalise, in an untraced loop (no bats DEBUG trap, no fork of the
# test's shell per record), and one jq reads FIELD of every output, a marker
# after each record's; fails, naming the record, where kpi-normalise failed.
norm_fields() {
	local field=$1 i=-1 line results end='"--norm-fields-end--"'
	shift
	untraced norm_each "$end" "$@" >"$BATS_TEST_TMPDIR/fields.ndjson" || return 1
	mapfile -t results < <(jq -c "if . == $end then . else ($field) end" "$BATS_TEST_TMPDIR/fields.ndjson"; echo "jq:$?")
	[ "${results[-1]}" = jq:0 ] || { echo "jq failed: ${results[*]}"; return 1; }
	GOT=("")
	for line in "${results[@]:0:${#results[@]}-1}"; do
		if [ "$line" = "$end" ]; then
			i=$((i + 1))
			GOT[i + 1]=""
		else
			GOT[i + 1]+=${GOT[i + 1]:+$'\n'}$line
		fi
	done
	[ $((i + 1)) -eq $# ] || { echo "$((i + 1)) results for $# records"; return 1; }
	unset 'GOT[i + 1]'
}

# norm_each END JSON...: each JSON through its own kpi-normalise (stderr to
# /dev/null, as norm_field), END after each output
norm_each() {
	local end=$1 json
	shift
	for json; do
		printf '%s\n' "$json" | kpi-normalise 2>/dev/null || { echo "$json: kpi-normalise exited $?" >&2; return 1; }
		printf '%s\n' "$end"
	done
}

@test "the typed record: contract fields in order, then pass-through fields" {
	run kpi-normalise "$DATA/normalise/raw.ndjson"
	assert_success
	assert_line --index 0 '{"indicator":"rereferrals_12m_pct","name":"Re-referrals within 12 months","section":"Contacts and referrals","unit":"percent","polarity":"lower_is_better","order":1,"value":23.5,"value_raw":"23.5%","numerator":null,"denominator":null,"status":"ok","period":"2017-06","period_type":"month","period_start":"2017-06-01","period_end":"2017-06-30","period_raw":"Jun-17","area":"Kent","breakdown":null,"source":"pack.csv:2","ward":"North"}'
	assert_line --index 3 '{"indicator":"peps_pct","name":"PEPs in time","section":"Education and the virtual school","unit":"percent","polarity":"higher_is_better","order":4,"value":null,"value_raw":"c","numerator":null,"denominator":null,"status":"suppressed","period":"2016/17","period_type":"academic_year","period_start":"2016-09-01","period_end":"2017-08-31","period_raw":"2016/17","area":"Kent","breakdown":null,"source":"pack.csv:4"}'
	[ "${#lines[@]}" -eq 5 ]
}

@test "value forms" {
	# each row through its own kpi-normalise, FIELD read by one jq (norm_fields)
	jsons=() a_raw=() a_want=()
	while IFS='|' read -r raw want; do
		a_raw+=("$raw") a_want+=("$want")
		jsons+=("{\"indicator\":\"cla_count\",\"period\":\"2017\",\"value\":\"$raw\"}")
	done <<'TABLE'
1,234|1234
 99.999|99.999
85.700000000000|85.7
1.2e3|1200
12,345,678|12345678
0|0
7 |7
TABLE
	norm_fields .value "${jsons[@]}"
	for i in "${!jsons[@]}"; do
		raw=${a_raw[i]} want=${a_want[i]} got=${GOT[i]}
		[ "$got" = "$want" ] || { echo "value '$raw': got $got, want $want"; return 1; }
	done
	# each row through its own kpi-normalise, FIELD read by one jq (norm_fields)
	jsons=() a_raw=() a_want=()
	while IFS='|' read -r raw want; do
		a_raw+=("$raw") a_want+=("$want")
		jsons+=("{\"indicator\":\"peps_pct\",\"period\":\"2017\",\"value\":\"$raw\"}")
	done <<'TABLE'
23.5%|23.5
23.5 %|23.5
0.235|0.235
100%|100
 47.665|47.665
TABLE
	norm_fields .value "${jsons[@]}"
	for i in "${!jsons[@]}"; do
		raw=${a_raw[i]} want=${a_want[i]} got=${GOT[i]}
		[ "$got" = "$want" ] || { echo "value '$raw': got $got, want $want"; return 1; }
	done
}

@test "a JSON number value is kept, its text is value_raw" {
	run norm_field '[.value,.value_raw,.status]' '{"indicator":"cla_count","period":"2017","value":12.50}'
	assert_output '[12.5,"12.50","ok"]'
}

@test "negative values are fine where the unit allows them" {
	run norm_field .value '{"indicator":"unknown_net_gain","period":"2017","value":"-3"}'
	assert_output '-3'
}

@test "statuses: value null, value_raw kept (contract 4a: the GSS symbols, bare and in brackets)" {
	# each row through its own kpi-normalise, FIELD read by one jq (norm_fields)
	jsons=() a_raw=() a_want=()
	while IFS='|' read -r raw want; do
		a_raw+=("$raw") a_want+=("$want")
		jsons+=("{\"indicator\":\"cla_count\",\"period\":\"2017\",\"value\":\"$raw\"}")
	done <<'TABLE'
c|suppressed
[c]|suppressed
*|suppressed
x|not_available
[x]|not_available
:|not_available
..|not_available
u|not_available
[u]|not_available
z|not_applicable
[z]|not_applicable
.|not_applicable
-|not_applicable
low|rounds_to_zero
[low]|rounds_to_zero
k|rounds_to_zero
[k]|rounds_to_zero
~|rounds_to_zero
|missing
NA|missing
n/a|missing
N/A|missing
#VALUE!|error
#DIV/0!|error
#N/A|error
#REF!|error
TABLE
	norm_fields '[.value,.value_raw,.status]' "${jsons[@]}"
	for i in "${!jsons[@]}"; do
		raw=${a_raw[i]} want=${a_want[i]} got=${GOT[i]}
		[ "$got" = "[null,\"$raw\",\"$want\"]" ] || { echo "'$raw': got $got, want $want"; return 1; }
	done
}

@test "low reliability: 12u keeps 12 with its status; u alone is not available" {
	# each row through its own kpi-normalise, FIELD read by one jq (norm_fields)
	jsons=() a_raw=() a_want=()
	while IFS='|' read -r raw want; do
		a_raw+=("$raw") a_want+=("$want")
		jsons+=("{\"indicator\":\"cla_count\",\"period\":\"2017\",\"value\":\"$raw\"}")
	done <<'TABLE'
12u|[12,"12u","low_reliability"]
12 u|[12,"12 u","low_reliability"]
12 [u]|[12,"12 [u]","low_reliability"]
1,234U|[1234,"1,234U","low_reliability"]
u|[null,"u","not_available"]
TABLE
	norm_fields '[.value,.value_raw,.status]' "${jsons[@]}"
	for i in "${!jsons[@]}"; do
		raw=${a_raw[i]} want=${a_want[i]} got=${GOT[i]}
		[ "$got" = "$want" ] || { echo "'$raw': got $got, want $want"; return 1; }
	done
	# the checks apply to a low-reliability value: it is a value
	run kpi-normalise <<< '{"indicator":"peps_pct","period":"2017","value":"120u","source":"c.csv:9"}'
	assert_failure 1
	assert_output 'kpi-normalise: c.csv:9: percent 120 is outside 0-100'
	run norm_field '[.value,.numerator,.denominator,.status]' '{"indicator":"peps_pct","period":"2017","value":"50%u","numerator":"5u","denominator":"10"}'
	assert_output '[50,5,10,"low_reliability"]'
}

@test "a null or absent value is missing with value_raw null" {
	run norm_field '[.value,.value_raw,.status]' '{"indicator":"cla_count","period":"2017","value":null}'
	assert_output '[null,null,"missing"]'
	run norm_field '[.value,.value_raw,.status]' '{"indicator":"cla_count","period":"2017"}'
	assert_output '[null,null,"missing"]'
}

@test "numerator and denominator are parsed like values" {
	run norm_field '[.numerator,.denominator]' '{"indicator":"peps_pct","period":"2017","value":"50%","numerator":"1,000","denominator":"2,000"}'
	assert_output '[1000,2000]'
	run norm_field '[.value,.numerator,.denominator]' '{"indicator":"peps_pct","period":"2017","value":"c","numerator":"c","denominator":"12"}'
	assert_output '[null,null,12]'
}

@test "a value that is not a number: data error naming the text and the source" {
	run kpi-normalise <<< '{"indicator":"cla_count","period":"2017","value":"12abc","source":"pack.csv:7"}'
	assert_failure 1
	assert_output "kpi-normalise: pack.csv:7: value '12abc' is not a number or a status (suppressed c, not_available x : .., not_applicable z ., rounds_to_zero low k, low_reliability 12u, missing NA n/a, error #VALUE! #DIV/0!; [c] [x] [z] [low] [u] [k])"
}

@test "without source, messages name the NDJSON input line" {
	printf '%s\n' '{"indicator":"cla_count","period":"2017","value":"1"}' '{"indicator":"cla_count","period":"2018","value":"1 2"}' > "$BATS_TEST_TMPDIR/in.ndjson"
	run kpi-normalise "$BATS_TEST_TMPDIR/in.ndjson"
	assert_failure 1
	assert_line --index 1 "kpi-normalise: $BATS_TEST_TMPDIR/in.ndjson:2: value '1 2' is not a number or a status (suppressed c, not_available x : .., not_applicable z ., rounds_to_zero low k, low_reliability 12u, missing NA n/a, error #VALUE! #DIV/0!; [c] [x] [z] [low] [u] [k])"
}

@test "--percent-fractions: a percent written as a fraction is multiplied by 100" {
	run norm_field .value '{"indicator":"peps_pct","period":"2017","value":"0.235"}' --percent-fractions
	assert_output '23.5'
	run norm_field .value '{"indicator":"peps_pct","period":"2017","value":"23.5%"}' --percent-fractions
	assert_output '23.5'
	# only percent indicators
	run norm_field .value '{"indicator":"cla_count","period":"2017","value":"0.5"}' --percent-fractions
	assert_output '0.5'
}

@test "durations: years:months to days or weeks by the catalogue unit" {
	run norm_field .value '{"indicator":"adoption_days","period":"2017","value":"02:03"}'
	assert_output '822'
	run norm_field .value '{"indicator":"adoption_weeks","period":"2017","value":"01:00"}'
	assert_output '52.142857142857146'
	run norm_field .value '{"indicator":"adoption_days","period":"2017","value":"09:15"}' --durations mm:dd
	assert_output '289'
}

@test "a duration for an indicator that is not in days or weeks is a data error" {
	run kpi-normalise <<< '{"indicator":"cla_count","period":"2017","value":"02:03","source":"a.csv:2"}'
	assert_failure 1
	assert_output "kpi-normalise: a.csv:2: value '02:03' is a duration (years:months) but the indicator's unit is count, not days or weeks"
	run kpi-normalise <<< '{"indicator":"adoption_days","period":"2017","value":"02:13","source":"a.csv:3"}'
	assert_failure 1
	assert_output "kpi-normalise: a.csv:3: value '02:13' is not a valid duration (years:months, months 0-11)"
}

@test "checks: each gives a data error naming the source" {
	while IFS='|' read -r json msg; do
		run kpi-normalise <<< "$json"
		[ "$status" -eq 1 ] || { echo "$json: status $status"; return 1; }
		[ "$output" = "kpi-normalise: c.csv:9: $msg" ] || { echo "$json: got '$output'"; echo "want 'kpi-normalise: c.csv:9: $msg'"; return 1; }
	done <<'TABLE'
{"indicator":"peps_pct","period":"2017","value":"120%","numerator":"12","denominator":"10","source":"c.csv:9"}|percent 120 is outside 0-100; numerator 12 is greater than denominator 10
{"indicator":"peps_pct","period":"2017","value":"c","numerator":"5","denominator":"0","source":"c.csv:9"}|denominator is 0
{"indicator":"peps_pct","period":"2017","value":"-1","source":"c.csv:9"}|percent -1 is outside 0-100
{"indicator":"peps_pct","period":"2017","value":"101","source":"c.csv:9"}|percent 101 is outside 0-100
{"indicator":"cla_count","period":"2017","value":"-3","source":"c.csv:9"}|negative count -3
{"indicator":"peps_pct","period":"2017","value":"c","numerator":"-2","denominator":"10","source":"c.csv:9"}|negative numerator -2
{"indicator":"peps_pct","period":"2017","value":"23.5%","numerator":"12","denominator":"50","source":"c.csv:9"}|value 23.5 disagrees with numerator/denominator 12/50 = 24
{"indicator":"cla_rate_per_10k","period":"2017","value":"70","numerator":"60","denominator":"10000","source":"c.csv:9"}|value 70 disagrees with numerator/denominator 60/10000 = 60
TABLE
}

@test "checks allow the rounding of the value as written" {
	# 1/3 = 33.33...%: 33.3 and 33 are both right as written, 33.4 is not
	run norm_field .value '{"indicator":"peps_pct","period":"2017","value":"33.3","numerator":"1","denominator":"3"}'
	assert_output '33.3'
	run norm_field .value '{"indicator":"peps_pct","period":"2017","value":"33","numerator":"1","denominator":"3"}'
	assert_output '33'
	run kpi-normalise <<< '{"indicator":"peps_pct","period":"2017","value":"33.4","numerator":"1","denominator":"3"}'
	assert_failure 1
	assert_output "kpi-normalise: -:1: value 33.4 disagrees with numerator/denominator 1/3 = 33.3333"
}

@test "--lenient: failed checks become a data_quality note and the record passes" {
	run norm_field '[.value,.data_quality]' '{"indicator":"peps_pct","period":"2017","value":"120%","numerator":"12","denominator":"10"}' --lenient
	assert_success
	assert_output '[120,["percent 120 is outside 0-100","numerator 12 is greater than denominator 10"]]'
	run norm_field .data_quality '{"indicator":"peps_pct","period":"2017","value":"12%"}' --lenient
	assert_output 'null'
}

@test "periods: canonical form, type and bounds; year type from the catalogue" {
	run norm_field '[.period,.period_type,.period_start,.period_end]' '{"indicator":"cla_count","period":"17/18 Q1"}'
	assert_output '["2017/18-Q1","financial_quarter","2017-04-01","2017-06-30"]'
	run norm_field '[.period,.period_type]' '{"indicator":"peps_pct","period":"2016-17"}'
	assert_output '["2016/17","academic_year"]'
	run norm_field '[.period,.period_type]' '{"indicator":"cla_count","period":"2016-17"}'
	assert_output '["2016/17","financial_year"]'
	run norm_field '[.period,.period_type]' '{"indicator":"unknown_x","period":"2016-17"}' --year-type academic
	assert_output '["2016/17","academic_year"]'
	run norm_field '[.period,.period_type]' '{"indicator":"cla_count","period":"202324","time_identifier":"Academic year"}'
	assert_output '["2023/24","academic_year"]'
	run norm_field '[.period,.period_type,.period_raw]' '{"indicator":"cla_count","period":2017}'
	assert_output '["2017","year","2017"]'
}

@test "a bad period is a data error naming the text and the source" {
	run kpi-normalise <<< '{"indicator":"cla_count","period":"Q5 2017","value":"3","source":"p.csv:4"}'
	assert_failure 1
	assert_output 'kpi-normalise: p.csv:4: invalid period "Q5 2017": there is no quarter 5'
	run kpi-normalise <<< '{"indicator":"cla_count","value":"3","source":"p.csv:5"}'
	assert_failure 1
	assert_output 'kpi-normalise: p.csv:5: no period'
}

@test "catalogue matching: id, alias, name; case, space and punctuation do not count" {
	# each through its own kpi-normalise, FIELD read by one jq (norm_fields)
	jsons=() a_name=(rereferrals_12m_pct "REREFERRALS 12M PCT" rereferral_percent "Repeat Referrals" "repeat-referrals!" "Re-referrals within 12 months" "re referrals within 12months")
	for name in "${a_name[@]}"; do
		jsons+=("{\"indicator\":\"$name\",\"period\":\"2017\"}")
	done
	norm_fields .indicator "${jsons[@]}"
	for i in "${!jsons[@]}"; do
		name=${a_name[i]} got=${GOT[i]}
		[ "$got" = '"rereferrals_12m_pct"' ] || { echo "'$name' -> $got"; return 1; }
	done
}

@test "qualified aliases match on another field of the record" {
	run norm_field .indicator '{"indicator":"rate_per_10000","period":"2017","population_type":"Children looked after on 31 March each year"}'
	assert_output '"cla_rate_per_10k"'
	run kpi-normalise <<< '{"indicator":"rate_per_10000","period":"2017","population_type":"Children starting to be looked after each year","source":"r.csv:2"}'
	assert_success
	assert_line --index 1 "kpi-normalise: r.csv:2: indicator not in the catalogue $CAT (unit and polarity null): 'rate_per_10000'"
}

@test "an unknown indicator passes with nulls; one warning line for all of them, at the end" {
	printf '%s\n' '{"indicator":"Foo bar","period":"2017","value":"1","source":"u.csv:2"}' '{"indicator":"foo BAR","period":"2018","value":"2","source":"u.csv:3"}' '{"indicator":"baz","period":"2018","value":"2","source":"u.csv:4"}' > "$BATS_TEST_TMPDIR/u.ndjson"
	run --separate-stderr kpi-normalise "$BATS_TEST_TMPDIR/u.ndjson"
	assert_success
	assert_line --index 0 '{"indicator":"Foo bar","name":null,"section":null,"unit":null,"polarity":null,"order":null,"value":1,"value_raw":"1","numerator":null,"denominator":null,"status":"ok","period":"2017","period_type":"year","period_start":"2017-01-01","period_end":"2017-12-31","period_raw":"2017","area":null,"breakdown":null,"source":"u.csv:2"}'
	[ "${#lines[@]}" -eq 3 ]
	[ "$stderr" = "kpi-normalise: u.csv:2: indicator not in the catalogue $CAT (unit and polarity null): 'Foo bar', 'baz' (2 times; the first here, --verbose lists each)" ]
}

@test "--catalogued-only leaves out the indicators the catalogue does not know, and counts them" {
	printf '%s\n' '{"indicator":"Foo bar","period":"2017","value":"1","source":"u.csv:2"}' '{"indicator":"cla_count","period":"2017","value":"5","source":"u.csv:3"}' '{"indicator":"foo BAR","period":"2018","value":"2","source":"u.csv:4"}' '{"indicator":"baz","period":"2018","value":"2","source":"u.csv:5"}' > "$BATS_TEST_TMPDIR/u.ndjson"
	run --separate-stderr kpi-normalise --catalogued-only "$BATS_TEST_TMPDIR/u.ndjson"
	assert_success
	assert_output '{"indicator":"cla_count","name":"Children looked after","section":"Children in care","unit":"count","polarity":"neutral","order":2,"value":5,"value_raw":"5","numerator":null,"denominator":null,"status":"ok","period":"2017","period_type":"year","period_start":"2017-01-01","period_end":"2017-12-31","period_raw":"2017","area":null,"breakdown":null,"source":"u.csv:3"}'
	[ "$stderr" = "kpi-normalise: u.csv:2: indicator not in the catalogue $CAT, left out: 'Foo bar', 'baz' (2 times; the first here, --verbose lists each)
kpi-normalise: 3 records left out by --catalogued-only: their indicators are not in the catalogue $CAT" ]
	# --keep-going counts them apart: read = written + left out + rejected
	printf 'not json\n' >> "$BATS_TEST_TMPDIR/u.ndjson"
	run --separate-stderr kpi-normalise --catalogued-only --keep-going "$BATS_TEST_TMPDIR/u.ndjson"
	assert_failure 1
	[ "${#lines[@]}" -eq 1 ]
	[ "${stderr_lines[-1]}" = "kpi-normalise: 5 records read, 1 written, 3 left out, 1 rejected" ]
	# all of them known: nothing said
	run --separate-stderr kpi-normalise --catalogued-only <<< '{"indicator":"cla_count","period":"2017","value":"5"}'
	assert_success
	[ -z "$stderr" ]
	# none of them known: no output, and the same two lines
	run --separate-stderr kpi-normalise --catalogued-only <<< '{"indicator":"baz","period":"2017","value":"5"}'
	assert_success
	assert_output ''
	[ "${stderr_lines[1]}" = "kpi-normalise: 1 record left out by --catalogued-only: its indicator is not in the catalogue $CAT" ]
}

@test "--catalogued-only leaves out a column whose unit does not fit the catalogue indicator it names" {
	printf 'id,name,unit,polarity,aliases\ncount_x,Count X,count,neutral,x_rate;y\n' > "$BATS_TEST_TMPDIR/c.csv"
	printf '%s\n' '{"indicator":"x_rate","period":"2008","value":"12","source":"r.csv:2"}' '{"indicator":"y","period":"2008","value":"12","source":"r.csv:3"}' > "$BATS_TEST_TMPDIR/u.ndjson"
	run --separate-stderr kpi-normalise --catalogued-only -c "$BATS_TEST_TMPDIR/c.csv" "$BATS_TEST_TMPDIR/u.ndjson"
	assert_success
	[ "${#lines[@]}" -eq 1 ]
	[ "$(jq -r .indicator <<< "$output")" = count_x ]
	[ "$stderr" = "kpi-normalise: r.csv:2: column whose unit does not fit the catalogue indicator it names, left out: 'x_rate' is a percent, not catalogue indicator 'count_x' (count)
kpi-normalise: 1 record left out by --catalogued-only: its indicator is not in the catalogue $BATS_TEST_TMPDIR/c.csv" ]
}

@test "unknown indicators: the line names five and counts the rest" {
	for i in 1 2 3 4 5 6 7; do printf '{"indicator":"x%d","period":"2017","value":"1","source":"u.csv:%d"}\n' "$i" $((i + 1)); done > "$BATS_TEST_TMPDIR/u.ndjson"
	run --separate-stderr kpi-normalise "$BATS_TEST_TMPDIR/u.ndjson"
	assert_success
	[ "$stderr" = "kpi-normalise: u.csv:2: indicator not in the catalogue $CAT (unit and polarity null): 'x1', 'x2', 'x3', 'x4', 'x5' and 2 more (7 times; the first here, --verbose lists each)" ]
}

@test "--verbose: each warning where it happens" {
	printf '%s\n' '{"indicator":"Foo bar","period":"2017","value":"1","source":"u.csv:2"}' '{"indicator":"foo BAR","period":"2018","value":"2","source":"u.csv:3"}' '{"indicator":"baz","period":"2018","value":"2","source":"u.csv:4"}' '{"indicator":"baz","period":"2018","value":"2","source":"u.csv:5"}' '{"indicator":"baz","period":"2018","value":"2","source":"u.csv:6"}' > "$BATS_TEST_TMPDIR/u.ndjson"
	for opt in --verbose -v; do
		run --separate-stderr kpi-normalise "$opt" "$BATS_TEST_TMPDIR/u.ndjson"
		assert_success
		[ "${#lines[@]}" -eq 3 ]
		[ "$stderr" = "kpi-normalise: u.csv:2: indicator not in the catalogue $CAT (unit and polarity null): 'Foo bar'
kpi-normalise: u.csv:4: indicator not in the catalogue $CAT (unit and polarity null): 'baz'
kpi-normalise: u.csv:5: duplicate with the same value as an earlier record, passed once: u.csv:4 (baz, period 2018)
kpi-normalise: u.csv:6: duplicate with the same value as an earlier record, passed once: u.csv:4 (baz, period 2018)" ]
	done
}

@test "warnings so far are printed before a bad record stops the run" {
	printf '%s\n' '{"indicator":"Foo bar","period":"2017","value":"1","source":"u.csv:2"}' '{"indicator":"cla_count","period":"2017","value":"oops","source":"u.csv:3"}' > "$BATS_TEST_TMPDIR/u.ndjson"
	run --separate-stderr kpi-normalise "$BATS_TEST_TMPDIR/u.ndjson"
	assert_failure 1
	[ "${#stderr_lines[@]}" -eq 2 ]
	[ "${stderr_lines[0]}" = "kpi-normalise: u.csv:2: indicator not in the catalogue $CAT (unit and polarity null): 'Foo bar'" ]
	[[ ${stderr_lines[1]} == "kpi-normalise: u.csv:3: value 'oops' is not a number"* ]]
}

@test "--strict: an unknown indicator is a data error" {
	run kpi-normalise --strict <<< '{"indicator":"Foo bar","period":"2017","value":"1","source":"u.csv:2"}'
	assert_failure 1
	assert_output "kpi-normalise: u.csv:2: unknown indicator 'Foo bar' (not in the catalogue $CAT)"
}

@test "catalogue: --catalogue, then \$KPI_CATALOGUE, then the installed one" {
	run norm_field .unit '{"indicator":"peps","period":"2017"}' --catalogue "$CAT"
	assert_output '"percent"'
	unset KPI_CATALOGUE
	# the shipped catalogue (KPI_DATADIR=share): PEPs is an alias of peps_in_time_pct there
	run norm_field .indicator '{"indicator":"peps","period":"2017"}'
	assert_output '"peps_in_time_pct"'
}

@test "catalogue load errors: a duplicate alias names both lines; exit 1" {
	run kpi-normalise --catalogue "$DATA/normalise/dup-alias.csv" < /dev/null
	assert_failure 1
	assert_output "kpi-normalise: $DATA/normalise/dup-alias.csv:3: alias 'shared-NAME' is claimed twice: by line 2 (a_pct) and line 3 (b_pct)"
}

@test "catalogue load errors: a bad unit, a missing file" {
	printf 'id,name,unit,polarity\nx,X,percentage,neutral\n' > "$BATS_TEST_TMPDIR/c.csv"
	run kpi-normalise --catalogue "$BATS_TEST_TMPDIR/c.csv" < /dev/null
	assert_failure 1
	assert_output "kpi-normalise: $BATS_TEST_TMPDIR/c.csv:2: unit 'percentage' is not one of percent, count, rate_per_10k, rate_per_100k, days, weeks, ratio, score, currency"
	run kpi-normalise --catalogue /nonexistent.csv < /dev/null
	assert_failure 2
	assert_output "kpi-normalise: /nonexistent.csv: No such file or directory"
	# a file that opens but cannot be read: the loader returns the read error
	run kpi-normalise --catalogue / < /dev/null
	assert_failure 2
	assert_output "kpi-normalise: /: Is a directory"
}

@test "--list-catalogue prints NDJSON" {
	run kpi-normalise --list-catalogue
	assert_success
	assert_line --index 0 '{"id":"rereferrals_12m_pct","name":"Re-referrals within 12 months","section":"Contacts and referrals","unit":"percent","polarity":"lower_is_better","order":1,"aliases":["rereferral_percent","Repeat referrals"],"year_type":null,"snapshot":null,"definition":"Re-referrals within 12 months of a previous referral.","source":"DfE CIN census"}'
	[ "${#lines[@]}" -eq 6 ]
}

@test "the shipped catalogue lists at least 60 indicators and jq can search it" {
	unset KPI_CATALOGUE
	run bash -c "set -o pipefail; kpi-normalise --list-catalogue | jq -r 'select(.section == \"Workforce\") | .id' | head -2"
	assert_success
	assert_output $'sw_fte_count\nsw_agency_rate_pct'
	n=$(kpi-normalise --list-catalogue | wc -l)
	[ "$n" -ge 60 ]
}

@test "duplicates: identical values pass once with a note" {
	printf '%s\n' '{"indicator":"cla_count","period":"2017","value":"5","area":"Kent","source":"d.csv:2"}' '{"indicator":"Children looked after","period":"2017","value":"5.0","area":"Kent","source":"d.csv:9"}' > "$BATS_TEST_TMPDIR/d.ndjson"
	run kpi-normalise "$BATS_TEST_TMPDIR/d.ndjson"
	assert_success
	assert_line 'kpi-normalise: d.csv:9: duplicate with the same value as an earlier record, passed once: d.csv:2 (cla_count, period 2017)'
	[ "${#lines[@]}" -eq 2 ]
}

@test "duplicates: different values are a data error naming both sources" {
	printf '%s\n' '{"indicator":"cla_count","period":"Jun-17","value":"5","area":"Kent","source":"d.csv:2"}' '{"indicator":"cla_count","period":"2017-06","value":"6","area":"Kent","source":"e.csv:3:Jun-17"}' > "$BATS_TEST_TMPDIR/d.ndjson"
	run kpi-normalise "$BATS_TEST_TMPDIR/d.ndjson"
	assert_failure 1
	assert_line "kpi-normalise: e.csv:3:Jun-17: duplicate of d.csv:2 (cla_count, period 2017-06) with a different value '6'; if the two are releases, date them with kpi-ingest --released DATE"
}

@test "duplicates: a percentage with its count and the same without it agree; other counts do not" {
	printf '%s\n' '{"indicator":"rereferral_percent","period":"2025","value":"22.1","numerator":"1300","area":"Leeds","source":"c1.csv:2"}' \
		'{"indicator":"rereferral_percent","period":"2025","value":"22.1","area":"Leeds","source":"own.csv:7"}' \
		'{"indicator":"rereferral_percent","period":"2025","value":"22.1","numerator":"c","denominator":"5877","area":"Leeds","source":"own.csv:8"}' > "$BATS_TEST_TMPDIR/d.ndjson"
	run --separate-stderr kpi-normalise "$BATS_TEST_TMPDIR/d.ndjson"
	assert_success
	[ "$stderr" = "kpi-normalise: own.csv:7: duplicate with the same value as an earlier record, passed once: c1.csv:2 (rereferrals_12m_pct, period 2025) (2 times; the first here, --verbose lists each)" ]
	[ "$(jq -c '[.value, .numerator, .denominator]' <<<"$output")" = "[22.1,1300,null]" ]
	# the same value with another count: a conflict, named as one
	printf '%s\n' '{"indicator":"rereferral_percent","period":"2025","value":"22.1","numerator":"1301","area":"Leeds","source":"own.csv:9"}' >> "$BATS_TEST_TMPDIR/d.ndjson"
	run --separate-stderr kpi-normalise "$BATS_TEST_TMPDIR/d.ndjson"
	assert_failure 1
	[[ $stderr == *"kpi-normalise: own.csv:9: duplicate of c1.csv:2 (rereferrals_12m_pct, period 2025) with a different numerator or denominator, value '22.1'; if the two are releases, date them with kpi-ingest --released DATE"* ]]
}

@test "kpi-trend: a point with its count and the same point without it are one point with the count" {
	printf '%s\n' '{"indicator":"rereferral_percent","period":"2025","value":"22.1","area":"Leeds","source":"own.csv:7"}' > "$BATS_TEST_TMPDIR/a.ndjson"
	printf '%s\n' '{"indicator":"rereferral_percent","period":"2025","value":"22.1","numerator":"1300","area":"Leeds","source":"c1.csv:2"}' > "$BATS_TEST_TMPDIR/b.ndjson"
	kpi-normalise "$BATS_TEST_TMPDIR/a.ndjson" > "$BATS_TEST_TMPDIR/a.typed"
	kpi-normalise "$BATS_TEST_TMPDIR/b.ndjson" > "$BATS_TEST_TMPDIR/b.typed"
	run --separate-stderr kpi-trend "$BATS_TEST_TMPDIR/a.typed" "$BATS_TEST_TMPDIR/b.typed"
	assert_success
	[ -z "$stderr" ]
	[ "$(jq -c '[.value, .numerator, .source]' <<<"$output")" = '[22.1,1300,"own.csv:7"]' ]
	# another count is still a duplicate with different figures
	printf '%s\n' '{"indicator":"rereferral_percent","period":"2025","value":"22.1","numerator":"1301","area":"Leeds","source":"x.csv:3"}' | kpi-normalise > "$BATS_TEST_TMPDIR/c.typed"
	run --separate-stderr kpi-trend "$BATS_TEST_TMPDIR/b.typed" "$BATS_TEST_TMPDIR/c.typed"
	assert_failure 1
	[[ $stderr == "kpi-trend: x.csv:3: duplicate observation for period 2025 in series "* ]]
}

@test "duplicates: another area, breakdown or period is not a duplicate" {
	printf '%s\n' '{"indicator":"cla_count","period":"2017","value":"5","area":"Kent"}' '{"indicator":"cla_count","period":"2017","value":"6","area":"Essex"}' '{"indicator":"cla_count","period":"2017","value":"6","area":"Kent","breakdown":"Male"}' '{"indicator":"cla_count","period":"2018","value":"6","area":"Kent"}' > "$BATS_TEST_TMPDIR/d.ndjson"
	run kpi-normalise "$BATS_TEST_TMPDIR/d.ndjson"
	assert_success
	[ "${#lines[@]}" -eq 4 ]
}

@test "--keep-going rejects the later duplicate and counts: read = written + rejected" {
	printf '%s\n' '{"indicator":"cla_count","period":"2017","value":"5","source":"d.csv:2"}' '{"indicator":"cla_count","period":"2017","value":"6","source":"d.csv:3"}' '{"indicator":"cla_count","period":"2017","value":"5","source":"d.csv:4"}' 'not json' '{"indicator":"cla_count","period":"2018","value":"7","source":"d.csv:6"}' > "$BATS_TEST_TMPDIR/d.ndjson"
	run kpi-normalise --keep-going --rejects "$BATS_TEST_TMPDIR/rej.ndjson" "$BATS_TEST_TMPDIR/d.ndjson"
	assert_failure 1
	assert_line "kpi-normalise: d.csv:3: duplicate of d.csv:2 (cla_count, period 2017) with a different value '6'; if the two are releases, date them with kpi-ingest --released DATE"
	assert_line "kpi-normalise: d.csv:4: duplicate with the same value as an earlier record, passed once: d.csv:2 (cla_count, period 2017)"
	assert_line "kpi-normalise: 5 records read, 3 written, 2 rejected"
	[ "$(grep -c '"indicator":"cla_count"' <<< "$output")" -eq 2 ]
	[ "$(wc -l < "$BATS_TEST_TMPDIR/rej.ndjson")" -eq 2 ]
	run jq -r .source "$BATS_TEST_TMPDIR/rej.ndjson"
	assert_output $'d.csv:3\n'"$BATS_TEST_TMPDIR/d.ndjson:4"
}

@test "--allow-duplicates skips the check" {
	printf '%s\n' '{"indicator":"cla_count","period":"2017","value":"5"}' '{"indicator":"cla_count","period":"2017","value":"6"}' | kpi-normalise --allow-duplicates > "$BATS_TEST_TMPDIR/o"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/o")" -eq 2 ]
}

@test "normalising twice gives the same records" {
	kpi-normalise "$DATA/normalise/raw.ndjson" > "$BATS_TEST_TMPDIR/once"
	kpi-normalise "$BATS_TEST_TMPDIR/once" > "$BATS_TEST_TMPDIR/twice"
	run diff "$BATS_TEST_TMPDIR/once" "$BATS_TEST_TMPDIR/twice"
	assert_success
}

@test "BOM, CRLF, blank lines and null values in the input" {
	run kpi-normalise "$DATA/normalise/bom-crlf.ndjson"
	assert_success
	[ "${#lines[@]}" -eq 2 ]
	assert_line --index 0 --partial '"value":85.7,"value_raw":"85.700000000000"'
	assert_line --index 1 --partial '"value":null,"value_raw":null,"numerator":null,"denominator":null,"status":"missing"'
}

@test "empty input gives empty output" {
	run kpi-normalise < /dev/null
	assert_success
	assert_output ''
}

@test "bad input lines: not JSON, no indicator, wrong types" {
	run kpi-normalise <<< 'not json'
	assert_failure 1
	assert_output --partial 'kpi-normalise: -:1: '
	run kpi-normalise <<< '{"period":"2017","value":"1","source":"b.csv:2"}'
	assert_failure 1
	assert_output 'kpi-normalise: b.csv:2: no indicator field'
	run kpi-normalise <<< '{"indicator":"cla_count","period":"2017","value":[1],"source":"b.csv:3"}'
	assert_failure 1
	assert_output 'kpi-normalise: b.csv:3: value, numerator and denominator must be strings, numbers or null'
}

@test "a huge pass-through field is kept whole" {
	big=$(head -c 200000 /dev/zero | tr '\0' 'a')
	printf '{"indicator":"cla_count","period":"2017","value":"1","note":"%s"}\n' "$big" > "$BATS_TEST_TMPDIR/big.ndjson"
	run bash -c "set -o pipefail; kpi-normalise '$BATS_TEST_TMPDIR/big.ndjson' | jq -r '.note | length'"
	assert_output 200000
}

@test "usage errors exit 2" {
	run kpi-normalise --durations yy-mm < /dev/null
	assert_failure 2
	assert_line --index 0 "kpi-normalise: --durations: 'yy-mm' is not yy:mm or mm:dd"
	run kpi-normalise --year-type calendar < /dev/null
	assert_failure 2
	run kpi-normalise --no-such-option < /dev/null
	assert_failure 2
	run kpi-normalise /nonexistent.ndjson
	assert_failure 2
}

@test "write errors: /dev/full exits 2, a closed pipe is quiet" {
	run bash -c "kpi-normalise '$DATA/normalise/raw.ndjson' > /dev/full"
	assert_failure 2
	assert_output --partial 'kpi-normalise: '
	awk 'BEGIN { for (i = 0; i < 100000; i++) print "{\"indicator\":\"cla_count\",\"period\":\"2017\",\"value\":\"1\"}" }' >"$BATS_TEST_TMPDIR/many.ndjson"
	# the pipe closes after one line: kpi-normalise ends as SIGPIPE ends it (141), saying nothing
	run --separate-stderr bash -c "set -o pipefail; kpi-normalise --allow-duplicates '$BATS_TEST_TMPDIR/many.ndjson' | head -1"
	assert_failure 141
	[ -z "$stderr" ]
	assert_output --partial '"indicator":"cla_count"'
}

@test "--help and --version" {
	run kpi-normalise --help
	assert_success
	assert_line --index 0 'Usage: kpi-normalise [OPTION]... [FILE]...'
	run kpi-normalise --version
	assert_success
	assert_output --regexp '^kpi-normalise \(kpi\) [0-9]'
}

# dupes(1M ...): 999,999 distinct records, then for each N given a repeat
# (with another value) of record N, N counted from 1, at lines 1000001...
dup_stream() { # N...
	awk -v list="$*" 'BEGIN {
		for (i = 1; i <= 999999; i++)
			printf "{\"indicator\":\"cla_count\",\"period\":\"2017\",\"value\":\"%d\",\"area\":\"A%d\",\"source\":\"d.csv:%d\"}\n", i % 97, i, i + 1
		k = split(list, n, " ")
		for (j = 1; j <= k; j++)
			printf "{\"indicator\":\"cla_count\",\"period\":\"2017\",\"value\":\"%d\",\"area\":\"A%d\",\"source\":\"d.csv:%d\"}\n", n[j] % 97 + 1, n[j], 1000000 + j
	}'
}

dup_through_normalise() { # N...: the stream through kpi-normalise, its status kept
	set -o pipefail
	dup_stream "$@" | kpi-normalise --keep-going --rejects /dev/null >/dev/null
}

@test "duplicates: a conflict is found after 512 distinct observations (the table grows)" {
	# one record, 512 others, the first again with another value: the table
	# has grown once between the two, and the conflict must still be seen
	{ printf '%s\n' '{"indicator":"cla_count","period":"2017","value":"5","area":"A0","source":"d.csv:1"}'
	  awk 'BEGIN { for (i = 1; i <= 512; i++) printf "{\"indicator\":\"cla_count\",\"period\":\"2017\",\"value\":\"1\",\"area\":\"B%d\",\"source\":\"d.csv:%d\"}\n", i, i + 1 }'
	  printf '%s\n' '{"indicator":"cla_count","period":"2017","value":"6","area":"A0","source":"d.csv:514"}'; } > "$BATS_TEST_TMPDIR/d.ndjson"
	run kpi-normalise "$BATS_TEST_TMPDIR/d.ndjson"
	assert_failure 1
	assert_line "kpi-normalise: d.csv:514: duplicate of d.csv:1 (cla_count, period 2017) with a different value '6'; if the two are releases, date them with kpi-ingest --released DATE"
}

@test "duplicates: conflicts early and late in 1M observations are both found" {
	# one pass: the five conflicts at the end, each found
	run dup_through_normalise 1 2 999 999998 999999
	assert_failure 1
	local j=0 n
	for n in 1 2 999 999998 999999; do
		j=$((j + 1))
		assert_line --index $((j - 1)) "kpi-normalise: d.csv:$((1000000 + j)): duplicate of d.csv:$((n + 1)) (cla_count, period 2017) with a different value '$((n % 97 + 1))'; if the two are releases, date them with kpi-ingest --released DATE"
	done
	assert_line --index 5 "kpi-normalise: 1000004 records read, 999999 written, 5 rejected"
	[ "${#lines[@]}" -eq 6 ]
}

# --- breakdowns: the series identity (issue 14 item 1) -----------------------

@test "breakdown: an object passes as it is; a string too; every field a total is null" {
	run norm_field '.breakdown' '{"indicator":"cla_count","period":"2017","value":"1","breakdown":{"age":"Under 1","sex":"Female"}}'
	assert_output '{"age":"Under 1","sex":"Female"}'
	run norm_field '.breakdown' '{"indicator":"cla_count","period":"2017","value":"1","breakdown":"Male"}'
	assert_output '"Male"'
	# each through its own kpi-normalise, FIELD read by one jq (norm_fields)
	jsons=() a_total=('"Total"' '{"age":"All ages","sex":"Total"}' '{"age":null,"sex":""}' '{}' '"Suitability total"' 'null')
	for total in "${a_total[@]}"; do
		jsons+=("{\"indicator\":\"cla_count\",\"period\":\"2017\",\"value\":\"1\",\"breakdown\":$total}")
	done
	norm_fields '.breakdown' "${jsons[@]}"
	for i in "${!jsons[@]}"; do
		total=${a_total[i]} got=${GOT[i]}
		[ "$got" = null ] || { echo "$total -> $got"; return 1; }
	done
	# a total field next to a sub-group stays as written
	run norm_field '.breakdown' '{"indicator":"cla_count","period":"2017","value":"1","breakdown":{"age":"Total","sex":"Male"}}'
	assert_output '{"age":"Total","sex":"Male"}'
}

@test "breakdown: the fields the matched alias selects on are taken out (they name the indicator)" {
	# the qualifier may be a field of the breakdown object, as kpi-ingest writes EES filters
	run norm_field '[.indicator, .breakdown]' '{"indicator":"children_count","period":"2017","value":"5","breakdown":{"population_type":"Children looked after on 31 March each year","age":"Under 1"}}'
	assert_output '["cla_count",{"age":"Under 1"}]'
	run norm_field '[.indicator, .breakdown]' '{"indicator":"children_count","period":"2017","value":"5","breakdown":{"population_type":"Children looked after on 31 March each year","age":"Total"}}'
	assert_output '["cla_count",null]'
	run norm_field '[.indicator, .breakdown]' '{"indicator":"children_count","period":"2017","value":"5","breakdown":{"population_type":"Children looked after on 31 March each year"}}'
	assert_output '["cla_count",null]'
	# or a field of the record (kpi-ingest before breakdown objects)
	run norm_field '[.indicator, .breakdown, .population_type]' '{"indicator":"children_count","period":"2017","value":"5","population_type":"Children looked after on 31 March each year","breakdown":"Under 1"}'
	assert_output '["cla_count","Under 1","Children looked after on 31 March each year"]'
	# an unqualified match takes nothing out
	run norm_field '[.indicator, .breakdown]' '{"indicator":"cla_count","period":"2017","value":"5","breakdown":{"population_type":"Children looked after on 31 March each year"}}'
	assert_output '["cla_count",{"population_type":"Children looked after on 31 March each year"}]'
	# an alias on the field "breakdown" takes a string breakdown out
	printf 'id,name,unit,polarity,aliases\nsuitable_pct,Suitable,percent,higher_is_better,care_leaver_percent[breakdown=Accommodation considered suitable]\n' > "$BATS_TEST_TMPDIR/c.csv"
	run norm_field '[.indicator, .breakdown]' '{"indicator":"care_leaver_percent","period":"2017","value":"5","breakdown":"Accommodation considered suitable"}' -c "$BATS_TEST_TMPDIR/c.csv"
	assert_output '["suitable_pct",null]'
	run norm_field '[.indicator, .breakdown]' '{"indicator":"care_leaver_percent","period":"2017","value":"5","breakdown":{"care_leaver_age":"17 to 18 years","breakdown":"Accommodation considered suitable"}}' -c "$BATS_TEST_TMPDIR/c.csv"
	assert_output '["suitable_pct",{"care_leaver_age":"17 to 18 years"}]'
}

@test "breakdown: the duplicate check keys on its identity (order, case, totals do not count)" {
	printf '%s\n' '{"indicator":"cla_count","period":"2017","value":"5","breakdown":{"age":"Total","sex":"Male"},"source":"d.csv:2"}' '{"indicator":"cla_count","period":"2017","value":"6","breakdown":{"SEX":"male"},"source":"d.csv:3"}' > "$BATS_TEST_TMPDIR/d.ndjson"
	run kpi-normalise "$BATS_TEST_TMPDIR/d.ndjson"
	assert_failure 1
	assert_line "kpi-normalise: d.csv:3: duplicate of d.csv:2 (cla_count, period 2017, breakdown 'male') with a different value '6'; if the two are releases, date them with kpi-ingest --released DATE"
	# the total series: no breakdown, null, a total string and an all-total object are one
	printf '%s\n' '{"indicator":"cla_count","period":"2017","value":"5","source":"t.csv:2"}' '{"indicator":"cla_count","period":"2017","value":"5","breakdown":"Total","source":"t.csv:3"}' '{"indicator":"cla_count","period":"2017","value":"7","breakdown":{"age":"All ages"},"source":"t.csv:4"}' > "$BATS_TEST_TMPDIR/t.ndjson"
	run --separate-stderr kpi-normalise --keep-going "$BATS_TEST_TMPDIR/t.ndjson"
	assert_failure 1
	[ "${stderr_lines[0]}" = "kpi-normalise: t.csv:4: duplicate of t.csv:2 (cla_count, period 2017) with a different value '7'; if the two are releases, date them with kpi-ingest --released DATE" ]
	[ "${stderr_lines[1]}" = "kpi-normalise: t.csv:3: duplicate with the same value as an earlier record, passed once: t.csv:2 (cla_count, period 2017)" ]
	[ "${stderr_lines[2]}" = "kpi-normalise: 3 records read, 2 written, 1 rejected" ]
}

@test "breakdown: under --keep-going different sub-groups with the same value are all written" {
	# 3 sub-groups x 2 ages of one indicator, area and period, every value 5
	for g in suitable unsuitable 'no information'; do
		for a in '17 to 18 years' '19 to 21 years'; do
			printf '{"indicator":"care_leaver_count","period":"2025","time_identifier":"Reporting year","value":"5","area":"Leeds","breakdown":{"care_leaver_age":"%s","breakdown":"%s"}}\n' "$a" "$g"
		done
	done > "$BATS_TEST_TMPDIR/g.ndjson"
	run --separate-stderr kpi-normalise --keep-going --rejects "$BATS_TEST_TMPDIR/rej" "$BATS_TEST_TMPDIR/g.ndjson"
	assert_success
	[ "${#lines[@]}" -eq 6 ]
	[ "$stderr" = "kpi-normalise: $BATS_TEST_TMPDIR/g.ndjson:1: indicator not in the catalogue $CAT (unit and polarity null): 'care_leaver_count'
kpi-normalise: 6 records read, 6 written, 0 rejected" ]
	[ ! -s "$BATS_TEST_TMPDIR/rej" ]
	run jq -r '.breakdown | [.care_leaver_age, .breakdown] | join(" / ")' <<< "$output"
	assert_line --index 5 '19 to 21 years / no information'
}

@test "breakdown: a number, an array or a nested object is a data error" {
	for bd in '12' '["a"]' '{"age":{"x":1}}' '{"age":3}' 'true'; do
		run kpi-normalise <<< "{\"indicator\":\"cla_count\",\"period\":\"2017\",\"value\":\"1\",\"breakdown\":$bd,\"source\":\"b.csv:2\"}"
		assert_failure 1
		case $bd in
		'{'*) assert_output --regexp "^kpi-normalise: b.csv:2: breakdown field 'age' is not a string or null$" ;;
		*) assert_output 'kpi-normalise: b.csv:2: breakdown is not a string, an object of column -> value, or null' ;;
		esac
	done
}

# --- DfE dates (issue 14 item 3) ----------------------------------------------

@test "DfE Reporting year YYYY is the financial year to 31 March YYYY" {
	run norm_field '[.period,.period_type,.period_start,.period_end,.period_raw]' '{"indicator":"cla_count","period":"2025","time_identifier":"Reporting year","value":"1"}'
	assert_output '["2024/25","financial_year","2024-04-01","2025-03-31","2025"]'
	# and the same series as a council's 2024/25
	printf '%s\n' '{"indicator":"cla_count","period":"2025","time_identifier":"Reporting year","value":"9","area":"Leeds","source":"dfe.csv:2"}' '{"indicator":"cla_count","period":"2024/25","value":"9","area":"Leeds","source":"council.csv:2"}' > "$BATS_TEST_TMPDIR/y.ndjson"
	run kpi-normalise "$BATS_TEST_TMPDIR/y.ndjson"
	assert_line 'kpi-normalise: council.csv:2: duplicate with the same value as an earlier record, passed once: dfe.csv:2 (cla_count, period 2024/25)'
}

@test "time_identifier decides the period; without it the written rules apply" {
	# each row through its own kpi-normalise, FIELD read by one jq (norm_fields)
	jsons=() a_period=() a_tid=() a_want=()
	while IFS='|' read -r period tid want; do
		a_period+=("$period") a_tid+=("$tid") a_want+=("$want")
		jsons+=("{\"indicator\":\"unknown_x\",\"period\":\"$period\",\"time_identifier\":\"$tid\"}")
	done <<'TABLE'
202425|Academic year|["2024/25","academic_year","2025-08-31"]
2024|Calendar year|["2024","year","2024-12-31"]
202425|Financial year|["2024/25","financial_year","2025-03-31"]
202425|Financial year Q1|["2024/25-Q1","financial_quarter","2024-06-30"]
202425|Spring term|["2024/25-T2","term","2025-04-20"]
2024|Calendar year Q3|["2024-Q3","quarter","2024-09-30"]
2024|March|["2024-03","month","2024-03-31"]
2024|Week 5|["2024-W05","week","2024-02-04"]
TABLE
	norm_fields '[.period,.period_type,.period_end]' "${jsons[@]}"
	for i in "${!jsons[@]}"; do
		period=${a_period[i]} tid=${a_tid[i]} want=${a_want[i]} got=${GOT[i]}
		[ "$got" = "$want" ] || { echo "$period $tid: got $got, want $want"; return 1; }
	done
	run norm_field '[.period,.period_type]' '{"indicator":"unknown_x","period":"2024/25"}' --year-type academic
	assert_output '["2024/25","academic_year"]'
}

@test "a year read from a header: Mar2014 is March 2014, 2007 the year" {
	run norm_field '[.period,.period_type,.period_end]' '{"indicator":"cla_count","period":"Mar2014","value":"68840"}'
	assert_output '["2014-03","month","2014-03-31"]'
	run norm_field '[.period,.period_type,.period_end]' '{"indicator":"cla_count","period":"2007","value":"1"}'
	assert_output '["2007","year","2007-12-31"]'
}

@test "a snapshot in the catalogue: Reporting year 2025 as at 30 September is the day 2025-09-30" {
	printf 'id,name,unit,polarity,snapshot\nsw_fte,Social workers,count,neutral,09-30\n' > "$BATS_TEST_TMPDIR/c.csv"
	run norm_field '[.period,.period_type,.period_start,.period_end]' '{"indicator":"sw_fte","period":"2025","time_identifier":"Reporting year","value":"1"}' -c "$BATS_TEST_TMPDIR/c.csv"
	assert_output '["2025-09-30","date","2025-09-30","2025-09-30"]'
	# without a time_identifier, or for another indicator, the usual rules
	run norm_field '[.period,.period_type]' '{"indicator":"sw_fte","period":"2025","value":"1"}' -c "$BATS_TEST_TMPDIR/c.csv"
	assert_output '["2025","year"]'
	run norm_field '[.period,.period_type]' '{"indicator":"other","period":"2025","time_identifier":"Reporting year","value":"1"}' -c "$BATS_TEST_TMPDIR/c.csv"
	assert_output '["2024/25","financial_year"]'
	run kpi-normalise --catalogue "$BATS_TEST_TMPDIR/c.csv" --list-catalogue
	assert_output '{"id":"sw_fte","name":"Social workers","section":null,"unit":"count","polarity":"neutral","order":1,"aliases":[],"year_type":null,"snapshot":"09-30","definition":null,"source":null}'
}

@test "the shipped catalogue: workforce 2025 is 2025-09-30, children in care 2025 ends 2025-03-31" {
	unset KPI_CATALOGUE
	run norm_field '[.indicator,.period,.period_end]' '{"indicator":"agency_rate_fte","period":"2025","time_identifier":"Reporting year","value":"13"}'
	assert_output '["sw_agency_rate_pct","2025-09-30","2025-09-30"]'
	run norm_field '[.indicator,.period,.period_end]' '{"indicator":"children_count","period":"2025","time_identifier":"Reporting year","value":"81770","breakdown":{"population_type":"Children looked after on 31 March each year"}}'
	assert_output '["cla_count","2024/25","2025-03-31"]'
}

# --- durations, EES metadata --------------------------------------------------

@test "a YY:MM duration of an indicator the catalogue does not know is days" {
	run norm_field '[.value,.value_raw,.unit]' '{"indicator":"number","period":"2025","value":"02:03"}'
	assert_output '[822,"02:03",null]'
}

@test "an unknown indicator takes its name from the EES indicator_label" {
	run norm_field '[.indicator,.name]' '{"indicator":"t_pupils","period":"2025","value":"5","indicator_label":"Number of pupils","indicator_unit":"","indicator_dp":"0"}'
	assert_output '["t_pupils","Number of pupils"]'
}

# --- unit-safe matching (issue 14 item 7) ------------------------------------

@test "warnings of a stream from several files: one line per file, each naming its own" {
	printf '%s\n' '{"indicator":"cases","period":"2025","value":"5","source":"csww.csv:2"}' \
		'{"indicator":"care_leaver_count","period":"2025","value":"6","source":"leavers.csv:2"}' \
		'{"indicator":"care_leaver_percent","period":"2025","value":"7","source":"leavers.csv:3"}' \
		'{"indicator":"cases","period":"2024","value":"8","source":"csww.csv:3"}' >"$BATS_TEST_TMPDIR/two.ndjson"
	run --separate-stderr kpi-normalise "$BATS_TEST_TMPDIR/two.ndjson"
	assert_success
	[ "${#lines[@]}" -eq 4 ]
	local cat="${stderr_lines[0]#*in the catalogue }"
	cat=${cat%% (unit and polarity null)*}
	[ "$stderr" = "kpi-normalise: csww.csv:2: indicator not in the catalogue $cat (unit and polarity null): 'cases'
kpi-normalise: leavers.csv:2: indicator not in the catalogue $cat (unit and polarity null): 'care_leaver_count', 'care_leaver_percent' (2 times; the first here, --verbose lists each)" ]
}

@test "a count column never becomes a percent indicator: a warning naming both, an unknown indicator" {
	printf 'id,name,unit,polarity,aliases\nks2_l4_pct,Level 4 in English and maths,percent,higher_is_better,Number achieving Level 4 in English and Maths;pt_overall\ncount_x,Count X,count,neutral,x_rate;y\n' > "$BATS_TEST_TMPDIR/c.csv"
	printf '%s\n' '{"indicator":"Number achieving Level 4 in English and Maths","period":"2007","value":"10","source":"ks2.csv:5:Number achieving Level 4 in English and Maths 2007"}' '{"indicator":"Number achieving Level 4 in English and Maths","period":"2008","value":"12","source":"ks2.csv:5:Number achieving Level 4 in English and Maths 2008"}' '{"indicator":"x_rate","period":"2008","value":"12","source":"r.csv:2"}' > "$BATS_TEST_TMPDIR/u.ndjson"
	run --separate-stderr kpi-normalise -c "$BATS_TEST_TMPDIR/c.csv" "$BATS_TEST_TMPDIR/u.ndjson"
	assert_success
	# one line per input file (the records' sources)
	[ "$stderr" = "kpi-normalise: ks2.csv:5:Number achieving Level 4 in English and Maths 2007: column whose unit does not fit the catalogue indicator it names, passed as unknown: 'Number achieving Level 4 in English and Maths' is a count, not catalogue indicator 'ks2_l4_pct' (percent)
kpi-normalise: r.csv:2: column whose unit does not fit the catalogue indicator it names, passed as unknown: 'x_rate' is a percent, not catalogue indicator 'count_x' (count)" ]
	[ "$(jq -c '[.indicator,.unit,.value]' <<< "${lines[0]}")" = '["Number achieving Level 4 in English and Maths",null,10]' ]
	run --separate-stderr kpi-normalise --verbose -c "$BATS_TEST_TMPDIR/c.csv" "$BATS_TEST_TMPDIR/u.ndjson"
	[ "${stderr_lines[0]}" = "kpi-normalise: ks2.csv:5:Number achieving Level 4 in English and Maths 2007: column whose unit does not fit the catalogue indicator it names, passed as unknown: 'Number achieving Level 4 in English and Maths' is a count, not catalogue indicator 'ks2_l4_pct' (percent)" ]
	[ "${#stderr_lines[@]}" -eq 2 ]
	run kpi-normalise --strict -c "$BATS_TEST_TMPDIR/c.csv" "$BATS_TEST_TMPDIR/u.ndjson"
	assert_failure 1
	assert_output "kpi-normalise: ks2.csv:5:Number achieving Level 4 in English and Maths 2007: indicator 'Number achieving Level 4 in English and Maths' is a count, not catalogue indicator 'ks2_l4_pct' (percent)"
	# the EES metadata decides: a "%" column is not a count, a whole-number one not a percent
	run norm_field '.indicator' '{"indicator":"y","period":"2008","value":"12","indicator_unit":"%","indicator_dp":"1"}' -c "$BATS_TEST_TMPDIR/c.csv"
	assert_output '"y"'
	run norm_field '.indicator' '{"indicator":"pt_overall","period":"2008","value":"12","indicator_unit":"","indicator_dp":"0"}' -c "$BATS_TEST_TMPDIR/c.csv"
	assert_output '"pt_overall"'
	run norm_field '.indicator' '{"indicator":"pt_overall","period":"2008","value":"12","indicator_unit":"%","indicator_dp":"1"}' -c "$BATS_TEST_TMPDIR/c.csv"
	assert_output '"ks2_l4_pct"'
	# the shipped catalogue's KS2 Level 4 number is a count indicator
	unset KPI_CATALOGUE
	run norm_field '[.indicator,.unit]' '{"indicator":"Number achieving Level 4 in English and Maths","period":"2007","value":"10"}'
	assert_output '["ks2_level4_en_ma_cla_count","count"]'
}

# --- council codes (issue 14 item 6) -------------------------------------------

@test "council codes as catalogue ids run through kpi-trend and kpi-flag" {
	printf '%s\n' 'id,name,section,unit,polarity,aliases' '4.02.01,Children looked after,Children in care,count,neutral,CLA' '4.09.02a,Care leavers in suitable accommodation,Care leavers,percent,higher_is_better,Suitable accommodation' 'CSC 1.1,Re-referrals,Front door,percent,lower_is_better,' > "$BATS_TEST_TMPDIR/codes.csv"
	printf 'indicator,target,due\n4.09.02a,90,2025-03\nCSC 1.1,20,2025-03\n' > "$BATS_TEST_TMPDIR/targets.csv"
	for m in 01 02 03; do
		printf '{"indicator":"CLA","period":"2025-%s","value":"%d","area":"Leeds"}\n' "$m" $((400 + 10#$m))
		printf '{"indicator":"Suitable accommodation","period":"2025-%s","value":"%d%%","area":"Leeds"}\n' "$m" $((80 + 10#$m))
		printf '{"indicator":"csc 1.1","period":"2025-%s","value":"%d%%","area":"Leeds"}\n' "$m" $((25 - 10#$m))
	done > "$BATS_TEST_TMPDIR/in.ndjson"
	run bash -c "set -o pipefail; kpi-normalise -c '$BATS_TEST_TMPDIR/codes.csv' '$BATS_TEST_TMPDIR/in.ndjson' | kpi-trend | kpi-flag --targets '$BATS_TEST_TMPDIR/targets.csv' | jq -c '[.indicator, .order, .value, .target.value, .target_met]'"
	assert_success
	assert_output '["4.02.01",1,403,null,null]
["4.09.02a",2,83,90,false]
["CSC 1.1",3,22,20,false]'
}

@test "an object breakdown flows through kpi-trend and kpi-flag to the report, in a reader's words" {
	for y in 2023 2024 2025; do
		printf '{"indicator":"care_leaver_percent","period":"%s","time_identifier":"Reporting year","value":"%d","area":"Leeds","breakdown":{"care_leaver_age":"17 to 18 years","breakdown":"No information","sex":"Total"}}\n' "$y" $((y - 2015))
	done > "$BATS_TEST_TMPDIR/in.ndjson"
	run bash -c "set -o pipefail; kpi-normalise '$BATS_TEST_TMPDIR/in.ndjson' 2>/dev/null | kpi-trend | kpi-flag | kpi-render -f csv | cut -d, -f2-6"
	assert_success
	assert_output 'indicator,name,area,breakdown,unit
care_leaver_percent,,Leeds,"17 to 18 years, No information"'
}
