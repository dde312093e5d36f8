#!/usr/bin/env bats
# Write errors and closed pipes for every stage, on real records:
# a full disk is exit 2 with a message; a closed pipe ends the tool quietly.
load helper
bats_require_minimum_version 1.5.0

setup_file() {
	export IO="$BATS_FILE_TMPDIR"
	# 30,000 observations: enough output to overflow any pipe buffer
	awk 'BEGIN { print "indicator,area,period,value,numerator,denominator";
		for (a = 1; a <= 10; a++) for (i = 1; i <= 50; i++) for (m = 0; m < 60; m++) {
			y = 2019 + int(m / 12); mo = m % 12 + 1
			printf "cla_rate_per_10k,Area %d,%d-%02d,%d,,\n", a * 100 + i, y, mo, 50 + (a * i + m) % 40 } }' >"$IO/big.csv"
	kpi-ingest "$IO/big.csv" >"$IO/raw.ndjson"
	kpi-normalise "$IO/raw.ndjson" >"$IO/typed.ndjson"
	kpi-trend "$IO/typed.ndjson" >"$IO/summary.ndjson"
	kpi-flag "$IO/summary.ndjson" >"$IO/judged.ndjson"
}

input_for() {
	case $1 in
	kpi-ingest) echo "$IO/big.csv" ;;
	kpi-normalise) echo "$IO/raw.ndjson" ;;
	kpi-trend) echo "$IO/typed.ndjson" ;;
	kpi-flag) echo "$IO/summary.ndjson" ;;
	kpi-render) echo "$IO/judged.ndjson" ;;
	esac
}

@test "the stages produce records for the I/O tests" {
	[ "$(wc -l <"$IO/raw.ndjson")" -eq 30000 ]
	[ "$(wc -l <"$IO/typed.ndjson")" -eq 30000 ]
	[ "$(wc -l <"$IO/summary.ndjson")" -eq 500 ]
	[ "$(wc -l <"$IO/judged.ndjson")" -eq 500 ]
}

@test "every stage: output to a full disk is exit 2 with a message" {
	[ -w /dev/full ] || skip "/dev/full is absent"
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		run bash -c "$t '$(input_for $t)' >/dev/full"
		assert_failure 2
		assert_output "$t: write error on standard output: No space left on device"
	done
}

@test "every stage: | head -1 ends it quietly" {
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		run bash -c "set -o pipefail; $t '$(input_for $t)' 2>'$IO/err' | head -1 >/dev/null; cat '$IO/err'"
		assert_success
		assert_output ""
	done
}

@test "every stage: an unreadable input is exit 2" {
	[ "$(id -u)" != 0 ] || skip "root reads any file; a directory stands in below"
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		cp "$(input_for $t)" "$IO/locked"
		chmod 000 "$IO/locked"
		run "$t" "$IO/locked"
		assert_failure 2
		assert_output --partial "Permission denied"
	done
}

@test "every stage: a directory as input is exit 2" {
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		run "$t" "$IO"
		assert_failure 2
		assert_output --partial "$t: $IO: Is a directory"
	done
}

# --- writes that fail part-way ------------------------------------------------

@test "every stage: a file-size limit reached part-way is exit 2 with a message" {
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		rm -f "$IO/part"
		# 32 KB: every stage writes more (the shell ignores SIGXFSZ for the
		# tool, as it does; the write then fails with EFBIG)
		run bash -c "ulimit -f 32; $t '$(input_for $t)' >'$IO/part'"
		assert_failure 2
		assert_output "$t: write error on standard output: File too large"
		# it failed part-way: the limit's worth was written first
		[ "$(stat -c %s "$IO/part")" -eq 32768 ]
	done
}

@test "a report pipeline whose write fails part-way: exit 2, the old report kept, no temporary file" {
	cd "$REPO"
	mkdir -p "$IO/reports"
	echo "the old report" >"$IO/reports/cpb.html"
	run bash -c "ulimit -f 16; pipelines/corporate-parenting-board -o '$IO/reports/cpb.html' examples/"
	assert_failure 2
	assert_line --index 0 "kpi-render: write error on standard output: File too large"
	assert_line --index 1 "corporate-parenting-board: kpi-render failed (exit 2); no report written"
	run ls -A "$IO/reports"
	assert_output "cpb.html"
	[ "$(cat "$IO/reports/cpb.html")" = "the old report" ]
}

