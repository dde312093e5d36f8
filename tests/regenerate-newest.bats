#!/usr/bin/env bats
# pipelines/regenerate's up-to-date check compares the reports with the newest
# input file (newest_input, also used by each-area.sh).  It was
# `xargs ls -td | head -n 1`: xargs splits a long list into several ls runs,
# each sorted on its own, so the newest of a big folder could be missed and
# changed data left unreported.
load helper

# the function as regenerate defines it
load_newest_input() {
	eval "$(sed -n '/^newest_input() {/,/^}/p' "$REPO/pipelines/regenerate")"
	declare -F newest_input >/dev/null
}

@test "newest_input: the newest of 1,500 files with long names, wherever find lists it" {
	load_newest_input
	d=$BATS_TEST_TMPDIR/in
	mkdir -p "$d/sub dir"
	long=$(printf 'x%.0s' $(seq 1 150))
	for i in $(seq 1 1500); do : >"$d/sub dir/$long-$i.csv"; done
	touch -d '2020-01-01 00:00' "$d/sub dir"/* "$d/sub dir" "$d"
	# the list is longer than one xargs command line (128 KiB)
	[ "$(find "$d" | wc -c)" -gt 250000 ]
	for pick in first middle last; do
		case $pick in
		first) f=$(find "$d" -type f | sed -n 1p) ;;
		middle) f=$(find "$d" -type f | sed -n 750p) ;;
		last) f=$(find "$d" -type f | sed -n '$p') ;;
		esac
		touch -d '2021-06-01 12:00' "$f"
		inputs=$d
		run newest_input -type f
		assert_success
		assert_output "$f"
		touch -d '2020-01-01 00:00' "$f"
	done
}

@test "newest_input: several inputs, a file and a folder, a missing one; nothing when none exists" {
	load_newest_input
	d=$BATS_TEST_TMPDIR
	mkdir "$d/folder"
	: >"$d/a.csv"
	: >"$d/folder/b.csv"
	touch -d '2022-01-01' "$d/a.csv"
	touch -d '2023-01-01' "$d/folder/b.csv"
	touch -d '2021-01-01' "$d/folder"
	inputs="$d/a.csv
$d/missing.csv
$d/folder"
	run newest_input
	assert_output "$d/folder/b.csv"
	touch -d '2024-01-01' "$d/a.csv"
	run newest_input
	assert_output "$d/a.csv"
	# without -type f a folder counts too (regenerate: a file added or removed)
	touch -d '2025-01-01' "$d/folder"
	run newest_input
	assert_output "$d/folder"
	run newest_input -type f
	assert_output "$d/a.csv"
	inputs="$d/missing.csv"
	run newest_input
	assert_success
	assert_output ""
}
