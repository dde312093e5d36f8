# report.sh: the body every report pipeline shares (pipelines/<type> sets
# what makes its type, then sources this file).  Not run on its own.
#
# The report script sets: type, default_title, default_board,
# default_sections, render_style and description (the --help paragraph).
# Everything that decides what a figure means lives in the tools; this part
# only finds the files, wires the stages and writes the report atomically.

prog=${0##*/}

usage() {
	cat <<EOF
Usage: $prog [OPTIONS] DATA...

$description
DATA are data files kpi-ingest reads (long or wide CSV/TSV/NDJSON), or a
council folder laid out like examples/:
  DIR/*-long.csv DIR/*-wide.csv   observations
  DIR/*-ees.csv                   England and statistical-neighbour figures
  DIR/*-targets.csv               staged targets
  DIR/narrative/*.md              narrative, one file per section
  DIR/$type.conf
                                  the report file: title, board, meeting
                                  date, officers, recommendation

Options:
  -o, --output FILE        write the report to FILE (atomically; a file replaced
                           keeps its mode); default stdout
  -f, --format FMT         md, html, txt, csv or json, or pdf or docx (the
                           same as --pdf, --docx) (default: from the -o
                           extension, else html)
      --pdf                also print the HTML report to A4 PDF, FILE.pdf
                           beside -o FILE.html, through headless Chromium
                           (kpi-pdf(1)); -o FILE.pdf writes the PDF alone
      --docx               also write the report as Word, FILE.docx beside
                           -o FILE.html, through pandoc, the charts as PNG
                           (rsvg-convert); -o FILE.docx writes it alone
      --docx-reference FILE  the Word document whose styles the .docx takes
                           (pandoc --reference-doc): the council's template
      --as-at PERIOD       report as at PERIOD (default: the latest in the
                           data); with --each-as-at, only the report as at
                           PERIOD (repeatable)
      --each-as-at TEMPLATE  one report per month of the data, from one pass
                           (kpi-trend --every-period, kpi-render --each-as-at),
                           each to TEMPLATE with {as_at} replaced by its
                           month (out/{as_at}.html); each written whole or
                           not at all
      --as-known-at DATE   use each figure's latest release on or before DATE
                           (YYYY-MM-DD; kpi-trend --as-known-at): the data
                           as they could be known then
      --show-revisions     say and mark the figures a later release revised
                           (kpi-render --show-revisions)
      --targets FILE       staged targets CSV (indicator,target,due[,area,...])
      --comparators FILE   EES-style file of England/neighbour figures; its
                           national rows become the benchmark (repeatable)
      --benchmarks FILE    benchmark CSV for kpi-flag, or "default" for the
                           England figures shipped with kpi
      --benchmark-area NAME  area that benchmarks the others (default England)
      --compare LIST       kinds of comparator from an all-council file, any of
                           england,region,neighbours (kpi-flag --compare): the
                           England, regional and statistical-neighbour figures,
                           quartile and rank beside each council's
      --neighbours FILE    the DfE statistical-neighbour model, for --compare
                           neighbours (sn_model_2025_wide.csv as published)
      --area NAME          the council whose series are reported; comparator
                           series only serve as benchmarks (default with
                           comparators: the area of the first observation)
      --narrative FILE     Markdown narrative (repeatable; concatenated)
      --phrases FILE       the report's words, 'id = template' lines replacing
                           kpi's own (kpi-phrases(5); repeatable, last wins)
      --report-config FILE the report's title, board, meeting date, month
                           style, recommendation, officers and footer
                           (kpi-report-config(5)); options here win over it
      --month-style STYLE  months as short (Mar 25) or long (March 2025)
      --full               every listed indicator written up, each section
                           with its table (kpi-render --full)
      --no-narrative       leave out the narrative of a council folder
      --catalogue FILE     indicator catalogue (default: kpi's own)
      --all-indicators     also report the indicators not in the catalogue,
                           under "Other indicators" (default: they are left
                           out, named on stderr: kpi-normalise
                           --catalogued-only)
      --sections LIST      only these sections (comma-separated)
      --title TEXT         report title (default: the report file's, else
                           this report type's, below)
      --board NAME         board name (default: the report file's, else this
                           report type's, below)
      --meeting-date DATE  meeting date for the header
      --generated-at TEXT  stamp the report (reports are reproducible without)
      --every-period       summarise every series as at every period
                           (kpi-trend --every-period) and write the judged
                           records instead of a report
      --records            write the judged records of every area (kpi-flag's
                           output) instead of a report (kpi-regenerate
                           --each-area splits them by council)
      --judged FILE        render judged records (from --every-period, one
                           month's worth) instead of reading DATA; a council
                           folder still gives the narrative
                           (kpi-regenerate works with these two)
      --print              print the pipeline instead of running it (with --pdf,
                           --docx: then each conversion)
  -h, --help               this help
  -V, --version            the version of kpi

This report type's title and board:
  $default_title
  $default_board

Environment: KPI_BIN is the directory of the kpi tools (default: beside this
script when installed, the source tree's build/bin after make, else PATH);
KPI_DATADIR points at kpi's share data (set automatically when run from a
source tree).

Example:
  $prog -o out/$type.html examples/
EOF
}

die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 2; }

# kpi's version is the tools' (the Makefile's VERSION, built into them)
version() {
	v=$(kpi-render --version 2>/dev/null | sed -n '1s/.* //p')
	printf '%s (kpi) %s\n' "$prog" "${v:-unknown}"
}

here=${here:-$(cd "$(dirname "$0")" && pwd)}

# The tools: $KPI_BIN, else beside this script (installed: PREFIX/bin),
# else the source tree's build/bin (after make), else PATH.  --print names
# them as they run: by name when PATH finds the same ones, else by path.
tools=${KPI_BIN:-}
if [ -z "$tools" ]; then
	for d in "$here" "$here/../build/bin"; do
		if [ -x "$d/kpi-ingest" ] && [ -x "$d/kpi-render" ]; then
			tools=$(cd "$d" && pwd)
			break
		fi
	done
fi
tool_prefix=
if [ -n "$tools" ]; then
	[ "$(command -v kpi-render 2>/dev/null)" = "$tools/kpi-render" ] || {
		case $tools in
		"$PWD"/*) tool_prefix=${tools#"$PWD"/}/ ;;
		*) tool_prefix=$tools/ ;;
		esac
	}
	PATH=$tools:$PATH
	export PATH
fi

# --- options -----------------------------------------------------------------
output= format= as_at= targets= benchmarks= compare= neighbours= records= benchmark_area=England benchmark_area_given= catalogue= area=
title=$default_title board=$default_board sections=$default_sections
meeting_date= generated_at= judged= print_only= every_period= no_narrative=
as_known_at= show_revisions= each_as_at= as_at_list=
title_given= board_given= sections_given= report_config= month_style= full= all_indicators=
narrative= narrative_shown= folder_narrative= explicit_narrative=
data= comparators= narratives= phrases=
pdf= docx= docx_reference= html_out=1 pdf_out= docx_out=

# Lists of file names are kept newline-separated (names with newlines are
# refused below), so they survive spaces.
nl='
'
add() { eval "$1=\${$1:+\${$1}\$nl}\$2"; }

need_arg() { [ $# -ge 2 ] || die "$1 needs a value (try --help)"; }

while [ $# -gt 0 ]; do
	case $1 in
	--*=*) opt=${1%%=*} val=${1#*=}; shift; set -- "$opt" "$val" "$@"; continue ;;
	esac
	case $1 in
	-h|--help) usage; exit 0 ;;
	-V|--version) version; exit 0 ;;
	-o|--output) need_arg "$@"; output=$2; shift ;;
	-f|--format) need_arg "$@"; format=$2; shift ;;
	--as-at) need_arg "$@"; as_at=$2; add as_at_list "$2"; shift ;;
	--each-as-at) need_arg "$@"; each_as_at=$2; shift ;;
	--as-known-at) need_arg "$@"; as_known_at=$2; shift ;;
	--show-revisions) show_revisions=1 ;;
	--targets) need_arg "$@"; targets=$2; shift ;;
	--comparators) need_arg "$@"; add comparators "$2"; shift ;;
	--benchmarks) need_arg "$@"; benchmarks=$2; shift ;;
	--benchmark-area) need_arg "$@"; benchmark_area=$2; benchmark_area_given=1; shift ;;
	--compare) need_arg "$@"; compare=$2; shift ;;
	--neighbours) need_arg "$@"; neighbours=$2; shift ;;
	--records) records=1 ;;
	--area) need_arg "$@"; area=$2; shift ;;
	--narrative) need_arg "$@"; add narratives "$2"; explicit_narrative=1; shift ;;
	--catalogue) need_arg "$@"; catalogue=$2; shift ;;
	--phrases) need_arg "$@"; add phrases "$2"; shift ;;
	--sections) need_arg "$@"; sections=$2; sections_given=1; shift ;;
	--title) need_arg "$@"; title=$2; title_given=1; shift ;;
	--board) need_arg "$@"; board=$2; board_given=1; shift ;;
	--report-config) need_arg "$@"; report_config=$2; shift ;;
	--month-style) need_arg "$@"; month_style=$2; shift ;;
	--full) full=1 ;;
	--all-indicators) all_indicators=1 ;;
	--meeting-date) need_arg "$@"; meeting_date=$2; shift ;;
	--generated-at) need_arg "$@"; generated_at=$2; shift ;;
	--judged) need_arg "$@"; judged=$2; shift ;;
	--pdf) pdf=1 ;;
	--docx) docx=1 ;;
	--docx-reference) need_arg "$@"; docx_reference=$2; shift ;;
	--print) print_only=1 ;;
	--every-period) every_period=1 ;;
	--no-narrative) no_narrative=1 ;;
	--) shift; break ;;
	-?*) die "unknown option '$1' (try --help)" ;;
	*) break ;;
	esac
	shift
done

# A council folder expands to its files by the naming convention above.
for arg in "$@"; do
	case $arg in *"$nl"*) die "file names with newlines are not supported" ;; esac
	[ "$arg" = / ] || arg=${arg%/}
	if [ -d "$arg" ]; then
		for f in "$arg"/*-long.csv "$arg"/*-wide.csv; do
			[ -f "$f" ] && add data "$f"
		done
		for f in "$arg"/*-ees.csv; do
			[ -f "$f" ] && add comparators "$f"
		done
		if [ -z "$targets" ]; then
			for f in "$arg"/*-targets.csv; do
				[ -f "$f" ] && targets=$f
			done
		fi
		for f in "$arg"/narrative/*.md; do
			[ -f "$f" ] && add narratives "$f" && folder_narrative=$arg
		done
		if [ -z "$report_config" ] && [ -f "$arg/$type.conf" ]; then
			report_config=$arg/$type.conf
		fi
	else
		add data "$arg"
	fi
done
[ -n "$data$judged" ] || die "no data files (try --help)"
[ -z "$no_narrative" ] || narratives= folder_narrative=

# format_of FILE: $format from FILE's extension, html by default
format_of() {
	case $1 in
	*.md) format=md ;; *.txt) format=txt ;; *.csv) format=csv ;;
	*.json|*.ndjson) format=json ;; *) format=html ;;
	esac
}
case $format in
pdf) pdf=1 format=html ;;
docx) docx=1 format=html ;;
'') case $output in *.pdf) pdf=1 ;; *.docx) docx=1 ;; esac ;;
esac
if [ -n "$each_as_at" ]; then
	case $each_as_at in *'{as_at}'*) ;; *) die "--each-as-at: '$each_as_at' has no {as_at} to replace" ;; esac
	[ -z "$output" ] || die "--each-as-at and -o both name where the report goes"
	[ -z "$every_period$records" ] || die "--each-as-at writes reports, not the records of --every-period or --records"
	[ -z "$pdf$docx" ] || die "--pdf and --docx are made from one report: not with --each-as-at (kpi-regenerate --pdf, --docx)"
	[ -z "$as_known_at" ] || die "--each-as-at summarises every month from the same data: not with --as-known-at"
	# the months of --as-at choose reports: kpi-trend summarises every month
	as_at=
	[ -n "$format" ] || format_of "$each_as_at"
fi
if [ -n "$every_period$records" ]; then
	mode=--records
	[ -z "$every_period" ] || mode=--every-period
	[ -z "$judged" ] || die "$mode needs DATA, not --judged"
	[ -z "$pdf$docx" ] || die "--pdf and --docx write a report, not $mode's records"
	format=json
elif [ -z "$format" ]; then
	format_of "$output"
fi

# Run from a source tree, the tools need the tree's share/ (catalogue,
# benchmarks); installed, they know their own.
if [ -z "${KPI_DATADIR:-}" ]; then
	here=$(cd "$(dirname "$0")" && pwd)
	if [ -f "$here/../share/catalogue.csv" ]; then
		KPI_DATADIR=$(cd "$here/../share" && pwd)
		export KPI_DATADIR
	fi
fi

command -v kpi-render >/dev/null 2>&1 ||
	die "the kpi tools are not built or installed (run make, or set KPI_BIN)"

# --- PDF and Word (--pdf, --docx): made from the HTML report -----------------
# The converters live in convert.sh, beside this file.
convert=${common:-$here/report.sh}
convert=${convert%/*}/convert.sh

# Where the PDF and the .docx go, and whether the HTML is kept; every
# converter is looked up now, before anything is written.
office_outputs() {
	[ -n "$output" ] || die "--pdf and --docx need -o FILE (FILE.html, FILE.pdf or FILE.docx)"
	[ "$format" = html ] ||
		die "--pdf and --docx are made from the HTML report: -o FILE.html, FILE.pdf or FILE.docx, not -f $format"
	if [ -e "$output" ] && [ ! -f "$output" ]; then
		die "--pdf and --docx need -o a regular file, not $output"
	fi
	base=$output
	case $output in
	*.pdf|*.docx) base=${output%.*} html_out= ;;
	*.html|*.htm) base=${output%.*} ;;
	esac
	[ -z "$pdf" ] || pdf_out=$base.pdf
	[ -z "$docx" ] || docx_out=$base.docx
	if [ -n "$docx_reference" ]; then
		[ -n "$docx" ] || die "--docx-reference is for --docx"
		[ -f "$docx_reference" ] && [ -r "$docx_reference" ] ||
			die "--docx-reference: cannot read $docx_reference"
	fi
	# shellcheck disable=SC2086
	[ -n "$print_only" ] || sh "$convert" "$prog" check ${pdf:+pdf} ${docx:+docx}
}

# --print with --pdf or --docx: the HTML to a file, then each conversion
# (run for real, they are made in $tmp and placed whole: office_write)
print_office() {
	printf ' > %s' "$(show "$base.html")"
	[ -z "$pdf_out" ] || printf ' && %s' "$(cmd kpi-pdf -o "$pdf_out" "$base.html")"
	[ -z "$docx_out" ] ||
		printf ' && %s' "$(show sh "${convert#"$PWD"/}" "$prog" docx "$docx_reference" "$base.html" "$docx_out")"
	[ -n "$html_out" ] || printf ' && %s' "$(show rm -f "$base.html")"
}

# HTML (the report just written) as the PDF and the .docx, made in $tmp and
# then placed, each whole or not at all.
office_write() {
	cp -- "$1" "$tmp/report.html" || die "cannot copy the report to $tmp"
	if [ -n "$pdf_out" ]; then
		kpi-pdf -o "$tmp/report.pdf" "$tmp/report.html" ||
			die "the PDF could not be printed (above); nothing written"
	fi
	[ -z "$docx_out" ] ||
		sh "$convert" "$prog" docx "$docx_reference" "$tmp/report.html" "$tmp/report.docx"
	[ -z "$pdf_out" ] || sh "$convert" "$prog" place "$tmp/report.pdf" "$pdf_out"
	[ -z "$docx_out" ] || sh "$convert" "$prog" place "$tmp/report.docx" "$docx_out"
}
if [ -n "$pdf$docx" ]; then
	office_outputs
elif [ -n "$docx_reference" ] && [ -z "$docx" ]; then
	die "--docx-reference is for --docx"
fi

# --- the stages --------------------------------------------------------------
# Each stage's argument list is rebuilt in "$@" just before it runs.

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kpi-report.XXXXXX")
partial=
cleanup() { rm -rf "$tmp"; [ -z "$partial" ] || rm -f "$partial"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# A stage that fails records its status; POSIX sh has no pipefail.
stage() {
	"$@" || { printf '%s %s\n' "$?" "$1" >>"$tmp/failed"; return 0; }
}

# --print shows each command with its arguments quoted for the shell.
show() {
	line=
	for a in "$@"; do
		case $a in
		*[!A-Za-z0-9_./=:,+-]*|'') a="'$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'" ;;
		esac
		line="$line${line:+ }$a"
	done
	printf '%s' "$line"
}

# The narrative files for the report's sections (kpi-render refuses a
# heading that matches no section of the report), joined into one.
lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }
wanted_narratives() {
	files "$narratives" | while IFS= read -r f; do
		if [ -n "$sections" ]; then
			heading=$(sed -n 's/^## *//p' "$f" | head -n 1)
			case ",$(lower "$sections")," in
			*",$(lower "$heading"),"*) ;;
			*) continue ;;
			esac
		fi
		printf '%s\n' "$f"
	done
}
narrative_file() {
	wanted=$(wanted_narratives)
	if [ -n "$wanted" ]; then
		printf '%s\n' "$wanted" | while IFS= read -r f; do
			cat -- "$f" || exit 2
			echo
		done >"$tmp/narrative.md"
		echo "$tmp/narrative.md"
	fi
}