# in_small_disk SIZE CMD: CMD (a shell command) with $D a fresh tmpfs of SIZE,
# mounted in a private mount namespace (gone when CMD ends); skips where that
# cannot be done (not root, no unshare).
in_small_disk() {
	unshare --mount true 2>/dev/null || skip "unshare --mount needs root: no small tmpfs to fill"
	run unshare --mount bash -c 'D=$(mktemp -d) && mount -t tmpfs -o size=$1 tmpfs "$D" && cd "$D" && eval "$2"' _ "$@"
}

@test "a disk that fills part-way: kpi-render -o and a report pipeline exit 2 and keep the old report" {
	cd "$REPO"
	# 48 KB: the report (about 300 KB) fills it part-way
	in_small_disk 48k "echo old >r.html && kpi-render -f html -o r.html '$IO/judged.ndjson'; echo \"exit \$?\"; ls -A; cat r.html"
	assert_output "kpi-render: write error on r.html: No space left on device
exit 2
r.html
old"
	in_small_disk 48k "echo old >cpb.html && '$REPO/pipelines/corporate-parenting-board' -o cpb.html '$REPO/examples/'; echo \"exit \$?\"; ls -A; cat cpb.html"
	assert_output "kpi-render: write error on standard output: No space left on device
corporate-parenting-board: kpi-render failed (exit 2); no report written
exit 2
cpb.html
old"
}

@test "a disk that fills part-way: every stage exits 2 with a message" {
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		in_small_disk 32k "$t '$(input_for $t)' >out; echo \"exit \$?\"; stat -c %s out"
		assert_line --index 0 "$t: write error on standard output: No space left on device"
		assert_line --index 1 "exit 2"
		# part-way: something was written before the disk was full
		[ "${lines[2]}" -gt 0 ]
	done
}

@test "every stage: --rejects naming an input is refused (exit 2) and the input left whole (issue 18)" {
	cd "$IO"
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		cp "$(input_for $t)" in.copy
		sum=$(cksum <in.copy)
		run --separate-stderr "$t" --rejects in.copy in.copy
		assert_failure 2
		[ "$stderr" = "$t: --rejects in.copy: that file is also an input (in.copy); writing the rejects would empty it before it is read" ]
		[ "$(cksum <in.copy)" = "$sum" ]
		# standard input from the file, and the file by another name
		run --separate-stderr bash -c "$t --rejects ./in.copy <in.copy"
		assert_failure 2
		[ "$stderr" = "$t: --rejects ./in.copy: that file is also an input (standard input); writing the rejects would empty it before it is read" ]
		ln -f in.copy other.name
		run --separate-stderr "$t" --keep-going --rejects other.name - <in.copy
		assert_failure 2
		[ "$(cksum <in.copy)" = "$sum" ]
	done
	# the files options read: a catalogue, targets, benchmarks, a narrative
	printf 'indicator,target,due\ncla_rate_per_10k,50,Mar-25\n' >t.csv
	run --separate-stderr kpi-flag --targets t.csv --rejects t.csv summary.ndjson
	assert_failure 2
	[ "$stderr" = "kpi-flag: --rejects t.csv: that file is also an input (t.csv); writing the rejects would empty it before it is read" ]
	[ "$(wc -l <t.csv)" -eq 2 ]
	cp "$REPO/share/catalogue.csv" cat.csv
	run --separate-stderr kpi-normalise --catalogue cat.csv --rejects cat.csv raw.ndjson
	assert_failure 2
	cmp cat.csv "$REPO/share/catalogue.csv"
	printf '## Children in care\nText.\n' >n.md
	run --separate-stderr kpi-render --narrative n.md --rejects n.md judged.ndjson
	assert_failure 2
	[ "$(wc -l <n.md)" -eq 2 ]
	printf 'p1.rose = {subject} went up.\n' >p.phrases
	run --separate-stderr kpi-render --phrases "$REPO/share/phrases/en-GB.phrases" --phrases p.phrases --rejects p.phrases judged.ndjson
	assert_failure 2
	[ "$stderr" = "kpi-render: --rejects p.phrases: that file is also an input (p.phrases); writing the rejects would empty it before it is read" ]
	[ "$(wc -l <p.phrases)" -eq 1 ]
	# /dev/null as both is no file to lose; a new rejects file is written
	run kpi-ingest --rejects /dev/null - </dev/null
	assert_success
	run kpi-ingest --rejects new.ndjson big.csv
	assert_success
	[ -f new.ndjson ] && [ ! -s new.ndjson ]
}
