#!/usr/bin/env bats
# kpi-render HTML in a real browser (headless Chromium): the page loads
# without errors, sections and SVGs are in the DOM, the escaping case shows
# as text, a phone-width screenshot is drawn.  Skipped with a message where
# /usr/bin/chromium is absent (scripts/install-deps --browser installs it).
# Not rerun under sanitizers: the browser runs no compiled code of ours.
# bats file_tags=no-sanitizer

load helper

R="$DATA/render"

setup() {
	[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium is absent: browser test skipped (scripts/install-deps --browser installs it)"
	PROFILE="$(mktemp -d)"
}

teardown() {
	[ -n "${PROFILE:-}" ] && rm -rf "$PROFILE"
	return 0
}

chrome() {
	timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$PROFILE" "$@"
}

@test "browser: the report loads, with its sections, tables and SVGs" {
	kpi-render -f html --full --narrative "$R/narrative.md" "$R/judged.ndjson" > "$BATS_TEST_TMPDIR/r.html"
	chrome --dump-dom "file://$BATS_TEST_TMPDIR/r.html" > "$BATS_TEST_TMPDIR/dom.html" 2> "$BATS_TEST_TMPDIR/err"
	run grep -c '<section id="section-' "$BATS_TEST_TMPDIR/dom.html"
	assert_output "4"
	run grep -o '<svg class="spark"' "$BATS_TEST_TMPDIR/dom.html"
	[ "${#lines[@]}" -eq 15 ]
	run grep -o '<svg class="xmr"' "$BATS_TEST_TMPDIR/dom.html"
	[ "${#lines[@]}" -ge 5 ]
	run grep -o '<circle class="concern"' "$BATS_TEST_TMPDIR/dom.html"
	[ "${#lines[@]}" -ge 1 ]
	run grep -c 'Head of Service Narrative (Dana Whitlow' "$BATS_TEST_TMPDIR/dom.html"
	assert_output "1"
	# nothing was fetched and nothing failed to load
	run grep -E 'net::ERR|Uncaught|Failed to load' "$BATS_TEST_TMPDIR/err"
	assert_failure
}

@test "browser: an indicator named <script>alert(1)</script> shows as text" {
	printf '%s\n' '{"indicator":"X1","name":"<script>alert(1)</script>","section":"S","unit":"percent","period":"2024-03","value":5,"assessment":"issue"}' \
		| kpi-render -f html --full > "$BATS_TEST_TMPDIR/x.html"
	chrome --dump-dom "file://$BATS_TEST_TMPDIR/x.html" > "$BATS_TEST_TMPDIR/dom.html" 2>/dev/null
	run grep -c '<script' "$BATS_TEST_TMPDIR/dom.html"
	assert_output "0"
	run grep -c 'X1 &lt;script&gt;alert(1)&lt;/script&gt;' "$BATS_TEST_TMPDIR/dom.html"
	assert_output "1"
}

# png_size FILE: "WIDTH HEIGHT" from the PNG's IHDR chunk (big-endian, bytes 16-23)
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4, $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }'
}

@test "browser: a phone-width screenshot is drawn, and the page fits a narrow window" {
	kpi-render -f html "$R/judged.ndjson" > "$BATS_TEST_TMPDIR/r.html"
	chrome --window-size=390,2000 --screenshot="$BATS_TEST_TMPDIR/phone.png" "file://$BATS_TEST_TMPDIR/r.html" 2>/dev/null
	head -c 8 "$BATS_TEST_TMPDIR/phone.png" | od -An -c | tr -d ' ' | grep -q '^211PNG\\r\\n032\\n$'
	[ "$(png_size "$BATS_TEST_TMPDIR/phone.png")" = "390 2000" ]
	# drawn, not blank: far more than a screenshot of an empty page of that size
	echo '<!doctype html><html><body></body></html>' > "$BATS_TEST_TMPDIR/blank.html"
	chrome --window-size=390,2000 --screenshot="$BATS_TEST_TMPDIR/blank.png" "file://$BATS_TEST_TMPDIR/blank.html" 2>/dev/null
	[ "$(stat -c %s "$BATS_TEST_TMPDIR/phone.png")" -gt $((8 * $(stat -c %s "$BATS_TEST_TMPDIR/blank.png"))) ]
	# the page does not scroll sideways in the narrowest window the browser
	# lays out (wide tables scroll inside their own box)
	sed 's|</body>|<script>document.body.setAttribute("data-width", document.documentElement.scrollWidth + " " + window.innerWidth)</script></body>|' \
		"$BATS_TEST_TMPDIR/r.html" > "$BATS_TEST_TMPDIR/measured.html"
	chrome --window-size=390,2000 --dump-dom "file://$BATS_TEST_TMPDIR/measured.html" > "$BATS_TEST_TMPDIR/dom.html" 2>/dev/null
	read -r page window < <(sed -n 's/.*data-width="\([0-9]*\) \([0-9]*\)".*/\1 \2/p' "$BATS_TEST_TMPDIR/dom.html")
	[ "$window" -le 500 ]
	[ "$page" -le "$window" ]
}

# pdf_pages PDF: the pages of a PDF Chromium printed (its page objects)
pdf_pages() {
	grep -a -o '/Type */Pages*' "$1" | grep -c 'Page$'
}

@test "browser: the example highlight report prints on at most 8 A4 pages; --full still prints" {
	[ -x "$KPI_BIN/kpi-render" ] || skip "kpi-render is not built yet"
	corporate-parenting-board -o "$BATS_TEST_TMPDIR/cpb.html" "$REPO/examples"
	chrome --no-pdf-header-footer --print-to-pdf="$BATS_TEST_TMPDIR/cpb.pdf" "file://$BATS_TEST_TMPDIR/cpb.html" 2>/dev/null
	head -c 5 "$BATS_TEST_TMPDIR/cpb.pdf" | grep -q '%PDF-'
	run pdf_pages "$BATS_TEST_TMPDIR/cpb.pdf"
	[ "$output" -ge 4 ] && [ "$output" -le 8 ] || fail "the highlight report printed on $output pages"
	# A4: the front portrait, the appendix of tables landscape
	grep -a -q '/MediaBox \[0 0 594.9[0-9]* 841.9[0-9]*\]' "$BATS_TEST_TMPDIR/cpb.pdf"
	grep -a -q '/MediaBox \[0 0 841.9[0-9]* 594.9[0-9]*\]' "$BATS_TEST_TMPDIR/cpb.pdf"
	# the long form prints whole, and longer
	corporate-parenting-board --full -o "$BATS_TEST_TMPDIR/full.html" "$REPO/examples"
	chrome --no-pdf-header-footer --print-to-pdf="$BATS_TEST_TMPDIR/full.pdf" "file://$BATS_TEST_TMPDIR/full.html" 2>/dev/null
	run pdf_pages "$BATS_TEST_TMPDIR/full.pdf"
	[ "$output" -gt 8 ] || fail "the long form printed on $output pages"
}