# The pipeline is built as shell text, so --print shows exactly what runs.
# When it runs, every command is prefixed with "stage" (P); each tool is
# named with tool_prefix, so the printed pipeline runs as it is.
P=
cmd() { t=$1; shift; printf '%s%s' "$P" "$(show "$tool_prefix$t" "$@")"; }
files() { printf '%s\n' "$1" | sed '/^$/d'; }

# "kpi-ingest [OPTION...] FILE... | kpi-normalise [--catalogue C] | " for the
# newline-separated files $1 (the options follow it)
ingest_normalise() {
	part_files=$1
	shift
	set -- kpi-ingest "$@"
	while IFS= read -r f; do [ -z "$f" ] || set -- "$@" "$f"; done <<-EOF
	$(files "$part_files")
	EOF
	printf '%s | ' "$(cmd "$@")"
	set -- kpi-normalise
	[ -z "$catalogue" ] || set -- "$@" --catalogue "$catalogue"
	# a board's report is of its agreed indicators, the catalogue's
	[ -n "$all_indicators" ] || set -- "$@" --catalogued-only
	printf '%s | ' "$(cmd "$@")"
}
# observations: DATA read, made typed and summarised as at --as-at
data_part() {
	ingest_normalise "$data"
	set -- kpi-trend
	[ -z "$as_at" ] || set -- "$@" --as-at "$as_at"
	[ -z "$as_known_at" ] || set -- "$@" --as-known-at "$as_known_at"
	[ -z "$every_period$each_as_at" ] || set -- "$@" --every-period
	cmd "$@"
}
# comparators: the national rows of EES files, summarised over their whole
# history, so kpi-flag takes the figure in force at each report's month
comparator_part() {
	ingest_normalise "$comparators" --measures all --filter geographic_level=National
	set -- kpi-trend
	[ -z "$as_known_at" ] || set -- "$@" --as-known-at "$as_known_at"
	cmd "$@"
}
summaries_part() {
	if [ -z "$comparators" ]; then
		data_part
	else
		printf '{ %s; %s; }' "$(data_part)" "$(comparator_part)"
	fi
}
flag_part() {
	set -- kpi-flag
	[ -z "$targets" ] || set -- "$@" --targets "$targets"
	[ -z "$benchmarks" ] || set -- "$@" --benchmarks "$benchmarks"
	[ -z "$compare" ] || set -- "$@" --compare "$compare"
	[ -z "$neighbours" ] || set -- "$@" --neighbours "$neighbours"
	# the default England only where there are benchmarks to find it in:
	# kpi-flag stops on a --benchmark-area that is not in its input (issue 15)
	if [ -n "$benchmark_area" ] && { [ -n "$benchmark_area_given" ] || [ -n "$benchmarks" ] || [ -n "$comparators" ]; }; then
		set -- "$@" --benchmark-area "$benchmark_area"
	fi
	cmd "$@"
}
# keep only the council's own series (comparators in the stream serve as
# benchmarks) and the chosen sections
select_part() {
	set -- kpi-ingest --format ndjson
	# the type's own themes are those of a typical report: the data may not
	# hold them all (the sections absent are said); --sections asks for each
	if [ -n "$sections" ] && [ -z "$sections_given" ]; then
		set -- "$@" --unmatched-filter warn
	fi
	[ -z "$area" ] || set -- "$@" --filter "area=$area"
	rest=$sections
	while [ -n "$rest" ]; do
		one=${rest%%,*}
		case $rest in *,*) rest=${rest#*,} ;; *) rest= ;; esac
		[ -z "$one" ] || set -- "$@" --filter "section=$one"
	done
	cmd "$@"
}
render_part() {
	set -- kpi-render --format "$format"
	# the report file's title and board win over the type's defaults, and
	# lose to the command line's
	if [ -n "$title_given" ] || [ -z "$report_config" ]; then
		set -- "$@" --title "$title"
	fi
	if [ -n "$board_given" ] || [ -z "$report_config" ]; then
		set -- "$@" --board "$board"
	fi
	[ -z "$report_config" ] || set -- "$@" --report-config "$report_config"
	[ -z "$month_style" ] || set -- "$@" --month-style "$month_style"
	[ -z "$full" ] || set -- "$@" --full
	[ -z "$meeting_date" ] || set -- "$@" --meeting-date "$meeting_date"
	[ -z "$generated_at" ] || set -- "$@" --generated-at "$generated_at"
	[ -z "$show_revisions" ] || set -- "$@" --show-revisions
	[ -z "$narrative" ] || set -- "$@" --narrative "$narrative"
	while IFS= read -r f; do [ -z "$f" ] || set -- "$@" --phrases "$f"; done <<-EOF
	$(files "$phrases")
	EOF
	if [ -n "$each_as_at" ]; then
		set -- "$@" --each-as-at "$each_as_at"
		while IFS= read -r p; do [ -z "$p" ] || set -- "$@" --as-at "$p"; done <<-EOF
		$as_at_list
		EOF
	fi
	# shellcheck disable=SC2086
	[ -z "$render_style" ] || set -- "$@" $render_style
	cmd "$@"
	[ -z "$narrative_shown" ] || printf ' --narrative %s' "$narrative_shown"
}
pipeline() {
	if [ -n "$judged" ]; then
		render_part
		printf ' %s' "$(show "$judged")"
		return
	fi
	printf '%s | %s' "$(summaries_part)" "$(flag_part)"
	[ -z "$area$sections" ] || printf ' | %s' "$(select_part)"
	[ -n "$every_period$records" ] || printf ' | %s' "$(render_part)"
}

