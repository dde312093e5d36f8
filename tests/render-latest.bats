#!/usr/bin/env bats
# kpi-render: the latest column says which period its figures are for:
# "Latest (Mar 24)" where the section's figures share it, and a figure for
# another period names its own ("2024/25: 1,879"; in text's blocks "Latest
# (2024/25): 1,879").

load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$BATS_TEST_TMPDIR"
	# a section mixing a 2024/25 count with two September 2025 figures, and
	# a section whose figure has no period
	cat >mixed.ndjson <<'END'
{"indicator":"a","name":"Referrals","section":"S","unit":"count","polarity":"neutral","period":"2024/25","period_type":"financial_year","value":1879}
{"indicator":"b","name":"Vacancy rate","section":"S","unit":"percent","polarity":"lower_is_better","period":"2025-09-30","period_type":"date","value":32.6}
{"indicator":"c","name":"Agency rate","section":"S","unit":"percent","polarity":"lower_is_better","period":"2025-09-30","period_type":"date","value":29.0}
{"indicator":"d","name":"Undated","section":"T","unit":"count","polarity":"neutral","value":5}
END
}

@test "latest: one period for every figure of a table is in its heading, not in the cells" {
	run bash -c "set -o pipefail; grep -v '\"a\"' mixed.ndjson | kpi-render --full | grep '^| \(Indicator\|Vacancy\)'"
	assert_success
	assert_output "$(printf '%s\n' '| Indicator | Latest (Sep 25) | Previous | Change | Range | Target | RAG | England | Trend |' \
		'| Vacancy rate | 32.6% | - | - | - | - | - | - | - |' \
		'| Indicator | Latest | Previous | Change | Range | Target | RAG | England | Trend |')"
}

@test "latest: the period most figures share heads the column, another names its own" {
	run bash -c "set -o pipefail; kpi-render --full mixed.ndjson | grep '^|'"
	assert_success
	assert_output "$(printf '%s\n' '| Indicator | Latest (Sep 25) | Previous | Change | Range | Target | RAG | England | Trend |' \
		'|---|--:|--:|--:|---|---|---|---|---|' \
		'| Referrals | 2024/25: 1,879 | - | - | - | - | - | - | - |' \
		'| Vacancy rate | 32.6% | - | - | - | - | - | - | - |' \
		'| Agency rate | 29.0% | - | - | - | - | - | - | - |' \
		'| Indicator | Latest | Previous | Change | Range | Target | RAG | England | Trend |' \
		'|---|--:|--:|--:|---|---|---|---|---|' \
		'| Undated | 5 | - | - | - | - | - | - | - |')"
	# HTML heads the column the same way
	run bash -c "set -o pipefail; kpi-render -f html --full mixed.ndjson | grep -o '<th>Latest[^<]*</th>\|>2024/25: 1,879<'"
	assert_output "$(printf '%s\n' '<th>Latest (Sep 25)</th>' '>2024/25: 1,879<' '<th>Latest</th>')"
	# JSON: the section's heading, and the cell as the table shows it
	run bash -c "set -o pipefail; kpi-render -f json mixed.ndjson | jq -c '.sections[] | [.latest_heading, [.indicators[].cells.latest]]'"
	assert_output "$(printf '%s\n' '["Latest (Sep 25)",["2024/25: 1,879","32.6%","29.0%"]]' '["Latest",["5"]]')"
}

@test "latest: text's blocks head each figure with its own period" {
	printf '%s\n' '{"indicator":"e","name":"A long name that makes this table too wide for eighty columns of text","section":"S","unit":"count","polarity":"neutral","period":"2025-09-30","period_type":"date","value":7,"benchmark":{"area":"England","value":9}}' >wide.ndjson
	run bash -c "set -o pipefail; cat mixed.ndjson wide.ndjson | grep '\"S\"' | kpi-render -f txt --full | sed -n '/^Referrals/,/^Agency/p'"
	assert_success
	assert_output "$(printf '%s\n' 'Referrals' '  Latest (2024/25): 1,879' '' 'Vacancy rate' '  Latest (Sep 25): 32.6%' '' 'Agency rate')"
}

@test "latest: of periods as common the first seen heads the column; the long month style names the month" {
	run bash -c "set -o pipefail; sed -n '1,2p' mixed.ndjson | kpi-render --full --month-style long | grep '^| [IRV]'"
	assert_success
	assert_output "$(printf '%s\n' '| Indicator | Latest (2024/25) | Previous | Change | Range | Target | RAG | England | Trend |' \
		'| Referrals | 1,879 | - | - | - | - | - | - | - |' \
		'| Vacancy rate | September 2025: 32.6% | - | - | - | - | - | - | - |')"
}

@test "latest: the heading and the dated cell are phrases a council may change" {
	printf 'column.latest_dated = Figure at {period}\ncell.dated = {value} ({period})\n' >council.phrases
	run bash -c "set -o pipefail; kpi-render --full --phrases council.phrases mixed.ndjson | grep '^| \(Indicator\|Referrals\)'"
	assert_success
	assert_output "$(printf '%s\n' '| Indicator | Figure at Sep 25 | Previous | Change | Range | Target | RAG | England | Trend |' \
		'| Referrals | 1,879 (2024/25) | - | - | - | - | - | - | - |' \
		'| Indicator | Latest | Previous | Change | Range | Target | RAG | England | Trend |')"
	printf 'column.latest_dated = Latest ({value})\n' >bad.phrases
	run --separate-stderr kpi-render --phrases bad.phrases mixed.ndjson
	assert_failure 1
	assert_equal "$stderr" "kpi-render: bad.phrases:1: phrase 'column.latest_dated' has no slot {value} (its slots: {period})"
}

@test "latest: real DfE files, Trafford's 2024/25 referrals and September 2025 workforce, each table says its period" {
	need_shared
	run bash -c "set -o pipefail; kpi-ingest --filter la_name=Trafford '$SHARED/data/real/csww_indicators_2017_to_2025.csv' '$SHARED/data/real/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv' | kpi-normalise 2>/dev/null | kpi-trend | kpi-flag --benchmarks default | kpi-ingest -f ndjson --filter section='Contacts and referrals' --filter section=Workforce | kpi-render | grep '^| Indicator\|^| Re-referrals within 12 months |\|^| Social worker vacancy rate |'"
	assert_success
	assert_output "$(printf '%s\n' '| Indicator | Latest (2024/25) | Previous | Change | Range over 12 years | Target | RAG | England | Trend |' \
		'| Re-referrals within 12 months | 18.0% (339) | 20.4% (385) | -2.4pp | 17.2% – 31.8% | - | - | 22.6% ↓ -4.6pp | █▆▅▄▅▆█▁▃▂▃▁ |' \
		'| Indicator | Latest (Sep 25) | Previous | Change | Range over 9 years | Target | RAG | England | Trend |' \
		'| Social worker vacancy rate | 32.6% | 31.7% | +0.9pp | 3.8% – 32.6% | - | - | 14.2% ↑ +18.4pp | █▁▃▆▆████ |')"
}
