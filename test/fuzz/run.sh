#!/usr/bin/env bash
# test/fuzz/run.sh: build the libFuzzer harnesses of the pure decoders with
# AddressSanitizer and UBSan and run each for FUZZ_SECONDS (default 60) from
# the seed corpus.  New inputs go to a scratch copy of the corpus, not into
# the repository.  Exits non-zero on any crash, leak or sanitizer report.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang-14}
work=$(mktemp -d /tmp/journey-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
$CC -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-Isrc test/fuzz/fuzz_scores.c src/scores_core.c -lm -o "$work/fuzz_scores"
cp -r test/fuzz/corpus "$work/corpus"
"$work/fuzz_scores" -max_total_time="$seconds" -max_len=256 -print_final_stats=1 \
	"$work/corpus" 2>"$work/log" || { tail -60 "$work/log"; exit 1; }
grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units)" "$work/log" | tail -2
