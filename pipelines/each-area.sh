# each-area.sh: kpi-regenerate --each-area and --list-areas, sourced by
# regenerate once its options are read (not run on its own).
#
#   kpi-report-TYPE --records DATA      (ingest | normalise | trend | flag
#                                        --compare ..., once: every area)
#     -> kpi-render --list-areas         the councils and their file names
#     -> cut the judged records into batches of councils     (awk)
#     -> kpi-render --each-area OUTDIR/TYPE-{area}.html BATCH  (in parallel)
#
# The comparators (England, the region, the statistical neighbours, the rank)
# need every council's figures, so the chain runs once over the whole file;
# each council's records then carry what its report says of the others, and
# a batch needs only its own councils' records.
#
# From regenerate: prog, type, report, outdir, jobs, force, quiet, pdf, docx,
# areas (newline-separated), passthrough, dataargs, inputs, nl, started;
# quote, die, summary, newest_input, office_write and the awk function top_str.

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kpi-regenerate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# --- judge every area once ------------------------------------------------------
passthrough="$passthrough --no-narrative"
eval "set -- $passthrough"' "$@"'
"$report" --records -o "$tmp/judged.ndjson" "$@" || exit
render=$("$report" --print --judged - "$@")
render=${render% -}
case $render in
kpi-render\ *|*/kpi-render\ *) ;;
*) die "$report --print gave no kpi-render command: $render" ;;
esac

# --- the councils: CODE<TAB>NAME, as kpi-render --each-area names them ----------
set --
if [ -n "$areas" ]; then
	while IFS= read -r a; do set -- "$@" --area "$a"; done <<-EOF
	$areas
	EOF
fi
# kpi-render says each council that names no file (exit 1) and lists the rest
rc=0
eval "$render"' --list-areas "$@" "$tmp/judged.ndjson"' >"$tmp/areas" 2>"$tmp/areas.err" || rc=$?
cat "$tmp/areas.err" >&2
[ "$rc" -le 1 ] || exit "$rc"
unnamed=$(grep -c 'no report file can be named after it' "$tmp/areas.err" || true)
if [ -n "$list_areas" ]; then
	cat "$tmp/areas" || exit 2
	exit "$rc"
fi

mkdir -p "$outdir" || die "cannot create $outdir"

# --- which councils need a report ------------------------------------------------
# A report is up to date when it (and its PDF, .docx) is newer than the
# newest input file: one find per kind of file, not one per council.
total=$(wc -l <"$tmp/areas")
: >"$tmp/current"
if [ -z "$force" ]; then
	newest=$(newest_input -type f)
	kinds=html
	[ -z "$pdf" ] || kinds="$kinds pdf"
	[ -z "$docx" ] || kinds="$kinds docx"
	for ext in $kinds; do
		find "$outdir" -maxdepth 1 -type f -name "$type-*.$ext" -newer "$newest" |
			sed "s|.*/$type-\\(.*\\)\\.$ext\$|\\1|"
	done >"$tmp/current"
	nkinds=$(echo $kinds | wc -w)
else
	nkinds=1
fi
# pending: the councils whose every kind of file is not current
awk -F '\t' -v list="$tmp/current" -v need="$nkinds" -v force="$force" '
	BEGIN { while ((getline c < list) > 0) current[c]++ }
	force != "" || current[$1] < need
' "$tmp/areas" >"$tmp/pending"
pending=$(wc -l <"$tmp/pending")
if [ "$pending" -eq 0 ]; then
	[ "$unnamed" -eq 0 ] || printf '%s: %d report%s failed; the others are in %s\n' "$prog" \
		"$unnamed" "$([ "$unnamed" -eq 1 ] || echo s)" "$outdir" >&2
	summary 0 "$total"
	exit "$rc"
fi
tty=
[ -n "$quiet" ] || [ ! -t 2 ] || tty=1

# --- batches ---------------------------------------------------------------------
# Batch K: its councils in $tmp/K.areas, their judged records in $tmp/K.ndjson,
# a record's council by its code, as kpi-render reads it (new_la_code, else
# old_la_code).  At least one batch per job, at most 16 councils each, so
# progress moves and the jobs end together.
size=$(( (pending + jobs - 1) / jobs ))
[ "$size" -le 16 ] || size=16
awk -v dir="$tmp" -v list="$tmp/pending" -v size="$size" "$top_str"'
	BEGIN {
		while ((getline line < list) > 0) {
			split(line, f, "\t")
			batch[f[1]] = int(n / size); n++
			print line > (dir "/" batch[f[1]] ".areas")
			printf "" > (dir "/" batch[f[1]] ".ndjson")
		}
	}
	{
		c = top_str($0, "new_la_code")
		if (c == "") c = top_str($0, "old_la_code")
		if (c in batch) print > (dir "/" batch[c] ".ndjson")
	}
' "$tmp/judged.ndjson"
rm -f "$tmp/judged.ndjson"

# The job gets a batch number as $1; a batch that fails adds its exit status
# to $tmp/failed.  kpi-render writes each report through a temporary file
# renamed into place.
{
	echo 'set -u'
	echo 'k=$1'
	printf 'tmp=%s\n' "$(quote "$tmp")"
	echo '('
	echo 'set -e'
	printf '%s --each-area %s "$tmp/$k.ndjson"\n' "$render" "$(quote "$outdir/$type-{area}.html")"
	echo 'rm -f "$tmp/$k.ndjson"'
	echo 'cut -f 1 "$tmp/$k.areas" >>"$tmp/rendered"'
	if [ -n "$tty" ]; then
		printf 'printf "\\r%s: %%d/%%d reports" "$(wc -l <"$tmp/rendered")" %d >&2\n' "$prog" "$pending"
	fi
	echo ')'
	echo 'rc=$?'
	echo 'if [ "$rc" -ne 0 ]; then echo "$rc" >>"$tmp/failed"; exit 1; fi'
} >"$tmp/job"

status=0
ls "$tmp" | sed -n 's/^\([0-9]*\)\.areas$/\1/p' | xargs -n 1 -P "$jobs" sh "$tmp/job" || status=$?
[ -z "$tty" ] || printf '\n' >&2
[ -z "$pdf$docx" ] || office_write || status=$?
written=0
[ ! -f "$tmp/rendered" ] || written=$(wc -l <"$tmp/rendered")
failed=$((pending - written + unnamed))
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
	printf '%s: %d report%s failed; the others are in %s\n' "$prog" "$failed" \
		"$([ "$failed" -eq 1 ] || echo s)" "$outdir" >&2
	summary "$written" "$((total - pending))"
	# bad data (a council without a code, every failed batch exit 1) is exit
	# 1; a write error, a tool that could not run or was killed, exit 2
	if [ "$status" -eq 0 ] || { [ -s "$tmp/failed" ] && ! grep -qv '^1$' "$tmp/failed"; }; then
		exit 1
	fi
	exit 2
fi
summary "$written" "$((total - pending))"
exit 0
