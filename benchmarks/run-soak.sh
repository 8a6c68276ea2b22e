#!/usr/bin/env bash
# Soak: 100,000 GETs per client (url-connection, jdk-http-client, apache4, apache5) at 30% mixed faults
# against a loopback upstream, each client in a child JVM with the agent; prints the table and writes
# benchmarks/results/soak.md. Not run by CI. Options go to the driver, e.g. --calls 10000, --fault-rate 0.3,
# --seed 42, --threads 8, --clients apache4,apache5, --no-write.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/bench-env.sh
bench_build
exec java -cp "$(bench_classpath)" dev.rebound.bench.soak.SoakBench --out benchmarks/results "$@"