# The council's name, when comparators need telling apart from it: the area
# of the first observation, as kpi-ingest reads it.
if [ -n "$comparators" ] && [ -z "$area$records" ] && [ -n "$data" ] && [ -z "$judged" ]; then
	first=$(files "$data" | head -n 1)
	first_record=$(kpi-ingest "$first" 2>"$tmp/first.err" | head -n 1) || true
	if [ -z "$first_record" ] && [ -s "$tmp/first.err" ]; then
		cat "$tmp/first.err" >&2
		die "kpi-ingest cannot read $first (above)"
	fi
	area=$(printf '%s\n' "$first_record" | sed -n 's/^{.*"area":"\([^"\\]*\)".*/\1/p')
	[ -n "$area" ] || die "no area in $first: name the council with --area"
fi

if [ -n "$print_only" ]; then
	# the narrative files as given, not the temporary file they are joined in
	# the narrative files as given, not the temporary file they are joined in
	wanted=$(wanted_narratives)
	if [ -n "$folder_narrative" ] && [ -z "$explicit_narrative$sections" ]; then
		narrative_shown="<(cat $(show "$folder_narrative")/narrative/*.md)"
	elif [ "$(printf '%s' "$wanted" | grep -c '')" -gt 1 ]; then
		narrative_shown='<(cat'
		while IFS= read -r f; do
			narrative_shown="$narrative_shown $(show "$f")"
		done <<-EOF
		$wanted
		EOF
		narrative_shown="$narrative_shown)"
	else
		narrative=$wanted
	fi
	pipeline
	[ -z "$pdf$docx" ] || print_office
	echo
	exit 0
