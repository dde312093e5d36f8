#!/bin/sh
# convert.sh: a report's HTML as Word, and the converters looked up; used by
# the report pipelines and kpi-regenerate for --pdf and --docx.  Not a report
# type: run as  sh convert.sh PROG COMMAND ARG...  (PROG names the caller in
# messages).
#
#   check pdf|docx...         every converter the outputs need is installed,
#                             else exit 2 naming its Debian package
#   docx REFERENCE HTML DOCX  HTML (kpi-render -f html) as DOCX: every inline
#                             SVG chart a PNG (rsvg-convert), then pandoc with
#                             REFERENCE as --reference-doc ("" for none)
#   place NEW DEST            NEW copied to DEST whole or not at all
#
# The converters: $KPI_PANDOC (default pandoc), $KPI_RSVG_CONVERT (default
# rsvg-convert), and for PDF kpi-pdf's browser ($KPI_CHROMIUM, else chromium
# and its other names; see kpi-pdf --help).
set -eu

prog=$1
shift
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 2; }

pandoc=${KPI_PANDOC:-pandoc}
rsvg=${KPI_RSVG_CONVERT:-rsvg-convert}

# need OPTION PROGRAM PACKAGE: PROGRAM is found on PATH (or is a path)
need() {
	command -v "$2" >/dev/null 2>&1 ||
		die "$1 needs $2, which is not installed: install the Debian package $3"
}

check() {
	for what; do
		case $what in
		pdf)
			command -v kpi-pdf >/dev/null 2>&1 ||
				die "--pdf needs kpi-pdf, which is not built or installed (run make)"
			kpi-pdf --browser >/dev/null 2>&1 ||
				die "--pdf needs Chromium, which is not installed: install the Debian package chromium"
			;;
		docx)
			need --docx "$pandoc" pandoc
			need --docx "$rsvg" librsvg2-bin
			;;
		*) die "convert.sh: no output '$what'" ;;
		esac
	done
}

# place NEW DEST: a regular DEST (or none) is replaced through a temporary
# file beside it renamed into place, keeping DEST's mode (cp -p); a new file
# gets 0666 less the umask, as the report does; anything else (a symbolic
# link, /dev/stdout, a FIFO) is written in place.
place() {
	new=$1 dest=$2
	if [ -L "$dest" ] || { [ -e "$dest" ] && [ ! -f "$dest" ]; }; then
		cat -- "$new" >"$dest" || die "cannot write $dest"
		return
	fi
	case $dest in */*) dir=${dest%/*} ;; *) dir=. ;; esac
	[ -d "$dir" ] || mkdir -p -- "$dir" || die "cannot create $dir"
	n=0
	while :; do
		part=$dir/.${dest##*/}.$$.$n
		if [ -f "$dest" ]; then
			# the mode of the file replaced
			if [ ! -e "$part" ] && cp -p -- "$dest" "$part" 2>/dev/null; then break; fi
		elif (set -C; : >"$part") 2>/dev/null; then
			break
		fi
		[ -e "$part" ] || die "cannot write in $dir"
		n=$((n + 1))
	done
	if cat -- "$new" >"$part" && mv -f -- "$part" "$dest"; then
		return
	fi
	rm -f -- "$part"
	die "cannot write $dest"
}

# The HTML with each inline <svg>...</svg> written to chart-N.svg in DIR and
# replaced by <img src="chart-N.png"> of the same size, its aria-label the
# image's alternative text.
charts_out() {
	awk -v dir="$1" '
	function attr(tag, name,    v) {
		if (!match(tag, " " name "=\"[^\"]*\"")) return ""
		v = substr(tag, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
		return v
	}
	function image(svg,    tag, f, w, h, alt) {
		n++
		f = dir "/chart-" n ".svg"
		print svg > f
		close(f)
		tag = substr(svg, 1, index(svg, ">"))
		w = attr(tag, "width"); h = attr(tag, "height"); alt = attr(tag, "aria-label")
		return "<img src=\"chart-" n ".png\" alt=\"" alt "\"" \
			(w != "" ? " width=\"" w "\"" : "") (h != "" ? " height=\"" h "\"" : "") ">"
	}
	{
		line = (held != "" ? held "\n" : "") $0
		held = ""
		out = ""
		while ((s = index(line, "<svg")) > 0) {
			e = index(substr(line, s), "</svg>")
			if (e == 0) break
			out = out substr(line, 1, s - 1) image(substr(line, s, e + 5))
			line = substr(line, s + e + 5)
		}
		if (index(line, "<svg") > 0) {
			# a chart that goes on over the next line
			s = index(line, "<svg")
			printf "%s", out substr(line, 1, s - 1)
			held = substr(line, s)
			next
		}
		print out line
	}
	END { if (held != "") print held }
	' "$2"
}

docx() {
	reference=$1 html=$2 docx=$3
	work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-docx.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM HUP
	charts_out "$work" "$html" >"$work/report.html" || die "cannot read $html"
	for svg in "$work"/chart-*.svg; do
		[ -f "$svg" ] || continue
		# three times the drawn size, so the charts stay sharp in print
		"$rsvg" --zoom 3 --format png --output "${svg%.svg}.png" "$svg" 2>"$work/err" || {
			cat "$work/err" >&2
			die "rsvg-convert could not draw a chart of $html"
		}
	done
	set -- --from html --to docx --resource-path "$work" --output "$work/report.docx"
	[ -z "$reference" ] || set -- "$@" --reference-doc "$reference"
	"$pandoc" "$@" "$work/report.html" 2>"$work/err" || {
		cat "$work/err" >&2
		die "pandoc could not write the Word document of $html"
	}
	place "$work/report.docx" "$docx"
}

command=${1:-}
[ $# -eq 0 ] || shift
case $command in
check) check "$@" ;;
docx) [ $# -eq 3 ] || die "convert.sh docx REFERENCE HTML DOCX"; docx "$@" ;;
place) [ $# -eq 2 ] || die "convert.sh place NEW DEST"; place "$@" ;;
*) die "convert.sh: no command '$command'" ;;
esac
