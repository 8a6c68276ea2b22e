#!/usr/bin/env bash
# Resilience scenarios S1-S5 (no retry, naive loop, Resilience4j, rebound) for every client, against a
# scripted loopback upstream; prints the tables, writes benchmarks/results/resilience.md and the S2 chart.
# About 4 minutes. Options go to the driver, e.g. --outage-seconds 30 (the full outage), --s2-rate 50, --seed 42.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/bench-env.sh
bench_build
exec java -cp "$(bench_classpath)" dev.rebound.bench.resilience.ResilienceBench --out benchmarks/results "$@"
