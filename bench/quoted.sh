#!/bin/bash
# bench/quoted.sh: kpi-ingest on one quoted field that runs over many lines,
# at N and 2N lines: the time must grow linearly (the second row's ratio,
# its seconds over the first's, about 2; libcsv's fixed 128-byte growth once
# made it quadratic: 15.8 s for 100,000 lines under ASan).  Two cases: the
# field closes (one record with a 2N-line note), and it never closes (one
# error at its first line).  Prints table rows (see bench/common.bash).
set -u
. "$(dirname "$0")/common.bash"
bench_need kpi-ingest
n=1000000
# quoted FILE LINES CLOSE: the header, a row whose note opens a quote, LINES
# lines inside it, and the closing quote when CLOSE is 1
quoted() {
	[ -s "$1" ] && return 0
	awk -v lines="$2" -v closed="$3" 'BEGIN {
		print "indicator,period,value,note"
		printf "referrals_count,2019,10,\"start"
		for (i = 0; i < lines; i++) printf "\nreferrals_count,2019,10 inside the quote"
		print closed ? "\"" : ""
	}' >"$1.tmp" && mv "$1.tmp" "$1" || exit 2
}
for close in 1 0; do
	what=$([ "$close" = 1 ] && echo "closed" || echo "unclosed")
	prev=""
	for lines in "$n" $((2 * n)); do
		f="$BENCH_DIR/quoted-$what-$lines.csv"
		quoted "$f" "$lines" "$close"
		# the unclosed field is an error (exit 1): time it, not its status
		if ! timed "kpi-ingest '$f' || [ \$? -eq 1 ]"; then
			echo "| quoted | kpi-ingest ($what quote, $lines lines) | (failed) | | | |"
			continue
		fi
		r="no equivalent"
		[ -n "$prev" ] && r="$(ratio "$secs" "$prev") the time of half the lines (linear: 2x)"
		echo "| quoted | kpi-ingest ($what quote over $lines lines) | $secs | $(rate "$lines" "$secs") | $rss_mb | $r |"
		prev=$secs
	done
done
exit 0
