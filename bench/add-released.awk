# add-released.awk: typed observations (kpi-normalise output) with release
# dates, for bench/trend.sh's --as-known-at row.
#   awk -f bench/add-released.awk typed.ndjson > dated.ndjson
# Each record is released on 14 November after the financial year of its
# period ("released" just before "source", where kpi-normalise writes it);
# every tenth is released again a year later with its value one higher (a
# revision).  Records without "period":"YYYY-MM" or "source" pass unchanged.
{
	if (!match($0, /"period":"[0-9][0-9][0-9][0-9]-[0-9][0-9]"/) || index($0, ",\"source\":") == 0) {
		print
		next
	}
	year = substr($0, RSTART + 10, 4) + 0
	month = substr($0, RSTART + 15, 2) + 0
	fy = month >= 4 ? year : year - 1 # the financial year it falls in
	at = index($0, ",\"source\":")
	print substr($0, 1, at) "\"released\":\"" (fy + 1) "-11-14\"," substr($0, at + 1)
	if (NR % 10 == 0 && match($0, /"value":[0-9.]+,/)) {
		v = substr($0, RSTART + 8, RLENGTH - 9) + 1
		line = substr($0, 1, RSTART + 7) v substr($0, RSTART + RLENGTH - 1)
		at = index(line, ",\"source\":")
		print substr(line, 1, at) "\"released\":\"" (fy + 2) "-11-14\"," substr(line, at + 1)
	}
}
