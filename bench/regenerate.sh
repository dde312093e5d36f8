#!/bin/bash
# bench/regenerate.sh: 72 monthly reports of the example council (Apr 2019 to
# Mar 2025), kpi-regenerate against a shell loop that runs the full pipeline
# once per month (--as-at), on the same data in the same run.
# Prints markdown table rows (see bench/run):
#   | regenerate | COMMAND | seconds | reports/s | peak RSS MB | ratio |
# The command column also gives each side's user+sys CPU seconds and their
# ratio: on a loaded machine wall seconds mislead, CPU seconds much less.
set -u
cd "$(dirname "$0")/.." || exit 2
dir=${BENCH_DIR:-bench/work}/regenerate
type=corporate-parenting-board
from=2019-04 to=2025-03 reports=72
for tool in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
	command -v "$tool" >/dev/null || { echo "bench/regenerate.sh: $tool is not on PATH" >&2; exit 2; }
done
rm -rf "$dir"
mkdir -p "$dir/regen" "$dir/loop" || exit 2

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# cpu FILE: user+sys seconds of this shell's children when `times >FILE`
# ran (in this shell: a subshell's times are its own)
cpu() { awk 'NR == 2 { gsub(/[ms]/, " "); printf "%.2f", $1 * 60 + $2 + $3 * 60 + $4 }' "$1"; }

times >"$dir/times.0"
t0=$(now)
pipelines/regenerate --type "$type" --from "$from" --to "$to" -o "$dir/regen" --force examples/ ||
	{ echo "| regenerate | kpi-regenerate | (failed) | | | |"; exit 1; }
t1=$(now)
times >"$dir/times.1"
regen_secs=$(elapsed "$t0" "$t1")
regen_cpu=$(elapsed "$(cpu "$dir/times.0")" "$(cpu "$dir/times.1")")

# The alternative: the whole pipeline once per month.
months=$(awk -v from="$from" -v to="$to" 'BEGIN {
	y = substr(from, 1, 4) + 0; m = substr(from, 6, 2) + 0
	for (p = sprintf("%04d-%02d", y, m); p <= to; p = sprintf("%04d-%02d", y, m)) {
		print p; if (++m > 12) { m = 1; y++ }
	} }')
times >"$dir/times.0"
t0=$(now)
for m in $months; do
	pipelines/$type --as-at "$m" -o "$dir/loop/$type-$m.html" examples/ ||
		{ echo "| regenerate | shell loop | (failed at $m) | | | |"; exit 1; }
done
t1=$(now)
times >"$dir/times.1"
loop_secs=$(elapsed "$t0" "$t1")
loop_cpu=$(elapsed "$(cpu "$dir/times.0")" "$(cpu "$dir/times.1")")

n=$(ls "$dir/regen" | wc -l)
[ "$n" -eq "$reports" ] || echo "bench/regenerate.sh: expected $reports reports, got $n" >&2
rate() { awk -v n=$reports -v s="$1" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "n/a" }'; }
ratio=$(awk -v a="$loop_secs" -v b="$regen_secs" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }')
jobs=$(nproc 2>/dev/null || echo 1)
cpu_ratio=$(awk -v a="$loop_cpu" -v b="$regen_cpu" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }')
echo "| regenerate | kpi-regenerate --type $type --from $from --to $to -j $jobs ($reports reports; user+sys $regen_cpu s, $cpu_ratio the loop's) | $regen_secs | $(rate "$regen_secs") | n/a | $ratio |"
echo "| regenerate | shell loop: kpi-report-$type --as-at MONTH, $reports times (user+sys $loop_cpu s) | $loop_secs | $(rate "$loop_secs") | n/a | 1.0x |"
exit 0
