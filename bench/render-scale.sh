#!/bin/bash
# bench/render-scale.sh: kpi-render's time against the number of series in a
# section, as a ratio (issue 18: the range column's heading was quadratic in
# series per section; 40,000 series took 204 s).  The judged summaries of
# the benchmark data are put in one section and repeated under new area
# names to 5,000 and to 50,000 series; ten times the series should take
# about ten times as long.  Prints table rows (see bench/common.bash); the
# ratio of the 50,000 row is its seconds over the 5,000 row's.
set -u
. "$(dirname "$0")/common.bash"
bench_need kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render
flagged=$(bench_flagged)
# one_section N: N judged series, all in one section, made from the
# benchmark's (copy K renames each area to AREA-K)
one_section() {
	local out="$BENCH_DIR/one-section-$1.ndjson"
	if [ ! -s "$out" ]; then
		awk -v n="$1" '
			{ line[++m] = $0 }
			END {
				for (k = 0; written < n; k++)
					for (i = 1; i <= m && written < n; i++) {
						s = line[i]
						sub(/"section":"[^"]*"/, "\"section\":\"One section\"", s)
						sub(/"area":"[^"]*/, "&-" k, s)
						print s
						written++
					}
			}' "$flagged" >"$out.tmp" && mv "$out.tmp" "$out" || exit 2
	fi
	echo "$out"
}
small=$(one_section 5000)
large=$(one_section 50000)
if ! timed "kpi-render -f md '$small'"; then
	echo "| render-scale | (failed) | | | | |"
	exit 0
fi
s_secs=$secs
echo "| render-scale | kpi-render -f md, 5,000 series in one section | $secs | $(rate 5000 "$secs") | $rss_mb | no equivalent |"
if ! timed "kpi-render -f md '$large'"; then
	echo "| render-scale | (failed) | | | | |"
	exit 0
fi
echo "| render-scale | kpi-render -f md, 50,000 series in one section | $secs | $(rate 50000 "$secs") | $rss_mb | **$(ratio "$secs" "$s_secs") the 5,000 series' time (linear: 10x)** |"
exit 0