fi
narrative=$(narrative_file)

# The mode a report file gets: that of the file it replaces, else what a new
# file gets (0666 less the umask), as kpi-render -o does; mktemp makes 0600.
report_mode() {
	if [ -f "$1" ]; then
		# rwxrwxrwx of ls -l, with the set-id and sticky bits (s, S, t, T)
		ls -ld -- "$1" | awk '{
			p = $1; m = 0
			for (i = 2; i <= 10; i++) { c = substr(p, i, 1); m = m * 2 + (c != "-" && c != "S" && c != "T") }
			x = 0
			if (substr(p, 4, 1) ~ /[sS]/) x += 4
			if (substr(p, 7, 1) ~ /[sS]/) x += 2
			if (substr(p, 10, 1) ~ /[tT]/) x += 1
			printf "%o\n", x * 512 + m
		}'
	else
		printf '%o\n' $((0666 & ~0$(umask)))
	fi
}

in_place=
if [ -n "$each_as_at" ]; then
	# the reports' directory, as -o makes its own (one named by the month
	# is kpi-render's to find)
	case $each_as_at in
	*/*) eachdir=${each_as_at%/*} ;;
	*) eachdir=. ;;
	esac
	case $eachdir in
	*'{as_at}'*) ;;
	*) [ -d "$eachdir" ] || mkdir -p "$eachdir" || die "cannot create $eachdir" ;;
	esac
fi
# only the PDF or the .docx: the HTML they are made from stays in $tmp
[ -n "$html_out" ] || output=$tmp/report.html
if [ -n "$output" ]; then
	if [ -L "$output" ] || { [ -e "$output" ] && [ ! -f "$output" ]; }; then
		# not a regular file (/dev/stdout, a FIFO, a symbolic link): written
		# in place, as kpi-render -o does, not replaced
		in_place=1
		exec 3>"$output" || die "cannot write $output"
	else
		case $output in */*) outdir=${output%/*} ;; *) outdir=. ;; esac
		[ -d "$outdir" ] || mkdir -p "$outdir" || die "cannot create $outdir"
		partial=$(mktemp "$outdir/.${output##*/}.XXXXXX") || die "cannot write in $outdir"
		exec 3>"$partial"
	fi
