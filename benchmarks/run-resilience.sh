#!/usr/bin/env bash
# Resilience scenarios S1-S9 (no retry, naive loop, Resilience4j, the charged budget, Envoy's budget, gRPC's
# throttling, rebound) for every client, against a scripted loopback upstream; prints the tables, writes
# benchmarks/results/resilience.md, the S2 and the S7 chart. About 25 minutes on 2 cores.
# Options go to the driver, e.g. --scenarios S6,S8 --policies none,rebound, --outage-seconds 30 (the full
# outage), --s2-rate 50, --seed 42; shorter runs: --s6-seconds 20 --s7-overload-seconds 10 --s8-jvms 10
# --s8-outage-seconds 10 --s9-scale 0.5 (the results say what was shortened).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/bench-env.sh
bench_build
exec java -cp "$(bench_classpath)" dev.rebound.bench.resilience.ResilienceBench --out benchmarks/results "$@"
