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
	[ -f "$DEST/opt/kpi/share/kpi/la-changes.csv" ]
	[ -f "$DEST/opt/kpi/share/man/man5/kpi-la-changes.5" ]
	[ -f "$DEST/opt/kpi/share/kpi/phrases/en-GB.phrases" ]
	[ -f "$DEST/opt/kpi/share/man/man5/kpi-phrases.5" ]
	# every installed program has a man page, the report types one for all
	[ -f "$DEST/opt/kpi/share/man/man5/kpi-report-config.5" ]
	[ -f "$DEST/opt/kpi/share/man/man1/kpi-regenerate.1" ]
	[ -f "$DEST/opt/kpi/share/man/man1/kpi-report.1" ]
	for t in corporate-parenting-board scrutiny-panel select-commission committee-dashboard health-highlight; do
		run cat "$DEST/opt/kpi/share/man/man1/kpi-report-$t.1"
		assert_output ".so man1/kpi-report.1"
	done
	run find "$DEST/opt/kpi/share/man" -name 'regenerate.1' -o -name 'report.sh'
	assert_output ""
}

@test "the installed programs run with no change to PATH, and have --help and --version" {
	make -s -C "$REPO" install PREFIX=/opt/kpi DESTDIR="$DEST" >/dev/null
	local bin="$DEST/opt/kpi/bin" t version
	version=$(sed -n 's/^VERSION := //p' "$REPO/Makefile")
	for t in kpi-regenerate kpi-report-corporate-parenting-board kpi-report-health-highlight; do
		run env -u KPI_DATADIR -u KPI_BIN PATH=/usr/bin:/bin "$bin/$t" --version
		assert_success
		assert_output "$t (kpi) $version"
		run env -u KPI_DATADIR -u KPI_BIN PATH=/usr/bin:/bin "$bin/$t" --help
		assert_success
	done
	# the report runs, and --print names the installed tools by their path
	run env -u KPI_DATADIR -u KPI_BIN PATH=/usr/bin:/bin "$bin/kpi-report-health-highlight" -f md "$REPO/examples"
	assert_success
	assert_line --index 0 "# Health of Children in Care: Highlight Report"
	run env -u KPI_DATADIR -u KPI_BIN PATH=/usr/bin:/bin "$bin/kpi-report-health-highlight" --print "$REPO/examples"
	assert_output --partial "$bin/kpi-ingest "
	assert_output --partial "| $bin/kpi-render --format html"
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

@test "an installed kpi-normalise finds its installed la-changes.csv without KPI_DATADIR" {
	make -s -C "$REPO" install PREFIX=/opt/kpi DESTDIR="$DEST" >/dev/null
	run bash -c "set -o pipefail; printf '%s\n' '{\"indicator\":\"cla_count\",\"period\":\"2019\",\"value\":\"1\",\"area\":\"Dorset\",\"old_la_code\":\"835\"}' |
		env -u KPI_DATADIR '$DEST/opt/kpi/bin/kpi-normalise' | jq -r .area"
	assert_success
	assert_output "Dorset County Council"
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

@test "a checkout's pipelines run after make with no change to PATH; --print runs as printed" {
	[ -x "$REPO/build/bin/kpi-render" ] || skip "the source tree is not built (make)"
	cd "$REPO"
	run env -u KPI_DATADIR -u KPI_BIN PATH=/usr/bin:/bin pipelines/health-highlight -f md examples/
	assert_success
	assert_line --index 0 "# Health of Children in Care: Highlight Report"
	run env -u KPI_DATADIR -u KPI_BIN PATH=/usr/bin:/bin pipelines/health-highlight --print -f md examples/
	assert_success
	assert_output --partial "{ build/bin/kpi-ingest examples/northbridge-long.csv"
	env -u KPI_DATADIR -u KPI_BIN PATH=/usr/bin:/bin bash -c "$output" >"$BATS_TEST_TMPDIR/printed.md"
	env -u KPI_DATADIR -u KPI_BIN PATH=/usr/bin:/bin pipelines/health-highlight -f md examples/ >"$BATS_TEST_TMPDIR/run.md"
	cmp "$BATS_TEST_TMPDIR/printed.md" "$BATS_TEST_TMPDIR/run.md"
	# a council folder that names no area is read, not a misleading "no area"
	run env -u KPI_BIN PATH=/usr/bin:/bin KPI_BIN=/nonexistent pipelines/health-highlight -f md examples/
	assert_failure 2
	assert_output --partial "health-highlight: "
	refute_output --partial "no area in"
}

@test "builds are quiet by default; make V=1 shows each command" {
	local b="$BATS_TEST_TMPDIR/b"
	cd "$REPO"
	run make BUILD="$b" "$b/lib/buf.o"
	assert_success
	assert_output ""
	[ -f "$b/lib/buf.o" ]
	rm -f "$b/lib/buf.o"
	run make BUILD="$b" V=1 "$b/lib/buf.o"
	assert_success
	assert_output --partial " -c lib/buf.c -o $b/lib/buf.o"
}
