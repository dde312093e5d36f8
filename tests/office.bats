#!/usr/bin/env bats
# Committee papers (issue 22): the report pipelines' and kpi-regenerate's
# --pdf (kpi-pdf: headless Chromium) and --docx (pandoc, rsvg-convert), read
# back with pdftotext and pandoc; converters that are missing; files written
# whole or not at all.  The tests that print or convert skip with a message
# where the converters are absent (scripts/install-deps --browser installs
# Chromium, scripts/install-deps pandoc, librsvg2-bin and poppler-utils).

load helper

TYPE=corporate-parenting-board
TITLE="Highlight Report for Children's Services Corporate Parenting Board"

need_pdf() {
	[ -x "$KPI_BIN/kpi-pdf" ] && [ -x "$KPI_BIN/kpi-render" ] || skip "the kpi tools are not built yet"
	kpi-pdf --browser >/dev/null 2>&1 || skip "no Chromium: PDF test skipped (scripts/install-deps --browser installs it)"
	command -v pdftotext >/dev/null || skip "no pdftotext: PDF test skipped (scripts/install-deps installs poppler-utils)"
}

need_docx() {
	[ -x "$KPI_BIN/kpi-render" ] || skip "the kpi tools are not built yet"
	command -v pandoc >/dev/null && command -v rsvg-convert >/dev/null ||
		skip "no pandoc or rsvg-convert: Word test skipped (scripts/install-deps installs pandoc and librsvg2-bin)"
}

# The demo's papers, made once: the HTML, the PDF and the .docx of the
# example council (scripts/demo writes the same to out/).
setup_file() {
	PAPERS="$BATS_FILE_TMPDIR/papers"
	export PAPERS
	mkdir -p "$PAPERS"
	if [ -x "$KPI_BIN/kpi-render" ] && "$KPI_BIN/kpi-pdf" --browser >/dev/null 2>&1 &&
		command -v pandoc >/dev/null && command -v rsvg-convert >/dev/null; then
		"$REPO/pipelines/$TYPE" --pdf --docx -o "$PAPERS/cpb.html" "$REPO/examples" \
			>"$PAPERS/log" 2>&1 || true
	fi
}

setup() {
	W="$BATS_TEST_TMPDIR/w"
	mkdir -p "$W"
}

# the headings of the report's HTML (h1 to h3), one a line, as text
html_headings() {
	grep -o '<h[123][^>]*>[^<]*' "$1" | sed 's/<[^>]*>//; s/&#39;/'"'"'/g; s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g'
}

# the pages of a PDF Chromium printed (its page objects), as the browser test counts them
pdf_pages() {
	grep -a -o '/Type */Pages*' "$1" | grep -c 'Page$'
}

# --- PDF --------------------------------------------------------------------------

@test "--pdf --docx beside -o FILE.html: the HTML, the PDF and the .docx, nothing else" {
	need_pdf
	need_docx
	run cat "$PAPERS/log"
	assert_output ""
	run ls -A "$PAPERS"
	assert_output "$(printf '%s\n' cpb.docx cpb.html cpb.pdf log)"
	head -c 5 "$PAPERS/cpb.pdf" | grep -q '%PDF-'
	# the HTML is the report the pipeline writes without --pdf
	"$TYPE" -o "$W/plain.html" "$REPO/examples"
	cmp "$W/plain.html" "$PAPERS/cpb.html"
}

