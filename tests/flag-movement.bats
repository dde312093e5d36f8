#!/usr/bin/env bats
# kpi-flag's movement (kpi-flag(1), MOVEMENT; report-style.md §9): each word
# by the one rule, --slight-points and --slight-percent, and the judgement
# reading the same classification.

load helper

base="$DATA/flag/base.ndjson"
# movement of the base summary (a percentage, 80.1% (89) in Feb 24 to 78.2%
# (86) in Mar 24, SPC limits 74 to 92) changed by a jq expression; extra
# arguments go to kpi-flag
movement() {
	local expr=$1
	shift
	jq -c "$expr" "$base" | kpi-flag "$@" | jq -r '.movement'
}

@test "movement: unchanged when the two figures print the same" {
	run movement '.value = 80.14 | .change = 0.04'
	assert_success
	assert_output "unchanged"
	run movement '.unit = "count" | .value = 17.4 | .previous.value = 17 | .change = 0.4'
	assert_output "unchanged"
	# the record's decimals decide what is printed
	run movement '.value = 80.14 | .change = 0.04 | .decimals = 2'
	assert_output "slight"
	# else the EES metadata's indicator_dp (a string, as kpi-ingest writes it)
	run movement '.value = 80.14 | .change = 0.04 | .indicator_dp = "2"'
	assert_output "slight"
	run movement '.value = 80.14 | .change = 0.04 | .indicator_dp = ""'
	assert_output "unchanged"
	run movement '.value = 80.14 | .change = 0.04 | .decimals = 1 | .indicator_dp = "2"'
	assert_output "unchanged"
}

@test "movement: slight when the count moved by one or two, however far the percentage" {
	run movement '.value = 11.1 | .numerator = 3 | .previous = {"period":"2024-02","value":6.5,"numerator":2} | .change = 4.6 | del(.spc)'
	assert_success
	assert_output "slight"
	run movement '.value = 3.4 | .numerator = 5 | .previous = {"period":"2024-02","value":3.2,"numerator":5} | .change = 0.2'
	assert_output "slight"
	run movement '.unit = "count" | .value = 38 | .previous = {"period":"2024-02","value":39} | .change = -1 | del(.spc)'
	assert_output "slight"
}

@test "movement: slight within the average moving range, clear beyond, sharp past three" {
	# 80.1 (89) to 78.2 (86): 1.9 points, the count moved by 3
	run movement '.spc.avg_mr = 2'
	assert_output "slight"
	run movement '.spc.avg_mr = 1'
	assert_output "clear"
	run movement '.spc.avg_mr = 0.5'
	assert_output "sharp"
}

@test "movement: sharp outside the process limits (the unclipped ones first)" {
	run movement '.spc.avg_mr = 1 | .spc.lcl = 79'
	assert_output "sharp"
	run movement '.spc.avg_mr = 1 | .spc.lcl = 79 | .spc.lcl_raw = 70'
	assert_output "clear"
	# limits only from a chart SPC could draw
	run movement '.spc.avg_mr = 1 | .spc.lcl = 79 | .spc.status = "insufficient_data"'
	assert_output "slight"
}

@test "movement: without SPC, 3 points for a percentage, 3% of the previous value otherwise" {
	run movement 'del(.spc)'
	assert_output "slight"
	run movement 'del(.spc) | .value = 76.9 | .numerator = 84 | .change = -3.2'
	assert_output "clear"
	run movement 'del(.spc) | .unit = "rate_per_10k" | .value = 102 | .previous = {"period":"2024-02","value":100} | .change = 2 | del(.numerator)'
	assert_output "slight"
	run movement 'del(.spc) | .unit = "rate_per_10k" | .value = 104 | .previous = {"period":"2024-02","value":100} | .change = 4 | del(.numerator)'
	assert_output "clear"
}