else
	exec 3>&1
fi

P='stage '
# With --each-as-at (and --every-period, --records) kpi-flag and kpi-render
# hold every month's judged records, tens of megabytes: glibc's malloc on
# transparent huge pages spares them most of their page faults (a fifth of
# their time; where the kernel gives no huge pages, or malloc is not
# glibc's, the setting does nothing).  A single report's tools hold little.
if [ -n "$each_as_at$every_period$records" ]; then
	GLIBC_TUNABLES=${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1
	export GLIBC_TUNABLES
fi
eval "$(pipeline)" >&3
exec 3>&-

if [ -s "$tmp/failed" ]; then
	# Report the first real failure; a stage killed by a closed pipe (141)
	# is a consequence, not the cause.
	status=$(awk '$1 != 141 { print $1; exit }' "$tmp/failed")
	failed=$(awk '$1 != 141 { print $2; exit }' "$tmp/failed")
	if [ -z "$status" ]; then
		# every failure a closed pipe: the reader of our output went away
		# (| head); end quietly, as a filter does, with the status of a
		# closed pipe
		exit 141
	fi
	if [ -n "$each_as_at" ]; then
		# kpi-render --each-as-at writes each report whole as it goes
		printf '%s: %s failed (exit %s); the reports written before it stopped are in place\n' "$prog" "$failed" "$status" >&2
	else
		printf '%s: %s failed (exit %s); no report written\n' "$prog" "$failed" "$status" >&2
	fi
	exit "$status"
fi

[ -z "$pdf_out$docx_out" ] || office_write "${partial:-$output}"

if [ -n "$partial" ]; then
	chmod "$(report_mode "$output")" "$partial" && mv -f "$partial" "$output" ||
		die "cannot write $output"
	partial=
fi
