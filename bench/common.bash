# bench/common.bash: shared by the bench/*.sh stages (sourced, not run:
# bench/run runs only *.sh).  The data, the timer and the table row.
#
# Table rows (see bench/run):
#   | stage | command | seconds | rows/s | peak RSS MB | ratio |
# ratio: on a comparator's row, its seconds divided by kpi's (how many times
# faster kpi is than it); on kpi's row, the same against the fastest
# comparator.  "no equivalent" when nothing comparable was run.
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
BENCH_DIR=${BENCH_DIR:-bench/work}
mkdir -p "$BENCH_DIR" || exit 2
# The generated indicators KPI01..KPI60 are in this catalogue (percents and
# counts, both polarities), so normalise's checks and flag's judgements run
# as they do on real data.
export KPI_CATALOGUE="$PWD/bench/catalogue.csv"

# The 1M-row long CSV (periods 2015-04, values 35.1).
# bench_need TOOL...: exit 2 naming the calling script when a tool is not on PATH.
bench_need() {
	local t
	for t; do
		command -v "$t" >/dev/null || { echo "bench/${0##*/}: $t is not on PATH" >&2; exit 2; }
	done
}

bench_long_csv() {
	local csv="$BENCH_DIR/long-1m.csv"
	if [ ! -s "$csv" ]; then
		awk -v rows=1000000 -f bench/gen-long-csv.awk >"$csv.tmp" && mv "$csv.tmp" "$csv" || exit 2
	fi
	echo "$csv"
}

# The same rows as people write them: periods "Jun-17", values "35.1%".
bench_written_csv() {
	local long csv="$BENCH_DIR/normalise-1m.csv"
	long=$(bench_long_csv)
	if [ ! -s "$csv" ]; then
		awk -F, -v OFS=, '
			BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mon, " ") }
			NR == 1 { print; next }
			{ $3 = mon[substr($3, 6, 2) + 0] "-" substr($3, 3, 2); $4 = $4 "%"; print }' \
			"$long" >"$csv.tmp" && mv "$csv.tmp" "$csv" || exit 2
	fi
	echo "$csv"
}

# Series summaries of the 1M observations (kpi-trend output).  Made afresh
# each run: they depend on the tools being measured.
bench_summaries() {
	local csv out="$BENCH_DIR/summary-1m.ndjson"
	csv=$(bench_long_csv)
	kpi-ingest "$csv" | kpi-normalise | kpi-trend >"$out.tmp" && mv "$out.tmp" "$out" || exit 2
	echo "$out"
}

# Judged summaries (kpi-flag output) of the same.
bench_flagged() {
	local sum out="$BENCH_DIR/flagged-1m.ndjson"
	sum=$(bench_summaries)
	kpi-flag "$sum" >"$out.tmp" && mv "$out.tmp" "$out" || exit 2
	echo "$out"
}

# timed CMD: runs the shell pipeline CMD (output to /dev/null); sets secs and
# rss_mb, the peak RSS of its largest process.  Fails when CMD fails.
timed() {
	local t rc
	t=$(mktemp)
	/usr/bin/time -f '%e %M' -o "$t" bash -o pipefail -c "$1" >/dev/null 2>&1
	rc=$?
	if [ $rc -ne 0 ]; then
		rm -f "$t"
		return 1
	fi
	read -r secs rss_kb <"$t"
	rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
	rm -f "$t"
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }
# "|" inside a table cell
cell() { printf '%s' "$1" | sed 's/|/\\|/g'; }

# stage_rows STAGE ROWS KPI_LABEL KPI_CMD [TOOL LABEL CMD]...: times kpi's
# command and each comparator whose TOOL is installed, and prints the rows,
# kpi's first.
stage_rows() {
	local stage=$1 rows=$2 label=$3 cmd=$4
	shift 4
	if ! timed "$cmd"; then
		echo "| $stage | $(cell "$label") | (failed) | | | |"
		return 1
	fi
	local kpi_secs=$secs kpi_rss=$rss_mb best="" best_label="" out=""
	while [ $# -ge 3 ]; do
		local tool=$1 clabel=$2 ccmd=$3
		shift 3
		if ! command -v "$tool" >/dev/null; then
			out+="| $stage | $(cell "$clabel") | ($tool not installed) | | | |"$'\n'
			continue
		fi
		if timed "$ccmd"; then
			out+="| $stage | $(cell "$clabel") | $secs | $(rate "$rows" "$secs") | $rss_mb | $(ratio "$secs" "$kpi_secs") |"$'\n'
			if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
				best=$secs best_label=$tool
			fi
		else
			out+="| $stage | $(cell "$clabel") | (failed) | | | |"$'\n'
		fi
	done
	local kratio="no equivalent"
	[ -n "$best" ] && kratio="$(ratio "$best" "$kpi_secs") vs $best_label"
	echo "| $stage | $(cell "$label") | $kpi_secs | $(rate "$rows" "$kpi_secs") | $kpi_rss | **$kratio** |"
	printf '%s' "$out"
}
