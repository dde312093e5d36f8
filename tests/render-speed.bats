#!/usr/bin/env bats
# kpi-render's loading fast path (issue 19): the nested parts of a judged
# summary (previous, window, history points and their revisions, spc and its
# signals, targets, benchmark, comparators, rank) are read once the line is
# validated, without checking them again, and each field is found by number
# once per shape of record.  A summary written with spaces everywhere, or
# with its keys in another order, gives the report the tight one gives.  The
# reads themselves are checked against the slow ones in
# tests/unit/test_record_keys.c.
load helper

R="$DATA/render"

# judged.ndjson with revisions, comparators and a rank added to its first
# record, and its last record's keys in reverse order
enriched() {
	jq -c 'if .indicator == "2.05.01" then
		.revisions = [{"value":70,"released":"2024-03-01"},{"value":76.5,"released":"2024-04-01"}]
		| .history[-2].revisions = [{"value":44.25}]
		| .comparators = [{"kind":"england","area":"England","period":"2024-03","value":80,"comparison":"worse"}]
		| .rank = {"position":3,"of":10,"quartile":"upper middle"} else . end' "$R/judged.ndjson"
}

# each record with spaces between all its tokens (jq's indented form on one line)
spaced() {
	local line
	while IFS= read -r line; do
		printf '%s\n' "$line" | jq --indent 1 . | tr -d '\n'
		echo
	done
}

@test "render-speed: spaces and another order of keys give the tight summaries' report, in every format" {
	enriched >"$BATS_TEST_TMPDIR/tight.ndjson"
	spaced <"$BATS_TEST_TMPDIR/tight.ndjson" >"$BATS_TEST_TMPDIR/spaced.ndjson"
	# the keys of every other record reversed: the shape changes from line to line
	jq -c 'if (.order // 0) % 2 == 1 then to_entries | reverse | from_entries else . end' \
		"$BATS_TEST_TMPDIR/tight.ndjson" >"$BATS_TEST_TMPDIR/shuffled.ndjson"
	run grep -c '"history": \[  {' "$BATS_TEST_TMPDIR/spaced.ndjson"
	assert_output 15
	for f in md html txt csv json; do
		kpi-render -f "$f" --show-revisions "$BATS_TEST_TMPDIR/tight.ndjson" >"$BATS_TEST_TMPDIR/tight.$f"
		for v in spaced shuffled; do
			kpi-render -f "$f" --show-revisions "$BATS_TEST_TMPDIR/$v.ndjson" >"$BATS_TEST_TMPDIR/$v.$f"
			cmp "$BATS_TEST_TMPDIR/tight.$f" "$BATS_TEST_TMPDIR/$v.$f"
		done
	done
	# what was added is read: the revisions, the comparator and the rank
	run grep -c 'This is worse than England (80.0). Quartile upper middle nationally (rank 3 of 10).' "$BATS_TEST_TMPDIR/tight.md"
	assert_output 1
	run grep -c ',76.5,.*,44.25,' "$BATS_TEST_TMPDIR/tight.csv"
	assert_output 1
}
