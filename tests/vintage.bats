#!/usr/bin/env bats
# Revisions and vintages (issue 17): kpi-ingest --released and the released
# column, kpi-normalise passing every release through, kpi-trend's latest
# release on or before --as-known-at with the earlier ones as revisions,
# kpi-render --show-revisions, and regenerate --as-published.
load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$BATS_TEST_TMPDIR"
	# England's children looked after at 31 March 2024 as two releases
	# published it (the real files are read by the last tests)
	printf 'indicator,period,value,area\ncla_count,2024,83630,England\ncla_starts_count,2024,33050,England\n' >first.csv
	printf 'indicator,period,value,area\ncla_count,2024,83530,England\ncla_starts_count,2024,33050,England\ncla_count,2025,81770,England\n' >later.csv
}

# typed: both releases through kpi-ingest --released and kpi-normalise into typed.ndjson
typed() {
	{ kpi-ingest --released 2024-11-14 first.csv && kpi-ingest --released 2025-11-20 later.csv; } |
		kpi-normalise >typed.ndjson
}

# --- kpi-ingest ------------------------------------------------------------------

@test "kpi-ingest --released: every record of a table says its release, before source" {
	run kpi-ingest --released 2024-11-14 first.csv
	assert_success
	assert_output '{"indicator":"cla_count","period":"2024","value":"83630","area":"England","released":"2024-11-14","source":"first.csv:2"}
{"indicator":"cla_starts_count","period":"2024","value":"33050","area":"England","released":"2024-11-14","source":"first.csv:3"}'
}

@test "kpi-ingest: a released column passes through; --released renames it with a warning" {
	printf 'indicator,period,value,released\ncla_count,2024,83630,2024-11-14\n' >col.csv
	run kpi-ingest col.csv
	assert_success
	assert_output '{"indicator":"cla_count","period":"2024","value":"83630","released":"2024-11-14","source":"col.csv:2"}'
	run --separate-stderr kpi-ingest --released 2025-11-20 col.csv
	assert_success
	assert_output '{"indicator":"cla_count","period":"2024","value":"83630","released_2":"2024-11-14","released":"2025-11-20","source":"col.csv:2"}'
	[ "$stderr" = "kpi-ingest: col.csv:1: columns renamed, as kpi-ingest sets these fields: released -> released_2" ]
}

@test "kpi-ingest --released: NDJSON records without one get it; a record's own stays" {
	printf '{"indicator":"x","period":"2024"}\n{"indicator":"x","period":"2023","released":"2023-01-02","source":"a:1"}\n' >in.ndjson
	run kpi-ingest --released 2024-11-14 in.ndjson
	assert_success
	assert_output '{"indicator":"x","period":"2024","released":"2024-11-14","source":"in.ndjson:1"}
{"indicator":"x","period":"2023","released":"2023-01-02","source":"a:1"}'
}

@test "kpi-ingest --released: not a date is a usage error" {
	for d in 2024-11-31 14/11/2024 2024-11 ''; do
		run kpi-ingest --released "$d" first.csv
		assert_failure 2
		assert_line --index 0 "kpi-ingest: --released: '$d' is not a date (YYYY-MM-DD)"
	done
}

# --- kpi-normalise ---------------------------------------------------------------

@test "kpi-normalise: each release of an observation passes through, released after source" {
	typed
	run jq -c '[.indicator, .period, .value, .source, .released]' typed.ndjson
	assert_output '["cla_count","2024",83630,"first.csv:2","2024-11-14"]
["cla_starts_count","2024",33050,"first.csv:3","2024-11-14"]
["cla_count","2024",83530,"later.csv:2","2025-11-20"]
["cla_starts_count","2024",33050,"later.csv:3","2025-11-20"]
["cla_count","2025",81770,"later.csv:4","2025-11-20"]'
	# an undated record writes no released
	run bash -c "set -o pipefail; kpi-ingest first.csv | kpi-normalise | jq -c 'has(\"released\")'"
	assert_success
	assert_output $'false\nfalse'
}

@test "kpi-normalise: a conflict within one release stays an error that names --released" {
	run --separate-stderr bash -c "set -o pipefail; kpi-ingest --released 2024-11-14 first.csv later.csv | kpi-normalise"
	assert_failure 1
	[ "$stderr" = "kpi-normalise: later.csv:2: duplicate of first.csv:2 (cla_count, period 2024, released 2024-11-14) with a different value '83530'; if the two are releases, date them with kpi-ingest --released DATE" ]
	# undated, as before, with the same hint
	run --separate-stderr bash -c "set -o pipefail; kpi-ingest first.csv later.csv | kpi-normalise"
	assert_failure 1
	[ "$stderr" = "kpi-normalise: later.csv:2: duplicate of first.csv:2 (cla_count, period 2024) with a different value '83530'; if the two are releases, date them with kpi-ingest --released DATE" ]
}

