# csvcells.awk: the number of non-empty cells (spaces alone count as empty)
# in columns FROM..TO (1-based) of the data rows of a CSV file: an
# independent count of the observations kpi-ingest should make of it.
#   awk -v from=12 -v to=14 -f tests/csvcells.awk FILE
# Quoted fields with commas and doubled quotes are read; a quoted line
# break is not (none of the real DfE files has one).  Portable awk (mawk).
function split_csv(line, f,    n, i, c, q, cur) {
	n = 0; cur = ""; q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) {
			if (c == "\"") {
				if (substr(line, i + 1, 1) == "\"") { cur = cur c; i++ } else q = 0
			} else cur = cur c
		} else if (c == "\"") q = 1
		else if (c == ",") { f[++n] = cur; cur = "" }
		else cur = cur c
	}
	f[++n] = cur
	return n
}
NR > 1 {
	sub(/\r$/, "")
	n = split_csv($0, f)
	for (i = from; i <= to && i <= n; i++) {
		v = f[i]
		gsub(/^[ \t]+|[ \t]+$/, "", v)
		if (v != "") cells++
	}
}
END { print cells + 0 }