@test "the demo's PDF: the page count the browser test expects, A4, the title, the as-at date and every heading" {
	need_pdf
	run pdf_pages "$PAPERS/cpb.pdf"
	[ "$output" -ge 4 ] && [ "$output" -le 8 ] || fail "the PDF has $output pages"
	pages=$output
	grep -a -q '/MediaBox \[0 0 594.9[0-9]* 841.9[0-9]*\]' "$PAPERS/cpb.pdf"
	pdftotext "$PAPERS/cpb.pdf" "$W/text"
	# words as a reader sees them: lines joined
	tr -s ' \n' '  ' <"$W/text" >"$W/flat"
	grep -q -F "$TITLE" "$W/flat"
	grep -q -F "Key Performance Issues as at 31 March 2025" "$W/flat"
	html_headings "$PAPERS/cpb.html" >"$W/headings"
	[ "$(wc -l <"$W/headings")" -ge 10 ]
	while IFS= read -r h; do
		grep -q -F "$h" "$W/flat" || fail "the PDF lacks the heading '$h'"
	done <"$W/headings"
	# the footer: the title and the page number on every page, no browser header
	run grep -c -F "Page 1 of $pages" "$W/text"
	assert_output 1
	run grep -c -F "Page $pages of $pages" "$W/text"
	assert_output 1
	run grep -c -F "$TITLE" "$W/text"
	[ "$output" -ge "$pages" ]
	run grep -E 'file://|about:blank|[0-9]+/[0-9]+/[0-9]+,' "$W/text"
	assert_failure
}

@test "-o FILE.pdf writes the PDF alone, whole" {
	need_pdf
	run "$TYPE" -o "$W/cpb.pdf" "$REPO/examples"
	assert_success
	assert_output ""
	run ls -A "$W"
	assert_output "cpb.pdf"
	cmp <(pdftotext "$W/cpb.pdf" -) <(pdftotext "$PAPERS/cpb.pdf" -)
}

@test "a browser that fails: exit 2, nothing written, the old report kept" {
	need_pdf
	printf '#!/bin/sh\nexit 3\n' >"$W/broken-chromium"
	chmod +x "$W/broken-chromium"
	echo old >"$W/cpb.html"
	KPI_CHROMIUM="$W/broken-chromium" run "$TYPE" --pdf -o "$W/cpb.html" "$REPO/examples"
	assert_failure 2
	assert_output "kpi-pdf: the browser stopped (exit 3)
$TYPE: the PDF could not be printed (above); nothing written"
	run ls -A "$W"
	assert_output "$(printf '%s\n' broken-chromium cpb.html)"
	run cat "$W/cpb.html"
	assert_output old
}

# --- Word -------------------------------------------------------------------------

# not rerun under sanitizers: pandoc and rsvg-convert convert the report the
# pipeline renders; kpi-render renders the example under sanitizers in pipelines.bats
# bats test_tags=no-sanitizer
@test "the demo's .docx read back by pandoc: the same headings, one image per charted indicator at least" {
	need_docx
	[ -s "$PAPERS/cpb.docx" ] || skip "the papers were not made (no Chromium)"
	pandoc -f docx -t markdown --wrap=none "$PAPERS/cpb.docx" -o "$W/back.md"
	# Word headings (Heading 1-3) come back as Markdown headings, in order
	sed -n 's/^#\{1,3\} //p' "$W/back.md" | sed 's/\\//g' >"$W/docx-headings"
	html_headings "$PAPERS/cpb.html" >"$W/html-headings"
	diff "$W/html-headings" "$W/docx-headings"
	# the charted indicators: each chart names its indicator
	grep -o 'aria-label="Trend of [^"]*"' "$PAPERS/cpb.html" | sort -u >"$W/charted"
	charted=$(wc -l <"$W/charted")
	[ "$charted" -ge 10 ]
	images=$(grep -o '!\[' "$W/back.md" | wc -l)
	[ "$images" -ge "$charted" ] || fail "$images images for $charted charted indicators"
	# the images are PNG, and the tables Word tables
	unzip_list=$(pandoc -f docx -t json "$PAPERS/cpb.docx" | grep -o '"media/[^"]*"' | sort -u)
	! printf '%s\n' "$unzip_list" | grep -v '\.png"$'
	pandoc -f docx -t json "$PAPERS/cpb.docx" | grep -q '"t":"Table"'
}

