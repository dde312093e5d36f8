#!/usr/bin/env bats
# Every usage error of every tool, with its exact message (the table is
# tests/data/usage/errors.tsv), checked before any input is read; and every
# usage error the C sources can give has a row in that table.
load helper
bats_require_minimum_version 1.5.0

U="$REPO/tests/data/usage/errors.tsv"

# check_tool TOOL: every row of TOOL: exit 2, nothing on stdout, the exact
# first line of stderr, then the "Try" line (or nothing) as the row says;
# where the input named is /nonexistent/input, the --rejects file is not
# created either (the options are checked before anything is opened).
check_tool() {
	local tool=$1 t args first try n=0 fails=0 err out rc want rejects="--rejects '$BATS_TEST_TMPDIR/rej'"
	# kpi-pdf writes PDFs, not records: it has no --rejects
	[ "$tool" = kpi-pdf ] && rejects=
	cd "$REPO/tests/data"
	while IFS=$'\t' read -r t args first try; do
		[ "$t" = "$tool" ] || continue
		n=$((n + 1))
		rm -f "$BATS_TEST_TMPDIR/rej"
		err=$(eval "$t $rejects $args" 2>&1 >"$BATS_TEST_TMPDIR/out" </dev/null) && rc=0 || rc=$?
		want=$first
		[ "$try" = try ] && want+=$'\n'"Try '$t --help' for more information."
		if [ "$rc" != 2 ] || [ "$err" != "$want" ] || [ -s "$BATS_TEST_TMPDIR/out" ] ||
			{ [[ $args == */nonexistent/input ]] && [ -e "$BATS_TEST_TMPDIR/rej" ]; }; then
			echo "$t $args:"
			echo "  expected exit 2, stderr: $want"
			echo "  got exit $rc, stderr: $err"
			[ -s "$BATS_TEST_TMPDIR/out" ] && echo "  and stdout: $(head -c 200 "$BATS_TEST_TMPDIR/out")"
			[ -e "$BATS_TEST_TMPDIR/rej" ] && echo "  and it created the --rejects file"
			true
			fails=$((fails + 1))
		fi
	done < <(grep -v '^#' "$U")
	echo "$tool: $n usage errors, $fails wrong"
	[ "$n" -ge 2 ]
	[ "$fails" -eq 0 ]
}

@test "kpi-ingest: every usage error, exact message, exit 2, before the input is read" {
	check_tool kpi-ingest
}

@test "kpi-normalise: every usage error, exact message, exit 2, before the input is read" {
	check_tool kpi-normalise
}

@test "kpi-trend: every usage error, exact message, exit 2, before the input is read" {
	check_tool kpi-trend
}

@test "kpi-flag: every usage error, exact message, exit 2, before the input is read" {
	check_tool kpi-flag
}

@test "kpi-render: every usage error, exact message, exit 2, before the input is read" {
	check_tool kpi-render
}

@test "kpi-pdf: every usage error, exact message, exit 2, before the browser starts" {
	check_tool kpi-pdf
}

@test "kpi-trend --as-at junk /nonexistent: the bad option, not the missing file" {
	run --separate-stderr kpi-trend --as-at junk /nonexistent
	assert_failure 2
	[ "${stderr%%$'\n'*}" = "kpi-trend: --as-at: 'junk' is not a period as kpi-normalise writes them (2017-06, 2017-Q1, 2017/18-Q1, 2016/17, 2017, 2016/17-T1, 2017-W05, 2017-06-30)" ]
}

# The messages the rows expect, one per line, with the tool's name removed.
messages() {
	grep -v '^#' "$U" | cut -f3 | sed 's/^kpi-[a-z]*: //'
}

# bats test_tags=no-sanitizer
@test "every usage error in the C sources has a row in errors.tsv" {
	cd "$REPO"
	msgs=$(messages)
	missing=0 n=0
	while IFS=$'\t' read -r file fmt; do
		n=$((n + 1))
		# the default: branch of a getopt switch cannot be reached: getopt_long
		# answers '?' for an unknown option (the "unrecognized option" rows)
		case $fmt in "unknown option" | "unexpected option") continue ;; esac
		# the format as an extended regular expression: each conversion any
		# text, %% a percent sign
		pat=$(printf '%s' "$fmt" | sed -e 's/[][\.*^$/+?(){}|]/\\&/g' -e 's/%%/%/g' -e 's/%l\{0,1\}[sdzuc]\{1,2\}/.*/g')
		if ! grep -qxE -e "$pat" <<<"$msgs"; then
			echo "$file: usage error not tested: $fmt"
			missing=$((missing + 1))
		fi
	done < <(awk -f tests/data/usage/formats.awk cmd/*/*.c lib/cli.c)
	echo "$n usage errors in the sources"
	[ "$n" -ge 30 ]
	[ "$missing" -eq 0 ]
}

# bats test_tags=no-sanitizer
@test "every number option (kpi_cli_long, nonnegative) is tested out of range under its own name" {
	cd "$REPO"
	missing=0 n=0
	for main in cmd/*/main.c; do
		tool=$(basename "$(dirname "$main")")
		rows=$(grep -v '^#' "$U" | awk -F'\t' -v t="$tool" '$1 == t { print $3 }')
		while read -r name min max; do
			n=$((n + 1))
			grep -q -e "^$tool: --$name: '[^']*' is not a whole number from $min to $max\$" <<<"$rows" || {
				echo "$tool --$name: no row for 'is not a whole number from $min to $max'"
				missing=$((missing + 1))
			}
		done < <(sed -n 's/.*kpi_cli_long("\([a-z-]*\)", optarg, \([0-9]*\)L\{0,1\}, \([0-9]*\)L\{0,1\}).*/\1 \2 \3/p' "$main")
		while read -r name; do
			n=$((n + 1))
			grep -q -e "^$tool: --$name: '[^']*' is not a number >= 0\$" <<<"$rows" &&
				grep -q -e "^$tool: --$name: '[^']*' is not a number\$" <<<"$rows" || {
				echo "$tool --$name: no rows for 'is not a number' and 'is not a number >= 0'"
				missing=$((missing + 1))
			}
		done < <(sed -n 's/.*nonnegative("\([a-z-]*\)", optarg).*/\1/p' "$main")
	done
	echo "$n number options"
	[ "$n" -ge 9 ]
	[ "$missing" -eq 0 ]
}