@test "kpi-normalise: a released that is not a date is bad data" {
	printf '{"indicator":"cla_count","period":"2024","value":"1","released":"14 Nov 2024"}\n{"indicator":"cla_count","period":"2023","value":"1","released":7}\n' >bad.ndjson
	run --separate-stderr kpi-normalise --keep-going bad.ndjson
	assert_failure 1
	[ "${stderr_lines[0]}" = "kpi-normalise: bad.ndjson:1: released '14 Nov 2024' is not a date (YYYY-MM-DD)" ]
	[ "${stderr_lines[1]}" = "kpi-normalise: bad.ndjson:2: released is not a string (a date, YYYY-MM-DD) or null" ]
	# null and "" are undated
	printf '{"indicator":"cla_count","period":"2024","value":"1","released":null}\n{"indicator":"cla_count","period":"2023","value":"1","released":""}\n' >undated.ndjson
	run bash -c "set -o pipefail; kpi-normalise undated.ndjson | jq -c '.released'"
	assert_success
	assert_output $'null\nnull'
}

# --- kpi-trend -------------------------------------------------------------------

@test "kpi-trend: the latest release is used, the earlier figure is a revision of the point" {
	typed
	run bash -c "set -o pipefail; kpi-trend typed.ndjson | jq -c '{indicator, period, value, released, revisions, history: [.history[] | del(.numerator, .denominator)]}'"
	assert_success
	assert_output '{"indicator":"cla_count","period":"2025","value":81770,"released":"2025-11-20","revisions":null,"history":[{"period":"2024","value":83530,"status":"ok","released":"2025-11-20","revisions":[{"value":83630,"released":"2024-11-14","source":"first.csv:2"}]},{"period":"2025","value":81770,"status":"ok","released":"2025-11-20"}]}
{"indicator":"cla_starts_count","period":"2024","value":33050,"released":"2025-11-20","revisions":null,"history":[{"period":"2024","value":33050,"status":"ok","released":"2025-11-20"}]}'
}

@test "kpi-trend --as-at: revisions on the latest value itself" {
	typed
	run bash -c "set -o pipefail; kpi-trend --as-at 2024 typed.ndjson | jq -c 'select(.indicator == \"cla_count\") | [.value, .released, .revisions]'"
	assert_success
	assert_output '[83530,"2025-11-20",[{"value":83630,"released":"2024-11-14","source":"first.csv:2"}]]'
}

@test "kpi-trend --as-known-at: the figures as they were known on a day" {
	typed
	# before the later release: 83,630, and 2025 is not yet known
	run bash -c "set -o pipefail; kpi-trend --as-known-at 2025-11-19 typed.ndjson | jq -c '[.indicator, .period, .value, .released, .revisions, .as_at]'"
	assert_success
	assert_output '["cla_count","2024",83630,"2024-11-14",null,"2024"]
["cla_starts_count","2024",33050,"2024-11-14",null,"2024"]'
	# on the day of the later release: 83,530 with one revision
	run bash -c "set -o pipefail; kpi-trend --as-known-at 2025-11-20 --as-at 2024 typed.ndjson | jq -c 'select(.indicator == \"cla_count\") | [.value, (.revisions | length)]'"
	assert_success
	assert_output '[83530,1]'
	# before any release: nothing to summarise
	run --separate-stderr kpi-trend --as-known-at 2024-01-01 typed.ndjson
	assert_success
	assert_output ''
}

@test "kpi-trend: undated figures come before dated releases and always count" {
	printf 'indicator,period,value,area\ncla_count,2024,83000,England\n' >own.csv
	{ kpi-ingest own.csv && kpi-ingest --released 2024-11-14 first.csv; } | kpi-normalise >typed.ndjson
	run bash -c "set -o pipefail; kpi-trend typed.ndjson | jq -c 'select(.indicator == \"cla_count\") | [.value, .released, .revisions]'"
	assert_output '[83630,"2024-11-14",[{"value":83000,"released":null,"source":"own.csv:2"}]]'
	run bash -c "set -o pipefail; kpi-trend --as-known-at 2024-11-13 typed.ndjson | jq -c 'select(.indicator == \"cla_count\") | [.value, .released, .revisions]'"
	assert_output '[83000,null,null]'
}

