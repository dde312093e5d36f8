# formats.awk: the message format of every usage error in C sources:
# kpi_usage_error("...") and kpi_die(KPI_EXIT_USAGE, "..."), adjacent string
# literals joined, one per line as FILE<TAB>FORMAT.  Used by tests/usage.bats.
FNR == 1 && NR > 1 { scan(prev, saved); saved = "" }
{ saved = saved $0 "\n"; prev = FILENAME }
END { if (NR) scan(prev, saved) }

function scan(file, t,    rest, i, c, fmt, instr, n) {
	rest = t
	while (match(rest, /kpi_usage_error\(|kpi_die\(KPI_EXIT_USAGE,/)) {
		i = RSTART + RLENGTH; fmt = ""; instr = 0; n = length(rest)
		for (; i <= n; i++) {
			c = substr(rest, i, 1)
			if (instr) {
				if (c == "\\") { fmt = fmt c substr(rest, i + 1, 1); i++; continue }
				if (c == "\"") { instr = 0; continue }
				fmt = fmt c
				continue
			}
			if (c == "\"") { instr = 1; continue }
			if (c == "," || c == ")") break
		}
		print file "\t" fmt
		rest = substr(rest, i)
	}
}
