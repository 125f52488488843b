#!/bin/sh
# Runs the benchmarks and writes docs/performance.md: `bench/run.sh` (all rows, under 10 minutes) or `bench/run.sh soak`.
set -eu
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
    set -- all
fi
exec dotnet run --project bench/Seedance.Benchmarks -c Release -- "$@"
