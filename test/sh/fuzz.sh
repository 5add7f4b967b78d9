#!/usr/bin/env bash
# A short libFuzzer run (ASan + UBSan) of every harness in test/fuzz over the
# pure kernels (score_summary text and binary, quantile_sketch text and
# varints, the window_funnel scan, matching and attempts); test/fuzz/run.sh
# runs longer on request.
set -euo pipefail
cd "$(dirname "$0")/../.."
FUZZ_SECONDS=${FUZZ_SECONDS:-10} bash test/fuzz/run.sh
