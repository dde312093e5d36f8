# gen-typed.awk: deterministic typed observations (kpi-normalise output) for
# the kpi-trend benchmarks, without going through ingest and normalise.
#   awk -v inds=60 -v areas=152 -v months=110 -f bench/gen-typed.awk > typed.ndjson
# One monthly series per indicator x area, from 2015-04; every third indicator
# a percent with numerator and denominator, the others counts; about 2% of the
# counts suppressed.  Numbers come from a Park-Miller generator (exact in awk's
# doubles), so every awk writes the same bytes.
BEGIN {
	if (inds == "") inds = 60
	if (areas == "") areas = 152
	if (months == "") months = 110
	seed = 20240401
	line = 1
	for (i = 1; i <= inds; i++) {
		pct = i % 3 == 0
		unit = pct ? "percent" : "count"
		pol = i % 2 ? "higher_is_better" : "lower_is_better"
		cat = sprintf("\"indicator\":\"KPI%03d\",\"name\":\"Indicator %d\",\"section\":\"Section %d\",\"unit\":\"%s\",\"polarity\":\"%s\",\"order\":%d", i, i, i % 7 + 1, unit, pol, i)
		for (a = 1; a <= areas; a++) {
			area = sprintf("E%08d", 6000000 + a)
			for (m = 0; m < months; m++) {
				year = 2015 + int((m + 3) / 12)
				month = (m + 3) % 12 + 1
				p = sprintf("%04d-%02d", year, month)
				seed = (seed * 16807) % 2147483647
				den = 50 + seed % 950
				seed = (seed * 16807) % 2147483647
				num = seed % (den + 1)
				line++
				if (pct) {
					printf "{%s,\"area\":\"%s\",\"period\":\"%s\",\"period_type\":\"month\",\"period_start\":\"%s-01\",\"period_raw\":\"%s\",\"value\":%.1f,\"value_raw\":\"%.1f\",\"numerator\":%d,\"denominator\":%d,\"status\":\"ok\",\"source\":\"long.csv:%d\"}\n", cat, area, p, p, p, 100 * num / den, 100 * num / den, num, den, line
				} else if (seed % 50 == 0) {
					printf "{%s,\"area\":\"%s\",\"period\":\"%s\",\"period_type\":\"month\",\"period_start\":\"%s-01\",\"period_raw\":\"%s\",\"value\":null,\"value_raw\":\"c\",\"numerator\":null,\"denominator\":null,\"status\":\"suppressed\",\"source\":\"long.csv:%d\"}\n", cat, area, p, p, p, line
				} else {
					printf "{%s,\"area\":\"%s\",\"period\":\"%s\",\"period_type\":\"month\",\"period_start\":\"%s-01\",\"period_raw\":\"%s\",\"value\":%d,\"value_raw\":\"%d\",\"numerator\":null,\"denominator\":null,\"status\":\"ok\",\"source\":\"long.csv:%d\"}\n", cat, area, p, p, p, num, num, line
				}
			}
		}
	}
}