# not rerun under sanitizers: pandoc and rsvg-convert convert the report the
# pipeline renders; kpi-render renders the example under sanitizers in pipelines.bats
# bats test_tags=no-sanitizer
@test "-o FILE.docx writes the .docx alone; --docx-reference gives pandoc the council's document" {
	need_docx
	pandoc -o "$W/council.docx" --print-default-data-file reference.docx
	# one section (three charts): what is tested is -o FILE.docx and the
	# reference passed on, not the size of the report; the whole example's
	# .docx (82 charts, a rsvg-convert each) is made once, in setup_file
	run "$TYPE" --sections Missing --docx-reference "$W/council.docx" -o "$W/out/cpb.docx" "$REPO/examples"
	assert_success
	assert_output ""
	run ls -A "$W/out"
	assert_output "cpb.docx"
	run pandoc -f docx -t plain "$W/out/cpb.docx"
	assert_output --partial "Key Performance Issues as at 31 March 2025"
	assert_output --partial "Missing"
}

@test "--docx-reference that cannot be read: exit 2 before anything is written" {
	run "$TYPE" --docx --docx-reference "$W/none.docx" -o "$W/cpb.html" "$REPO/examples"
	assert_failure 2
	assert_output "$TYPE: --docx-reference: cannot read $W/none.docx"
	run ls -A "$W"
	assert_output ""
}

# --- converters that are missing ----------------------------------------------------

@test "a missing converter: exit 2 naming its Debian package, nothing written" {
	[ -x "$KPI_BIN/kpi-pdf" ] || skip "kpi-pdf is not built yet"
	KPI_CHROMIUM=no-such-chromium run "$TYPE" --pdf -o "$W/cpb.html" "$REPO/examples"
	assert_failure 2
	assert_output "$TYPE: --pdf needs Chromium, which is not installed: install the Debian package chromium"
	KPI_PANDOC=no-such-pandoc run "$TYPE" --docx -o "$W/cpb.html" "$REPO/examples"
	assert_failure 2
	assert_output "$TYPE: --docx needs no-such-pandoc, which is not installed: install the Debian package pandoc"
	KPI_RSVG_CONVERT=no-such-rsvg run "$TYPE" -o "$W/cpb.docx" "$REPO/examples"
	assert_failure 2
	assert_output "$TYPE: --docx needs no-such-rsvg, which is not installed: install the Debian package librsvg2-bin"
	run ls -A "$W"
	assert_output ""
	# kpi-pdf itself, before the browser or any file
	echo '<title>x</title>' >"$W/x.html"
	KPI_CHROMIUM=no-such-chromium run kpi-pdf "$W/x.html"
	assert_failure 2
	assert_output "kpi-pdf: no Chromium found (KPI_CHROMIUM, else chromium, chromium-browser, google-chrome on PATH): install the Debian package chromium"
	KPI_CHROMIUM=no-such-chromium run kpi-pdf --browser
	assert_failure 2
	run ls -A "$W"
	assert_output "x.html"
}

@test "kpi-regenerate --pdf with no Chromium: exit 2 naming the package, no report written" {
	[ -x "$KPI_BIN/kpi-pdf" ] || skip "kpi-pdf is not built yet"
	KPI_CHROMIUM=no-such-chromium run regenerate --pdf --type $TYPE --from 2025-01 --to 2025-02 -o "$W/out" "$REPO/examples"
	assert_failure 2
	assert_output "regenerate: --pdf needs Chromium, which is not installed: install the Debian package chromium"
	[ ! -e "$W/out" ]
	KPI_PANDOC=no-such-pandoc run regenerate --docx --type $TYPE --from 2025-01 --to 2025-02 -o "$W/out" "$REPO/examples"
	assert_failure 2
	assert_output "regenerate: --docx needs no-such-pandoc, which is not installed: install the Debian package pandoc"
	[ ! -e "$W/out" ]
}

# --- usage ----------------------------------------------------------------------------

