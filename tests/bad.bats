#!/usr/bin/env bats
# The bad-input corpus (tests/bad/): every file against every tool it is fed
# to, with the exact exit status, first line of stderr and what it writes
# (every line counted, a field of each checked) from tests/bad/expected.tsv,
# and under --rejects the counts that show nothing is
# lost: read = written + rejected, one line in the rejects file per rejected
# record.  The big inputs (10,000 columns, megabyte lines) are made here.
load helper
bats_require_minimum_version 1.5.0

BAD="$REPO/tests/bad"

# rows: the manifest's data lines (no comments, no blank lines), with the tabs
# turned into \x1f: read splits on a tab as on white space, merging the empty
# fields (an exit 0 has an empty first stderr line)
rows() {
	grep -v -e '^#' -e '^$' "$BAD/expected.tsv" | tr '\t' '\037'
}

# cmd_for COMMAND FILE: sets cmd_line to the command line, FILE in place of
# {} (stdin then /dev/null) or appended (a variable, not printed: the loops
# below run hundreds of rows, and a $(...) forks the test's shell each time)
cmd_for() {
	case $1 in
	*'{}'*) cmd_line="${1//\{\}/$2} </dev/null" ;;
	*) cmd_line="$1 $2 </dev/null" ;;
	esac
}

# bats test_tags=no-sanitizer
@test "bad corpus: at least 40 files, every one named in expected.tsv" {
	cd "$BAD"
	n=0
	for f in *; do
		[ "$f" = expected.tsv ] && continue
		n=$((n + 1))
		grep -q -e "^$f	" -e "^# pending $f	" expected.tsv || {
			echo "tests/bad/$f is not in expected.tsv"
			return 1
		}
	done
	[ "$n" -ge 40 ]
}

# stdout_is SPEC FILE: FILE (a command's stdout) is as the manifest's STDOUT
# column SPEC says (see expected.tsv); prints what differs.  Its lines are read
# into the shell (mapfile) rather than counted by grep and cut by sed: one
# fork fewer per row of the corpus.
stdout_is() {
	local spec=$1 out=$2 n rest filter k want got lines
	mapfile -t lines <"$out"
	if [ "$spec" = - ]; then
		[ ! -s "$out" ] || { echo "expected no output, got ${#lines[@]} lines"; return 1; }
		return 0
	fi
	[[ $spec =~ ^([0-9]+)\ lines?(\;\ (.*))?$ ]] || { echo "bad STDOUT column: $spec"; return 1; }
	n=${BASH_REMATCH[1]} rest=${BASH_REMATCH[3]}
	got=${#lines[@]}
	[ "$got" -eq "$n" ] || { echo "expected $n lines, got $got"; return 1; }
	case $rest in
	'jq '*)
		filter=${rest#jq } want=${rest#* = }
		filter=${filter%% = *}
		if [ -n "${jq_later-}" ]; then
			# checked with the other rows' filters by one jq (jq_check)
			jq_later+=("$spec") jq_out+=("$out") jq_name+=("$row_name")
			return 0
		fi
		got=$(jq -cs "$filter" "$out") || { echo "jq $filter failed on the output"; return 1; } ;;
	'line '*)
		k=${rest#line } want=${rest#* = }
		k=${k%% = *}
		got=${lines[k - 1]-} ;;
	'') return 0 ;;
	*) echo "bad STDOUT column: $spec"; return 1 ;;
	esac
	[ "$got" = "$want" ] || { echo "expected ${rest%% = *} = $want"; echo "got      ${rest%% = *} = $got"; return 1; }
}

# run_corpus DIR: every row of the manifest run once, in tests/bad/, for the
# two tests that check what the rows did: DIR/out.N is row N's stdout,
# DIR/err.N its stderr, line N of DIR/status its exit status.  (untraced: see
# tests/helper.bash)
run_corpus() {
	local n=0 rc
	cd "$BAD"
	while IFS=$'\037' read -r file cmd _; do
		n=$((n + 1))
		# run here, not in a $(...): stderr to a file, read back by the tests
		cmd_for "$cmd" "$file"
		eval "$cmd_line" 2>"$1/err.$n" >"$1/out.$n" && rc=0 || rc=$?
		echo "$rc"
	done < <(rows) >"$1/status"
}

# The corpus is run once for the file, not once per test that reads it: the
# exit status, stderr and stdout of each row are checked by the first test
# below, the NDJSON of the stages before kpi-render by the third.
setup_file() {
	export CORPUS="$BATS_FILE_TMPDIR/corpus"
	mkdir -p "$CORPUS"
	untraced run_corpus "$CORPUS"
}

