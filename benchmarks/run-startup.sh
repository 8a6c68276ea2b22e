#!/usr/bin/env bash
# Whole-process start-up and peak RSS of a one-call app: no agent, an empty agent, rebound and the
# OpenTelemetry Java agent, on the build JDK and the newest other JDK under /usr/lib/jvm; prints the tables
# and writes benchmarks/results/startup.md. About 4 minutes (the OpenTelemetry agent takes ~5 s a run).
# The OpenTelemetry agent jar is fetched from Maven Central into benchmarks/target/otel (git-ignored).
# Options: --runs 10 --log-runs 3 --jdks running (only the build JDK) --otel-jar none (skip it)
# --compare-jar a.jar,b.jar (other builds of rebound, in the same interleaved rounds).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/bench-env.sh
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -q time >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }
  else
    echo "run-startup: /usr/bin/time is missing (Debian package 'time'): peak RSS will not be measured" >&2
  fi
fi
bench_build -Potel
exec java -cp "$(bench_classpath)" dev.rebound.bench.startup.StartupBench --out benchmarks/results "$@"