@test "movement: --slight-points and --slight-percent replace the moving range when given" {
	run movement '.spc.avg_mr = 2' --slight-points 1
	assert_output "clear"
	run movement 'del(.spc)' --slight-points 2
	assert_output "slight"
	run movement 'del(.spc) | .unit = "rate_per_10k" | .value = 104 | .previous = {"period":"2024-02","value":100} | .change = 4 | del(.numerator)' --slight-percent 5
	assert_output "slight"
	run movement '.unit = "rate_per_10k" | .value = 104 | .previous = {"period":"2024-02","value":100} | .change = 4 | del(.numerator) | .spc.avg_mr = 10 | .spc.ucl = 120' --slight-percent 1
	assert_output "clear"
}

@test "movement: null without a previous value or a latest one, and placed before assessment" {
	run movement 'del(.previous) | del(.change)'
	assert_output "null"
	run movement '.value = null | .status = "missing"'
	assert_output "null"
	run bash -c "set -o pipefail; kpi-flag '$base' | jq -r 'keys_unsorted | .[-6:] | join(\",\")'"
	assert_success
	assert_output "movement,movement_basis,movement_band,assessment,reasons,flags"
}

@test "movement: a move unchanged as printed is no move for the judgement" {
	# up 0.04 points after a fall: the latest move would be good, but 80.1% is 80.1%
	run bash -c "set -o pipefail; jq -c '.value = 80.14 | .change = 0.04 | .window.is_low = false | .run = {\"direction\":\"up\",\"length\":1,\"since\":\"2024-02\"}' '$base' | kpi-flag | jq -c '[.movement, .assessment, .reasons]'"
	assert_success
	assert_output '["unchanged","stable",["no_change"]]'
}

@test "movement: rule 10 reads slight from movement, so --slight-points moves it" {
	# a fall of 1.9 points after a good run, the latest not the window's worst
	local e='.window.is_low = false | .history[7].value = 77 | .history[8].value = 78 | .history[9].value = 79 | .history[10].value = 80.1 | del(.year_ago)'
	run bash -c "set -o pipefail; jq -c '$e' '$base' | kpi-flag | jq -c '[.movement, .assessment]'"
	assert_output '["slight","improvement"]'
	run bash -c "set -o pipefail; jq -c '$e' '$base' | kpi-flag --slight-points 1 | jq -c '[.movement, .assessment]'"
	assert_output '["clear","issue"]'
}

# movement, movement_basis and movement_band of the base summary changed by
# a jq expression
basis() {
	local expr=$1
	shift
	jq -c "$expr" "$base" | kpi-flag "$@" | jq -c '[.movement, .movement_basis, .movement_band]'
}

@test "movement_basis: the rule that sized the move and its band, for the report's legend" {
	# a percentage without a moving range: the 3-point rule
	run basis '.'
	assert_success
	assert_output '["slight","points",3]'
	run basis '.' --slight-points 1
	assert_output '["clear","points",1]'
	# within the series' average moving range; beyond three of them
	run basis '.spc.avg_mr = 2.5'
	assert_output '["slight","moving_range",2.5]'
	run basis '.spc.avg_mr = 0.5'
	assert_output '["sharp","moving_range",0.5]'
	# one child fewer, however far the percentage
	run basis '.numerator = 88'
	assert_output '["slight","count",2]'
	# a count without a moving range: per cent of the previous value
	run basis '.unit = "count" | .value = 100 | .previous.value = 110 | .change = -10 | del(.numerator) | del(.previous.numerator) | del(.spc)'
	assert_output '["clear","percent",3]'
	# outside the process limits: no band
	run basis '.value = 95 | .change = 14.9 | .numerator = 104'
	assert_output '["sharp","limits",null]'
	# no move, or none as printed: no rule
	run basis 'del(.previous) | del(.change)'
	assert_output '[null,null,null]'
	run basis '.value = 80.14 | .change = 0.04'
	assert_output '["unchanged",null,null]'
}
