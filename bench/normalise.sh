#!/bin/bash
# bench/normalise.sh: kpi-ingest | kpi-normalise against jq and Miller doing an
# equivalent normalisation (parse "23.5%", numbers, map "Jun-17" to "2017-06")
# on the same 1,000,000 observations in the same run.  Prints markdown rows:
#   | normalise | COMMAND | seconds | rows/s | peak RSS MB | ratio |
# ratio = the comparator's seconds / kpi's (>1: kpi is faster).
# Data: bench/gen-long-csv.awk (shared with bench/ingest.sh), rewritten once
# so values carry a '%' and periods are written "Jun-17".
set -u
cd "$(dirname "$0")/.." || exit 2
dir=${BENCH_DIR:-bench/work}
mkdir -p "$dir" || exit 2
rows=${BENCH_ROWS:-1000000}
long="$dir/long-1m.csv"
csv="$dir/normalise-1m.csv"
if [ ! -s "$long" ]; then
	awk -v rows=1000000 -f bench/gen-long-csv.awk >"$long.tmp" && mv "$long.tmp" "$long" || exit 2
fi
if [ ! -s "$csv" ]; then
	awk -F, -v OFS=, -v rows="$rows" '
		BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mon, " ") }
		NR == 1 { print; next }
		NR > rows + 1 { exit }
		{ $3 = mon[substr($3, 6, 2) + 0] "-" substr($3, 3, 2); $4 = $4 "%"; print }' \
		"$long" >"$csv.tmp" && mv "$csv.tmp" "$csv" || exit 2
fi
for t in kpi-ingest kpi-normalise; do
	command -v $t >/dev/null || { echo "bench/normalise.sh: $t is not on PATH" >&2; exit 2; }
done

# timed CMD (a shell pipeline): sets secs and rss_mb (largest process of the pipeline)
timed() {
	local t
	t=$(mktemp)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M' -o "$t" bash -o pipefail -c "$1" >/dev/null 2>&1 || { rm -f "$t"; return 1; }
		read -r secs rss_kb <"$t"
		rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
	else
		local TIMEFORMAT=%R
		{ time bash -o pipefail -c "$1" >/dev/null 2>&1; } 2>"$t" || { rm -f "$t"; return 1; }
		secs=$(tail -1 "$t")
		rss_mb="n/a"
	fi
	rm -f "$t"
}
rate() { awk -v n="$rows" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }

kpi_cmd="kpi-ingest '$csv' | kpi-normalise"
timed "$kpi_cmd" || { echo "| normalise | kpi-ingest \| kpi-normalise | (failed) | | | |"; exit 1; }
kpi_secs=$secs
echo "| normalise | kpi-ingest \| kpi-normalise | $secs | $(rate "$secs") | $rss_mb | 1.0x |"

# jq on kpi-ingest's output: the same records in, the same work per record
jq_prog='.value |= (sub("%$"; "") | tonumber) | .numerator |= tonumber | .denominator |= tonumber
	| .period |= (strptime("%b-%y") | strftime("%Y-%m"))'
if command -v jq >/dev/null; then
	if timed "kpi-ingest '$csv' | jq -c '$jq_prog'"; then
		echo "| normalise | kpi-ingest \| jq (parse %, map period) | $secs | $(rate "$secs") | $rss_mb | $(ratio "$secs" "$kpi_secs") |"
	else
		echo "| normalise | jq | (failed) | | | |"
	fi
fi
# Miller straight from the CSV (it reads and normalises in one process)
mlr_prog='$value = float(sub($value, "%$", "")); $period = strftime(strptime($period, "%b-%y"), "%Y-%m")'
if command -v mlr >/dev/null; then
	if timed "mlr --icsv --ojsonl put '$mlr_prog' '$csv'"; then
		echo "| normalise | mlr --icsv --ojsonl put (parse %, map period) | $secs | $(rate "$secs") | $rss_mb | $(ratio "$secs" "$kpi_secs") |"
	else
		echo "| normalise | mlr | (failed) | | | |"
	fi
fi
exit 0