@test "--pdf and --docx: usage errors" {
	run "$TYPE" --pdf "$REPO/examples"
	assert_failure 2
	assert_output "$TYPE: --pdf and --docx need -o FILE (FILE.html, FILE.pdf or FILE.docx)"
	run "$TYPE" --docx -o "$W/cpb.md" "$REPO/examples"
	assert_failure 2
	assert_output "$TYPE: --pdf and --docx are made from the HTML report: -o FILE.html, FILE.pdf or FILE.docx, not -f md"
	run "$TYPE" --docx-reference "$W/x.docx" -o "$W/cpb.html" "$REPO/examples"
	assert_failure 2
	assert_output "$TYPE: --docx-reference is for --docx"
	run "$TYPE" --pdf --every-period -o "$W/j.ndjson" "$REPO/examples"
	assert_failure 2
	assert_output "$TYPE: --pdf and --docx write a report, not --every-period's records"
	run regenerate --docx-reference "$W/x.docx" --type $TYPE --from 2025-01 --to 2025-02 -o "$W/out" "$REPO/examples"
	assert_failure 2
	assert_output "regenerate: --docx-reference is for --docx"
	run ls -A "$W"
	assert_output ""
}

@test "kpi-pdf: usage errors and files that cannot be read, before the browser starts" {
	[ -x "$KPI_BIN/kpi-pdf" ] || skip "kpi-pdf is not built yet"
	run kpi-pdf
	assert_failure 2
	assert_line --index 0 "kpi-pdf: no HTML file to print"
	echo '<title>a</title>' >"$W/a.html"
	echo '<title>b</title>' >"$W/b.html"
	run kpi-pdf -o "$W/x.pdf" "$W/a.html" "$W/b.html"
	assert_failure 2
	assert_line --index 0 "kpi-pdf: -o names the PDF of one HTML file; 2 were given"
	run kpi-pdf "$W/a.html" "$W/none.html"
	assert_failure 2
	assert_output "kpi-pdf: $W/none.html: No such file or directory"
	run kpi-pdf -
	assert_failure 2
	assert_line --index 0 "kpi-pdf: the HTML is read from a file, not standard input"
	echo text >"$W/a.txt"
	run kpi-pdf "$W/a.txt"
	assert_failure 2
	assert_line --index 0 "kpi-pdf: $W/a.txt: not an .html or .htm file (the browser goes by the ending)"
	mkdir "$W/d.html"
	run kpi-pdf "$W/d.html"
	assert_failure 2
	assert_output "kpi-pdf: $W/d.html: Is a directory"
	rmdir "$W/d.html"
	run ls -A "$W"
	assert_output "$(printf '%s\n' a.html a.txt b.html)"
}

@test "kpi-pdf: several files through one browser, each PDF beside its HTML; the footer's words are options" {
	need_pdf
	# a browser that notes each start
	printf '#!/bin/sh\necho start >>"%s"\nexec "%s" "$@"\n' "$W/starts" "$(kpi-pdf --browser)" >"$W/chromium"
	chmod +x "$W/chromium"
	mkdir "$W/in"
	printf '<!doctype html><title>First &amp; one</title><p>Alpha</p>\n' >"$W/in/one.html"
	printf '<!doctype html><title>Second</title><p>Beta</p>\n' >"$W/in/two.htm"
	printf '<!doctype html><title>Third</title><p>Gamma</p>\n' >"$W/in/three.html"
	KPI_CHROMIUM="$W/chromium" run kpi-pdf --footer-left '<{title}>' --footer-right 'Tudalen {page} o {pages}' \
		"$W/in/one.html" "$W/in/two.htm" "$W/in/three.html"
	assert_success
	assert_output ""
	run cat "$W/starts"
	assert_output "start"
	run ls -A "$W/in"
	assert_output "$(printf '%s\n' one.html one.pdf three.html three.pdf two.htm two.pdf)"
	run pdftotext -layout "$W/in/one.pdf" -
	assert_line --partial "Alpha"
	assert_line --regexp '^ *<First & one> +Tudalen 1 o 1$'
	run pdftotext "$W/in/three.pdf" -
	assert_line "Gamma"
}

# --- kpi-regenerate ---------------------------------------------------------------------

