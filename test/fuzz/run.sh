#!/usr/bin/env bash
# test/fuzz/run.sh: build the libFuzzer harnesses of the pure kernels with
# AddressSanitizer and UBSan and run each for FUZZ_SECONDS (default 60) from
# the seed corpus.  New inputs go to a scratch copy of the corpus, not into
# the repository.  Exits non-zero on any crash, leak or sanitizer report.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang-14}
work=$(mktemp -d /tmp/journey-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
# harness, its kernel source and its seed corpus
targets=("scores src/scores_core.c corpus" "sketch src/sketch_core.c corpus_sketch"
	"funnel src/funnel_core.c corpus_funnel")
for t in "${targets[@]}"; do
	read -r name src corpus <<<"$t"
	$CC -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Isrc "test/fuzz/fuzz_$name.c" "$src" -lm -o "$work/fuzz_$name"
	cp -r "test/fuzz/$corpus" "$work/$corpus"
	"$work/fuzz_$name" -max_total_time="$seconds" -max_len=512 -print_final_stats=1 -artifact_prefix="$work/" \
		"$work/$corpus" 2>"$work/$name.log" || { tail -60 "$work/$name.log"; cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* . 2>/dev/null; exit 1; }
	echo "fuzz_$name: $(grep -E "^stat::number_of_executed_units" "$work/$name.log" | awk '{print $2}') inputs, no report"
done
