#!/bin/bash
# bench/regenerate-pdf.sh: a year of the example council's reports as PDF
# (Apr 2024 to Mar 2025), kpi-regenerate --pdf (every report printed through
# one headless Chromium, kpi-pdf) against a browser started once per report
# (chromium --headless --print-to-pdf), on the same HTML in the same run.
# Prints markdown table rows (see bench/run); reports/s is the rate, and the
# command column gives the seconds per report:
#   | regenerate --pdf | COMMAND | seconds | reports/s | peak RSS MB | ratio |
set -u
cd "$(dirname "$0")/.." || exit 2
dir=${BENCH_DIR:-bench/work}/regenerate-pdf
type=corporate-parenting-board
from=2024-04 to=2025-03 reports=12
for tool in kpi-render kpi-pdf; do
	command -v "$tool" >/dev/null || { echo "bench/regenerate-pdf.sh: $tool is not on PATH" >&2; exit 2; }
done
browser=$(kpi-pdf --browser 2>/dev/null) || {
	echo "| regenerate --pdf | (no Chromium: scripts/install-deps --browser) | | | | |"
	exit 0
}
rm -rf "$dir"
mkdir -p "$dir/regen" "$dir/each" "$dir/profile" || exit 2

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
per() { awk -v n=$reports -v s="$1" 'BEGIN { printf "%.2f", s / n }'; }
rate() { awk -v n=$reports -v s="$1" 'BEGIN { if (s > 0) printf "%.2f", n / s; else print "n/a" }'; }

# the HTML alone first, so the printing can be told from the rendering
t0=$(now)
pipelines/regenerate -q --type "$type" --from "$from" --to "$to" -o "$dir/regen" --force examples/ ||
	{ echo "| regenerate --pdf | kpi-regenerate | (failed) | | | |"; exit 1; }
html_secs=$(elapsed "$t0" "$(now)")

t0=$(now)
pipelines/regenerate -q --pdf --type "$type" --from "$from" --to "$to" -o "$dir/regen" --force examples/ ||
	{ echo "| regenerate --pdf | kpi-regenerate --pdf | (failed) | | | |"; exit 1; }
pdf_secs=$(elapsed "$t0" "$(now)")

# The alternative: one browser per report, as the browser tests print.
sandbox=
[ "$(id -u)" -ne 0 ] || sandbox=--no-sandbox
t0=$(now)
for f in "$dir/regen"/*.html; do
	n=${f##*/}
	"$browser" --headless $sandbox --disable-gpu --no-first-run --user-data-dir="$dir/profile" \
		--no-pdf-header-footer --print-to-pdf="$dir/each/${n%.html}.pdf" "file://$PWD/$f" 2>/dev/null ||
		{ echo "| regenerate --pdf | one browser per report | (failed at $n) | | | |"; exit 1; }
done
each_secs=$(elapsed "$t0" "$(now)")

n=$(ls "$dir/regen"/*.pdf | wc -l)
[ "$n" -eq "$reports" ] || echo "bench/regenerate-pdf.sh: expected $reports PDFs, got $n" >&2
# the printing alone: kpi-regenerate --pdf less the same run without it
print_secs=$(awk -v a="$pdf_secs" -v b="$html_secs" 'BEGIN { d = a - b; printf "%.2f", (d > 0 ? d : a) }')
ratio=$(awk -v a="$each_secs" -v b="$print_secs" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }')
echo "| regenerate --pdf | kpi-regenerate --pdf --type $type --from $from --to $to ($reports reports, HTML and PDF; $(per "$pdf_secs") s per report, the printing $(per "$print_secs") s) | $pdf_secs | $(rate "$pdf_secs") | n/a | $ratio |"
echo "| regenerate --pdf | one browser per report: chromium --headless --print-to-pdf, $reports times (the printing alone; $(per "$each_secs") s per report) | $each_secs | $(rate "$each_secs") | n/a | 1.0x |"
exit 0