@test "kpi-trend: a release that repeats the figure is no revision; a release that changes it back is" {
	printf '{"indicator":"a","period":"2024","period_type":"year","value":1,"released":"2024-01-01"}\n{"indicator":"a","period":"2024","period_type":"year","value":1,"released":"2024-02-01"}\n{"indicator":"a","period":"2024","period_type":"year","value":2,"released":"2024-03-01"}\n{"indicator":"a","period":"2024","period_type":"year","value":2,"released":"2024-04-01"}\n{"indicator":"a","period":"2024","period_type":"year","value":1,"released":"2024-05-01"}\n' >r.ndjson
	run bash -c "set -o pipefail; kpi-trend r.ndjson | jq -c '[.value, .released, [.revisions[] | [.value, .released, .source]]]'"
	assert_success
	assert_output '[1,"2024-05-01",[[1,"2024-02-01","r.ndjson:2"],[2,"2024-04-01","r.ndjson:4"]]]'
	run bash -c "set -o pipefail; kpi-trend --as-known-at 2024-02-15 r.ndjson | jq -c '[.value, .released, .revisions]'"
	assert_output '[1,"2024-02-01",null]'
}

@test "kpi-trend: two figures of one release are a duplicate; bad released and --as-known-at" {
	printf '{"indicator":"a","period":"2024","period_type":"year","value":1,"released":"2024-01-01"}\n{"indicator":"a","period":"2024","period_type":"year","value":2,"released":"2024-01-01"}\n' >d.ndjson
	run --separate-stderr kpi-trend d.ndjson
	assert_failure 1
	[ "$stderr" = 'kpi-trend: d.ndjson:2: duplicate observation for period 2024 in series "a" (also at d.ndjson:1)' ]
	printf '{"indicator":"a","period":"2024","period_type":"year","value":1,"released":"2024-13-01"}\n' >b.ndjson
	run --separate-stderr kpi-trend b.ndjson
	assert_failure 1
	[ "$stderr" = "kpi-trend: b.ndjson:1: released is not a date YYYY-MM-DD from 1970 to 2149" ]
	run kpi-trend --as-known-at 2024-02-30 d.ndjson
	assert_failure 2
	assert_line --index 0 "kpi-trend: --as-known-at: '2024-02-30' is not a date YYYY-MM-DD from 1970 to 2149"
	run kpi-trend --help
	assert_output --partial "--as-known-at DATE"
}

# --- kpi-render --show-revisions --------------------------------------------------

@test "kpi-render --show-revisions: the sentence, [r] in the table, CSV and JSON carry the earlier figure" {
	typed
	kpi-trend typed.ndjson | kpi-flag >judged.ndjson
	run kpi-render --show-revisions -f md judged.ndjson
	assert_success
	assert_line '| Children looked after | 81,770 | 83,530 \[r\] | -1,760 | 81,770 – 83,530 | - | - | - | █▁ |'
	assert_line '**Revised figures:**'
	assert_line '  The 2024 figure was revised from 83,630 to 83,530 in the release of 20 November 2025.'
	# without the option: no mark, no sentence
	run kpi-render -f md judged.ndjson
	refute_output --partial '[r]'
	refute_output --partial 'revised'
	run bash -c "set -o pipefail; kpi-render --show-revisions -f csv judged.ndjson | awk -F, 'NR == 1 { print \$(NF - 3), \$(NF - 2), \$(NF - 1), \$NF } NR == 2 { print \$(NF - 3), \$(NF - 2), \$(NF - 1), \$NF }'"
	assert_success
	assert_output $'revised_from released previous_revised_from previous_released\r\n 2025-11-20 83630 2025-11-20\r'
	run bash -c "set -o pipefail; kpi-render --show-revisions -f json judged.ndjson | jq -c '.sections[].indicators[0] | [.cells.previous, .releases]'"
	assert_output '["83,530 [r]",{"latest":{"period":"2025","value":81770,"released":"2025-11-20","revised_from":null},"previous":{"period":"2024","value":83530,"released":"2025-11-20","revised_from":83630}}]'
}

@test "kpi-render --show-revisions: an undated revising release and a listed indicator" {
	printf '{"indicator":"cla_count","name":"Children looked after","unit":"count","period":"2024","period_type":"year","value":5,"previous":{"period":"2023","value":4},"assessment":"issue","history":[{"period":"2023","value":4},{"period":"2024","value":5}],"revisions":[{"value":6,"released":null,"source":"x:1"}]}\n' >j.ndjson
	run bash -c "set -o pipefail; kpi-render --show-revisions -f json j.ndjson | jq -c '.sections[].indicators[] | [.cells.latest, [.sentences[].text]]'"
	assert_success
	assert_output '["5 [r]",["Children looked after rose from 4 in 2023 to 5 in 2024.","The 2024 figure was revised from 6 to 5."]]'
	run kpi-render --show-revisions -f txt j.ndjson
	refute_output --partial "Revised figures"
}

