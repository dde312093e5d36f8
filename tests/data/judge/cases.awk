# cases.awk: cases.tsv -> typed observations (the fields kpi-normalise
# writes that kpi-trend reads), one line per value.  See cases.tsv.
BEGIN { FS = "\t" }
/^#/ || NF == 0 { next }
{
	n = split($5, v, ",")
	for (i = 1; i <= n; i++) {
		back = n - i
		if ($4 == "year") {
			period = sprintf("%d", 2024 - back)
		} else {
			o = 2024 * 12 + 2 - back
			period = sprintf("%04d-%02d", int(o / 12), o % 12 + 1)
		}
		value = v[i]; num = "null"; den = "null"; status = "ok"
		if (value == "null") { status = "missing" }
		else if (value == "error") { value = "null"; status = "error" }
		else if (index(value, "=")) {
			split(value, p, "="); value = p[1]
			split(p[2], q, "/"); num = q[1]; den = q[2]
		}
		printf "{\"indicator\":\"%s\",\"name\":\"%s\",\"unit\":\"%s\",\"polarity\":\"%s\",\"value\":%s,\"numerator\":%s,\"denominator\":%s,\"status\":\"%s\",\"period\":\"%s\",\"period_type\":\"%s\",\"area\":\"Northbridge\",\"breakdown\":null,\"source\":\"cases.tsv:%d\"}\n", \
			$1, $1, $3, $2, value, num, den, status, period, $4, NR
	}
}
