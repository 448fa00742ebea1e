#!/usr/bin/env bash
# bench/compare.sh — a change's effect on speed in one command (`make bench-compare`).
#
#   bench/compare.sh [OLD [NEW]]          default: HEAD~1 against HEAD
#
# Checks both commits out in temporary git worktrees, runs the main module's Go benchmarks
# in each, alternating old and new run by run (so load drifting on a shared machine hits
# both alike), and prints benchstat's comparison. Environment:
#   PKGS       packages to benchmark (default ./...)
#   BENCH      -bench regular expression (default .)
#   COUNT      runs per side (default 6: benchstat needs 6 for a 95% confidence interval)
#   BENCHTIME  -benchtime (default: go test's own, 1s)
#   BENCHSTAT  a benchstat binary to use; otherwise one on PATH, otherwise it is installed
#              from the Go module proxy into a temporary GOBIN.
set -euo pipefail

old=${1:-HEAD~1}
new=${2:-HEAD}
pkgs=${PKGS:-./...}
bench=${BENCH:-.}
count=${COUNT:-6}
benchstat_version=v0.0.0-20260908200009-22c9c6c9d4da # golang.org/x/perf

root=$(git rev-parse --show-toplevel)
old_rev=$(git -C "$root" rev-parse --verify "$old^{commit}")
new_rev=$(git -C "$root" rev-parse --verify "$new^{commit}")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mediad-bench-compare.XXXXXX")
cleanup() {
	for side in old new; do
		if [ -d "$tmp/$side" ]; then
			git -C "$root" worktree remove --force "$tmp/$side" >/dev/null 2>&1 || true
		fi
	done
	git -C "$root" worktree prune >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

bs=${BENCHSTAT:-$(command -v benchstat || true)}
if [ -z "$bs" ]; then
	echo "bench-compare: installing benchstat ($benchstat_version) into $tmp/bin" >&2
	GOBIN="$tmp/bin" GOFLAGS= go install "golang.org/x/perf/cmd/benchstat@$benchstat_version"
	bs="$tmp/bin/benchstat"
fi

git -C "$root" worktree add --detach --quiet "$tmp/old" "$old_rev"
git -C "$root" worktree add --detach --quiet "$tmp/new" "$new_rev"

args=(-run '^$' -bench "$bench" -benchmem -count 1)
if [ -n "${BENCHTIME:-}" ]; then
	args+=(-benchtime "$BENCHTIME")
fi

echo "bench-compare: $old ($(git -C "$root" rev-parse --short "$old_rev")) vs $new ($(git -C "$root" rev-parse --short "$new_rev")), $count runs each of go test ${args[*]} $pkgs" >&2
# Build once per side first so the timed loop does not pay for compilation.
for side in old new; do
	# shellcheck disable=SC2086 # PKGS may name several packages
	(cd "$tmp/$side" && go test -run '^$' -bench '^$' -count 1 $pkgs >/dev/null)
done
for i in $(seq 1 "$count"); do
	for side in old new; do
		echo "bench-compare: run $i/$count, $side" >&2
		# shellcheck disable=SC2086
		(cd "$tmp/$side" && go test "${args[@]}" $pkgs) >>"$tmp/$side.txt" 2>>"$tmp/$side.err" ||
			{ echo "bench-compare: go test failed in $side:" >&2; tail -20 "$tmp/$side.err" >&2; exit 1; }
	done
done

"$bs" "old=$tmp/old.txt" "new=$tmp/new.txt"
