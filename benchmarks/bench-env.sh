# Sourced by the run-*.sh scripts: build what the benchmarks need, then give their class path.
# MVN_ARGS adds Maven options (e.g. MVN_ARGS=-o to stay offline once the dependencies are local).

bench_build() {
  # -am builds the agent (and its shaded jar) first; no tests: these are benchmark runs.
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_ARGS:-} -pl benchmarks -am package -DskipTests "$@"
}

bench_classpath() {
  echo "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
}