# not rerun under sanitizers: regenerate's own logic (batching the PDFs, up to
# date or not) and Chromium's printing; kpi-pdf's several files through one
# browser run under sanitizers above, each month's report in regenerate.bats
# bats test_tags=no-sanitizer
@test "kpi-regenerate --pdf --docx: every month as HTML, PDF and .docx, the PDFs through one browser; up to date the second time" {
	need_pdf
	need_docx
	printf '#!/bin/sh\necho start >>"%s"\nexec "%s" "$@"\n' "$W/starts" "$(kpi-pdf --browser)" >"$W/chromium"
	chmod +x "$W/chromium"
	# one section (three charts) a month: what is tested is regenerate's
	# batching and up-to-date logic, not the size of each paper (the whole
	# example's PDF and .docx are made in setup_file and read back above)
	KPI_CHROMIUM="$W/chromium" run regenerate -q --pdf --docx --sections Missing --type $TYPE --from 2025-01 --to 2025-03 -o "$W/out" "$REPO/examples"
	assert_success
	assert_output ""
	run cat "$W/starts"
	assert_output "start"
	run ls -A "$W/out"
	assert_output "$(for m in 01 02 03; do for e in docx html pdf; do echo "$TYPE-2025-$m.$e"; done; done)"
	run pdftotext "$W/out/$TYPE-2025-02.pdf" -
	assert_output --partial "Key Performance Issues as at"
	assert_output --partial "February 2025"
	run pandoc -f docx -t plain "$W/out/$TYPE-2025-01.docx"
	assert_output --partial "January 2025"
	# up to date: nothing printed again
	KPI_CHROMIUM="$W/chromium" run regenerate -q --pdf --docx --sections Missing --type $TYPE --from 2025-01 --to 2025-03 -o "$W/out" "$REPO/examples"
	assert_success
	run cat "$W/starts"
	assert_output "start"
	# a PDF gone makes its month out of date, and only that month
	rm "$W/out/$TYPE-2025-02.pdf"
	cp -p "$W/out/$TYPE-2025-01.pdf" "$W/jan.pdf"
	KPI_CHROMIUM="$W/chromium" run regenerate -q --pdf --sections Missing --type $TYPE --from 2025-01 --to 2025-03 -o "$W/out" "$REPO/examples"
	assert_success
	[ -s "$W/out/$TYPE-2025-02.pdf" ]
	[ ! "$W/out/$TYPE-2025-01.pdf" -nt "$W/jan.pdf" ]
	run ls -A "$W/out"
	refute_output --partial ".pdf."
	refute_output --partial ".docx."
}

# --- --print ------------------------------------------------------------------------

@test "--print with --pdf and --docx: the HTML to its file, then each conversion, as they run" {
	need_tools
	cd "$REPO"
	run corporate-parenting-board --print -f md --pdf -o out/x.html examples/
	assert_failure 2
	assert_output "corporate-parenting-board: --pdf and --docx are made from the HTML report: -o FILE.html, FILE.pdf or FILE.docx, not -f md"
	run corporate-parenting-board --print --pdf examples/
	assert_failure 2
	assert_output "corporate-parenting-board: --pdf and --docx need -o FILE (FILE.html, FILE.pdf or FILE.docx)"
	local pipeline
	pipeline=$(corporate-parenting-board --print examples/)
	run corporate-parenting-board --print --pdf --docx -o "$W/cpb.html" examples/
	assert_success
	assert_output "$pipeline > $W/cpb.html && kpi-pdf -o $W/cpb.pdf $W/cpb.html && sh pipelines/convert.sh corporate-parenting-board docx '' $W/cpb.html $W/cpb.docx"
	# -o FILE.pdf alone: the HTML it is made from is not kept
	run corporate-parenting-board --print --pdf -o "$W/my paper.pdf" examples/
	assert_success
	assert_output "$pipeline > '$W/my paper.html' && kpi-pdf -o '$W/my paper.pdf' '$W/my paper.html' && rm -f '$W/my paper.html'"
}

@test "--print --pdf --docx runs as printed: the same HTML, a PDF and a .docx" {
	need_pdf
	need_docx
	cd "$REPO"
	bash -c "$(corporate-parenting-board --print --pdf --docx -o "$W/cpb.html" examples/)"
	cmp "$W/cpb.html" "$PAPERS/cpb.html"
	head -c 5 "$W/cpb.pdf" | grep -q '%PDF-'
	head -c 2 "$W/cpb.docx" | grep -q '^PK'  # a zip, as a .docx is
}
