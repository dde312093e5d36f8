#!/usr/bin/env bats
# make install / uninstall with PREFIX and DESTDIR.
# Not rerun under sanitizers: make install installs the normal build.
# bats file_tags=no-sanitizer
load helper

setup() {
	DEST="$BATS_TEST_TMPDIR/dest"
}

@test "make install puts tools, man pages, pipelines and data under DESTDIR/PREFIX" {
	run make -s -C "$REPO" install PREFIX=/opt/kpi DESTDIR="$DEST"
	assert_success
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render kpi-regenerate \
		kpi-report-corporate-parenting-board kpi-report-scrutiny-panel \
		kpi-report-select-commission kpi-report-committee-dashboard kpi-report-health-highlight; do
		[ -x "$DEST/opt/kpi/bin/$t" ] || fail "$t not installed"
	done
	for m in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		[ -f "$DEST/opt/kpi/share/man/man1/$m.1" ] || fail "man page $m.1 not installed"
	done
	[ -f "$DEST/opt/kpi/share/man/man5/kpi-catalogue.5" ]
	[ -f "$DEST/opt/kpi/share/kpi/catalogue.csv" ]
	[ -f "$DEST/opt/kpi/share/kpi/england-benchmarks.csv" ]
	[ -f "$DEST/opt/kpi/share/kpi/phrases/en-GB.phrases" ]
	[ -f "$DEST/opt/kpi/share/man/man5/kpi-phrases.5" ]
}

@test "an installed kpi-render finds its installed phrases without KPI_DATADIR" {
	make -s -C "$REPO" install PREFIX=/opt/kpi DESTDIR="$DEST" >/dev/null
	run bash -c "env -u KPI_DATADIR '$DEST/opt/kpi/bin/kpi-render' -f txt < /dev/null"
	assert_success
	assert_output "$(printf 'Performance Highlight Report\n============================\n\nKey Performance Issues\n\nThere are no indicators in this report.')"
}

@test "an installed tool finds its installed catalogue without KPI_DATADIR" {
	make -s -C "$REPO" install PREFIX=/opt/kpi DESTDIR="$DEST" >/dev/null
	run env -u KPI_DATADIR "$DEST/opt/kpi/bin/kpi-normalise" --list-catalogue
	assert_success
	assert_line --index 0 --partial '"id":"contacts_count"'
}

@test "make uninstall removes what install put there" {
	make -s -C "$REPO" install PREFIX=/opt/kpi DESTDIR="$DEST" >/dev/null
	run make -s -C "$REPO" uninstall PREFIX=/opt/kpi DESTDIR="$DEST"
	assert_success
	run find "$DEST" -type f
	assert_output ""
}

@test "the installed report pipelines and kpi-regenerate run from the install tree alone" {
	make -s -C "$REPO" install PREFIX=/opt/kpi DESTDIR="$DEST" >/dev/null
	[ -f "$DEST/opt/kpi/share/kpi/report.sh" ]
	local bin="$DEST/opt/kpi/bin" out="$BATS_TEST_TMPDIR/out"
	run env -u KPI_DATADIR PATH="$bin:/usr/bin:/bin" kpi-report-scrutiny-panel -o "$out/panel.md" "$REPO/examples"
	assert_success
	grep -q "^# " "$out/panel.md"
	run env -u KPI_DATADIR PATH="$bin:/usr/bin:/bin" kpi-regenerate --type health-highlight \
		--from 2025-02 --to 2025-03 -o "$out" "$REPO/examples"
	assert_success
	[ -s "$out/health-highlight-2025-02.html" ]
	[ -s "$out/health-highlight-2025-03.html" ]
}