# --- regenerate --as-published -------------------------------------------------------

@test "regenerate --as-published: the example's Sep 24 contacts, 959 until the revision of 8 Oct 24, then 972" {
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		[ -x "$KPI_BIN/$t" ] || skip "$t is not built yet"
	done
	# examples/northbridge-revisions-long.csv: contacts_count 2024-09 is 972, released 2024-10-08
	run regenerate --type corporate-parenting-board --from 2024-09 --to 2024-10 -o pub --as-published \
		--show-revisions "$REPO/examples"
	assert_success
	run grep -c '<td class="num" data-label="Latest (September 2024)">959</td>' pub/corporate-parenting-board-2024-09.html
	assert_output 1
	run grep -c '<td class="num" data-label="Previous">972 \[r\]</td>' pub/corporate-parenting-board-2024-10.html
	assert_output 1
	run grep -c 'The September 2024 figure was revised from 959 to 972 in the release of 8 October 2024.' \
		pub/corporate-parenting-board-2024-10.html
	assert_output 1
	# without --as-published every report has today's figure
	run regenerate --type corporate-parenting-board --from 2024-09 --to 2024-09 -o now "$REPO/examples"
	assert_success
	run grep -c '<td class="num" data-label="Latest (September 2024)">972</td>' now/corporate-parenting-board-2024-09.html
	assert_output 1
	run regenerate --help
	assert_output --partial "--as-published"
}

# --- the real releases in ../shared/data/real ---------------------------------------

@test "real: England's children looked after at 31 March 2024, 83,630 in the 2024 release, 83,530 after the 2025 one" {
	need_shared
	R="$SHARED/data/real"
	# release dates: stand-ins for the DfE's November publications of the
	# reporting years 2024 (cla_time_series_1994_2024.csv) and 2025
	# (cla_number_and_rate_per_10k_children.csv); the README of data/real
	# names no dates
	{ kpi-ingest --released 2024-11-14 "$R/cla_time_series_1994_2024.csv" &&
		kpi-ingest --released 2025-11-20 "$R/cla_number_and_rate_per_10k_children.csv"; } |
		kpi-normalise >typed.ndjson 2>/dev/null
	sel='select(.area == "England" and .breakdown == null and (.indicator == "cla_count" or .indicator == "cla_starts_count"))'
	run bash -c "set -o pipefail; kpi-trend --as-known-at 2025-06-30 typed.ndjson | jq -c '$sel | [.indicator, .period, .value, .released, .revisions]'"
	assert_success
	assert_output '["cla_count","2023/24",83630,"2024-11-14",null]
["cla_starts_count","2023/24",33050,"2024-11-14",null]'
	run bash -c "set -o pipefail; kpi-trend --as-at 2023/24 typed.ndjson | jq -c '$sel | [.indicator, .period, .value, .released, .revisions]'"
	assert_success
	assert_output "[\"cla_count\",\"2023/24\",83530,\"2025-11-20\",[{\"value\":83630,\"released\":\"2024-11-14\",\"source\":\"$R/cla_time_series_1994_2024.csv:3\"}]]
[\"cla_starts_count\",\"2023/24\",33130,\"2025-11-20\",[{\"value\":33050,\"released\":\"2024-11-14\",\"source\":\"$R/cla_time_series_1994_2024.csv:6\"}]]"
	kpi-trend typed.ndjson | kpi-flag 2>/dev/null | jq -c "$sel" >judged.ndjson
	run kpi-render --show-revisions -f txt judged.ndjson
	assert_success
	assert_output --partial "The 2023/24 figure was revised from 83,630 to 83,530 in the release of 20"
	assert_output --partial "The 2023/24 figure was revised from 33,050 to 33,130 in the release of 20"
}

@test "report pipelines: --as-known-at reaches kpi-trend, --show-revisions kpi-render" {
	run corporate-parenting-board --print --as-known-at 2024-10-31 --show-revisions -f md "$REPO/examples/northbridge-long.csv"
	assert_success
	assert_output "kpi-ingest $REPO/examples/northbridge-long.csv | kpi-normalise --catalogued-only | kpi-trend --as-known-at 2024-10-31 | kpi-flag | kpi-render --format md --title 'Highlight Report for Children'\\''s Services Corporate Parenting Board' --board 'Corporate Parenting Board' --show-revisions"
	run corporate-parenting-board --help
	assert_output --partial "--as-known-at DATE"
	assert_output --partial "--show-revisions"
	run kpi-render --help
	assert_output --partial "--show-revisions"
}
