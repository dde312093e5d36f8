# gen-long-csv.awk: a deterministic long CSV for the benchmarks.
#   awk -v rows=1000000 -f bench/gen-long-csv.awk > long.csv
# 60 indicators x 152 areas x 110 months (Apr 2015 on), cut at ROWS rows
# (default 1,000,000, about 30 MB); columns
#   indicator,area,period,value,numerator,denominator
# Numbers come from a Park-Miller generator (exact in awk's doubles), so every
# awk writes the same bytes.
BEGIN {
	if (rows == "") rows = 1000000
	seed = 20240401
	print "indicator,area,period,value,numerator,denominator"
	n = 0
	for (i = 1; i <= 60; i++) {
		for (a = 1; a <= 152; a++) {
			area = sprintf("E%08d", 6000000 + a)
			for (m = 0; m < 110; m++) {
				if (n >= rows) exit
				year = 2015 + int((m + 3) / 12)
				month = (m + 3) % 12 + 1
				seed = (seed * 16807) % 2147483647
				den = 50 + seed % 950
				seed = (seed * 16807) % 2147483647
				num = seed % (den + 1)
				printf "KPI%02d,%s,%04d-%02d,%.1f,%d,%d\n", i, area, year, month, 100 * num / den, num, den
				n++
			}
		}
	}
}
