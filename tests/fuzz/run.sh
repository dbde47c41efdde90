#!/bin/sh
# Runs a libFuzzer target for a bounded time (BANTIN_FUZZ_SECONDS, default
# 60) from a seed corpus, in a scratch corpus directory so the fixtures are
# never written to. Any crash, leak or timeout fails the test (exit 1: libFuzzer's own 77
# would read as "skipped" to CTest).
set -eu
target=$1
seeds=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work"
mkdir corpus
"$target" -max_total_time="${BANTIN_FUZZ_SECONDS:-60}" -timeout=10 -rss_limit_mb=1024 \
	-error_exitcode=1 -timeout_exitcode=1 \
	-max_len=65536 -print_final_stats=1 corpus "$seeds" > log 2>&1 && status=0 || status=$?
tail -n 25 log
exit "$status"
