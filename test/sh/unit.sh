#!/usr/bin/env bash
# Unit tests of the pure-C kernels (benchmark placement, the exact sum of
# the quantile sketch), built with AddressSanitizer and UBSan.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/journey-unit.XXXXXX)
trap 'rm -rf "$work"' EXIT
CC=${UNIT_CC:-clang-14}
$CC -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -Isrc \
	test/unit/placement_kernel.c src/placement_core.c -lm -o "$work/placement_kernel"
"$work/placement_kernel"
$CC -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -Isrc \
	test/unit/sketch_sum.c src/sketch_core.c -lm -o "$work/sketch_sum"
"$work/sketch_sum"