# jq_check: the jq filters of the rows stdout_is left for later (jq_later,
# jq_out, jq_name), one jq for them all: row K's results are `jq -cs FILTER
# OUT`'s lines, compared with the manifest's JSON.  jq starts in about 0.03 s,
# 159 rows in each build.  When that jq fails (a filter that errors, an output
# that is not JSON), each row again on its own, to name it.
jq_check() {
	local k=0 spec filter prog= args=() got want
	for spec in "${jq_later[@]:1}"; do
		filter=${spec#*; jq } filter=${filter%% = *}
		k=$((k + 1))
		args+=(--slurpfile "o$k" "${jq_out[k]}")
		prog+="([\$o$k | ($filter) | tojson] | join(\"\\n\")), \"\\u0000\", "
	done
	[ "$k" -gt 0 ] || return 0
	if jq -n -j "${args[@]}" "${prog%, }" >"$BATS_TEST_TMPDIR/jq" 2>/dev/null; then
		mapfile -d '' -t got <"$BATS_TEST_TMPDIR/jq"
		for ((k = 1; k < ${#jq_later[@]}; k++)); do
			spec=${jq_later[k]} want=${spec#* = } filter=${spec#*; } filter=${filter%% = *}
			[ "${got[k - 1]-}" = "$want" ] && continue
			echo "${jq_name[k]}: stdout: expected $filter = $want"
			echo "${jq_name[k]}: stdout: got      $filter = ${got[k - 1]-}"
			fails=$((fails + 1))
		done
		return 0
	fi
	local specs=("${jq_later[@]}")
	jq_later= # (stdout_is runs jq itself again)
	for ((k = 1; k < ${#specs[@]}; k++)); do
		stdout_is "${specs[k]}" "${jq_out[k]}" >"$BATS_TEST_TMPDIR/diff" && continue
		echo "${jq_name[k]}: stdout: $(cat "$BATS_TEST_TMPDIR/diff")"
		fails=$((fails + 1))
	done
}

# (untraced: see tests/helper.bash)
check_every_row() {
	local status_of
	# element 0 is a placeholder: a set jq_later means "check jq filters later"
	jq_later=(-) jq_out=(-) jq_name=(-)
	mapfile -t status_of <"$CORPUS/status"
	fails=0 n=0
	while IFS=$'\037' read -r file cmd status first _ stdout; do
		n=$((n + 1))
		rc=${status_of[n - 1]-none}
		got=
		IFS= read -r got <"$CORPUS/err.$n" || true
		if [ "$rc" != "$status" ] || [ "$got" != "$first" ]; then
			echo "$file | $cmd: expected $status '$first'"
			echo "$file | $cmd: got      $rc '$got'"
			fails=$((fails + 1))
		elif row_name="$file | $cmd" && { [ -z "$stdout" ] || ! stdout_is "$stdout" "$CORPUS/out.$n" >"$BATS_TEST_TMPDIR/diff"; }; then
			[ -n "$stdout" ] && echo "$file | $cmd: stdout: $(cat "$BATS_TEST_TMPDIR/diff")" ||
				echo "$file | $cmd: stdout: no STDOUT column"
			fails=$((fails + 1))
		fi
	done < <(rows)
	jq_check
	echo "$n cases, $fails failed"
	[ "$n" -ge 200 ]
	[ "$n" -eq "${#status_of[@]}" ] || { echo "the corpus ran ${#status_of[@]} rows, the manifest has $n"; return 1; }
	[ "$fails" -eq 0 ]
}

@test "bad corpus: every file, every tool: exit status, first stderr line and stdout" {
	untraced check_every_row
}

# newlines FILE: sets nl to the number of newlines in FILE, as wc -l counts
# them, without a fork
newlines() {
	local text=
	IFS= read -r -d '' text <"$1" || true
	text=${text//[!$'\n']/}
	nl=${#text}
}

# (untraced: see tests/helper.bash)
check_rejects() {
	local rejects=() k
	cd "$BAD"
	fails=0 n=0
	while IFS=$'\037' read -r file cmd status first keep _; do
		[ "$keep" = counts ] || continue
		n=$((n + 1))
		rej="$BATS_TEST_TMPDIR/rej.$n.ndjson"
		rejects+=("$rej")
		rm -f "$rej"
		$cmd --rejects "$rej" "$file" 2>"$BATS_TEST_TMPDIR/err" >"$BATS_TEST_TMPDIR/out" </dev/null && rc=0 || rc=$?
		# the last line of stderr (trailing empty lines aside, as $(...) would)
		mapfile -t err <"$BATS_TEST_TMPDIR/err"
		k=${#err[@]}
		while [ "$k" -gt 0 ] && [ -z "${err[k - 1]}" ]; do k=$((k - 1)); done
		last=${err[k - 1]-}
		[ "$k" -gt 0 ] || last=
		prog=${cmd%% *}
		re="^$prog: ([0-9]+) records read, ([0-9]+) written, ([0-9]+) rejected\$"
		if [ "$rc" != 1 ] || ! [[ $last =~ $re ]]; then
			echo "$file | $cmd --rejects: exit $rc, last line '$last'"
			fails=$((fails + 1))
			continue
		fi
		read_n=${BASH_REMATCH[1]} written=${BASH_REMATCH[2]} rejected=${BASH_REMATCH[3]}
		newlines "$rej"
		lines=$nl
		if [ "$read_n" -ne $((written + rejected)) ] || [ "$rejected" -lt 1 ] || [ "$lines" -ne "$rejected" ]; then
			echo "$file | $cmd --rejects: $last, rejects file has $lines lines"
			fails=$((fails + 1))
		fi
		# a stage that writes one record per record read: the output has them all
		case $prog in kpi-ingest | kpi-normalise | kpi-flag)
			newlines "$BATS_TEST_TMPDIR/out"
			out=$nl
			if [ "$out" -ne "$written" ]; then
				echo "$file | $cmd --rejects: $written written, $out output lines"
				fails=$((fails + 1))
			fi ;;
		esac
	done < <(rows)
	# every reject is {"source","reason","line"} with the message's reason: one
	# jq over every rejects file, and one per file to name it if that fails
	local is_reject='all(.[]; (keys_unsorted == ["source","reason","line"]) and (.reason | length > 0))'
	if ! jq -e -s "$is_reject" "${rejects[@]}" >/dev/null; then
		for rej in "${rejects[@]}"; do
			[ -e "$rej" ] || continue
			jq -e -s "$is_reject" "$rej" >/dev/null && continue
			echo "${rej##*/} --rejects: a reject is not {source, reason, line}"
			fails=$((fails + 1))
		done
		[ "$fails" -gt 0 ] || { echo "the rejects files together are not {source, reason, line}"; fails=1; }
	fi
	echo "$n cases, $fails failed"
	[ "$n" -ge 100 ]
	[ "$fails" -eq 0 ]
}

@test "bad corpus: --rejects keeps count: read = written + rejected, one reject line each" {
	untraced check_rejects
}

# (untraced: see tests/helper.bash)
check_ndjson_before_render() {
	local outs=() names=() i=0 n=0 every='all(inputs; . != null and . != false)'
	fails=0
	while IFS=$'\037' read -r file cmd status first _; do
		n=$((n + 1))
		case $cmd in kpi-ingest | kpi-normalise | kpi-trend | kpi-flag) ;; *) continue ;; esac
		# the row's stdout from the corpus run (setup_file)
		i=$((i + 1))
		[ -e "$CORPUS/out.$n" ] || { echo "$file | $cmd: not run"; fails=$((fails + 1)); continue; }
		[ -s "$CORPUS/out.$n" ] || continue
		outs+=("$CORPUS/out.$n") names+=("$file | $cmd")
	done < <(rows)
	[ "$i" -ge 100 ] || { echo "only $i rows of the stages before kpi-render"; return 1; }
	[ "$fails" -eq 0 ] || return 1
	# one jq reads every output; only if it fails, one per output names it
	jq -n -e "$every" "${outs[@]}" >/dev/null 2>&1 && return 0
	for i in "${!outs[@]}"; do
		jq -n -e "$every" "${outs[i]}" >/dev/null 2>&1 && continue
		echo "${names[i]}: output is not NDJSON"
		fails=$((fails + 1))
	done
	[ "$fails" -gt 0 ] || { echo "the outputs together are not NDJSON"; fails=1; }
	[ "$fails" -eq 0 ]
}

@test "bad corpus: a bad file's stdout is NDJSON up to the bad record (stages before kpi-render)" {
	untraced check_ndjson_before_render
}

# --- generated in the test: too big to keep in the repository ---------------

@test "10,000 columns of one name: renamed in linear time; the warning names ten and counts the rest" {
	f="$BATS_TEST_TMPDIR/same.csv"
	awk 'BEGIN { ORS = ""; print "indicator,period,value";
		for (i = 1; i <= 9997; i++) print ",value"; print "\n";
		print "referrals_count,2019,10"; for (i = 1; i <= 9997; i++) print "," i; print "\n" }' >"$f"
	cd "$BATS_TEST_TMPDIR"
	run --separate-stderr kpi-ingest same.csv
	assert_success
	[ "$stderr" = "kpi-ingest: same.csv:1: duplicate column names renamed: column 4 'value' -> value_2, column 5 'value' -> value_3, column 6 'value' -> value_4, column 7 'value' -> value_5, column 8 'value' -> value_6, column 9 'value' -> value_7, column 10 'value' -> value_8, column 11 'value' -> value_9, column 12 'value' -> value_10, column 13 'value' -> value_11 and 9987 more" ]
	[ "$(jq -c '[.value, .value_2, .value_9998]' <<<"$output")" = '["10","1","9997"]' ]
}

@test "10,000 columns: the extra columns pass through, a 10,001-field row is named" {
	f="$BATS_TEST_TMPDIR/cols.csv"
	awk 'BEGIN { ORS = ""; print "indicator,period,value";
		for (i = 1; i <= 9997; i++) print ",x" i; print "\n";
		print "referrals_count,2019,10"; for (i = 1; i <= 9997; i++) print "," i; print "\n";
		print "referrals_count,2020,11"; for (i = 1; i <= 9998; i++) print "," i; print "\n" }' >"$f"
	cd "$BATS_TEST_TMPDIR"
	run --separate-stderr kpi-ingest cols.csv
	assert_failure 1
	[ "$stderr" = "kpi-ingest: cols.csv:3: row has 10001 fields, header has 10000" ]
	[ "$(jq length <<<"$output")" -eq 10001 ]
	[ "$(jq -r .x9997 <<<"$output")" = 9997 ]
	run --separate-stderr kpi-ingest --rejects rej.ndjson cols.csv
	assert_failure 1
	[ "${stderr##*$'\n'}" = "kpi-ingest: 2 records read, 1 written, 1 rejected" ]
	[ "$(jq -r .source rej.ndjson)" = "cols.csv:3" ]
	# and through normalise: 9,997 pass-through fields kept in order
	# kpi-ingest writes the good row and exits 1 for the bad one
	run kpi-ingest cols.csv
	assert_failure 1
	kpi-ingest cols.csv 2>/dev/null >raw.ndjson || [ $? -eq 1 ]
	kpi-normalise raw.ndjson >norm.ndjson
	[ "$(jq -r 'keys_unsorted | map(select(startswith("x"))) | .[0] + " " + .[-1] + " " + (length | tostring)' norm.ndjson)" = "x1 x9997 9997" ]
}

@test "overlong lines: a 4 MB CSV field and a 4 MB JSON string pass whole" {
	cd "$BATS_TEST_TMPDIR"
	awk 'BEGIN { printf "indicator,period,value,note\nreferrals_count,2019,10,";
		for (i = 0; i < 65536; i++) printf "%s", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!?"; printf "\n" }' >long.csv
	run kpi-ingest long.csv
	assert_success
	[ "$(jq -r '.note | length' <<<"$output")" -eq 4194304 ]
	kpi-ingest long.csv | kpi-normalise >typed.ndjson
	[ "$(jq -r '.note | length' typed.ndjson)" -eq 4194304 ]
	kpi-trend typed.ndjson >summary.ndjson
	[ "$(jq -r '.note | length' summary.ndjson)" -eq 4194304 ]
}

@test "overlong lines: a 4 MB line cut short is bad data at its line, not a crash" {
	cd "$BATS_TEST_TMPDIR"
	awk 'BEGIN { print "{\"indicator\":\"referrals_count\",\"period\":\"2019\",\"value\":\"1\"}";
		printf "{\"indicator\":\"referrals_count\",\"period\":\"2020\",\"value\":\"2\",\"note\":\"";
		for (i = 0; i < 65536; i++) printf "%s", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!?"; printf "\n" }' >cut.ndjson
	for t in kpi-ingest kpi-normalise; do
		run --separate-stderr "$t" cut.ndjson
		assert_failure 1
		[ "$stderr" = "$t: cut.ndjson:2: invalid JSON at column 4194372: unterminated string" ]
	done
}

@test "an unterminated quote at line 2 of 100,000 lines: one error at line 2" {
	cd "$BATS_TEST_TMPDIR"
	awk 'BEGIN { print "indicator,period,value"; print "referrals_count,2019,\"10";
		for (i = 0; i < 100000; i++) print "referrals_count,2019,10" }' >open.csv
	run --separate-stderr kpi-ingest open.csv
	assert_failure 1
	[ "$stderr" = "kpi-ingest: open.csv:2: unterminated quoted field" ]
	[ -z "$output" ]
}

@test "pipelines: bad dates survive ingest as text and stop normalise at their row" {
	cd "$BAD"
	run --separate-stderr bash -c 'set -o pipefail; kpi-ingest bad-dates.csv | kpi-normalise'
	assert_failure 1
	[ "$stderr" = 'kpi-normalise: bad-dates.csv:2: invalid period "31/02/2017": day 31 is not in February 2017' ]
	run --separate-stderr bash -c 'set -o pipefail; kpi-ingest bad-dates.csv | kpi-normalise --rejects /dev/null'
	assert_failure 1
	[ "${stderr##*$'\n'}" = "kpi-normalise: 2 records read, 0 written, 2 rejected" ]
}

@test "narrative text is escaped in the HTML report" {
	cd "$BAD"
	run --separate-stderr kpi-render -f html --narrative narrative-html.md ../data/render/judged.ndjson
	assert_success
	assert_output --partial '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'
	refute_output --partial '<script>'
}
