#!/usr/bin/env bash
# JMH: the engine's healthy-call decision (-prof gc) and an HttpURLConnection GET with and without the agent
# in forked JVMs; prints the tables and writes benchmarks/results/jmh.md. About 2 minutes.
# Options: --rounds 3 --warmup-iterations 3 --iterations 5 --iteration-ms 1000; --engine-only runs the engine
# decision alone (1 thread and every core) into jmh-engine.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/bench-env.sh
bench_build
exec java -cp "$(bench_classpath)" dev.rebound.bench.jmh.JmhMain --out benchmarks/results "$@"
