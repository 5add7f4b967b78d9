#!/usr/bin/env bash
# A short libFuzzer run (ASan + UBSan) over the score_summary text parser and
# binary decoder; test/fuzz/run.sh runs longer on request.
set -euo pipefail
cd "$(dirname "$0")/../.."
FUZZ_SECONDS=${FUZZ_SECONDS:-15} bash test/fuzz/run.sh
