#!/usr/bin/env bash
# The benchmarks (README, "Benchmarks"): builds Fieldcast, then runs org.fieldcast.bench.Benchmarks on the
# test class path. Figures are printed as tables and written as JSON to <build dir>/bench/.
#
# Usage: src/test/sh/bench.sh hls|cost|cameras|load|mjpeg|grid|mse|cluster|soak|all [--name value ...]  (all: every one but soak and cluster)
#        src/test/sh/bench.sh mse [--parts latency,drift,fanout,slow,grid] [--drift-seconds 300] ...  (README: the options)
#        src/test/sh/bench.sh cluster [--kills 5 --rounds 2 --joins 2 --cpu-seconds 30 --added-viewers 10]  (PostgreSQL on 127.0.0.1:5432)
#        src/test/sh/bench.sh soak [--minutes 30] [--baseline DIR]   DIR: another build's checkout, with its target/ built
# Environment: FIELDCAST_BUILD_DIR  build output folder, absolute (default: <project>/target)
#              BENCH_SKIP_BUILD=1   use what is already built there
#              MAVEN_ARGS           extra Maven arguments, e.g. -o
set -euo pipefail
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
build="${FIELDCAST_BUILD_DIR:-$project/target}"

for tool in ffmpeg chromium chromedriver jcmd; do
  command -v "$tool" >/dev/null || {
    echo "The benchmarks need $tool; src/test/sh/prerequisites.sh installs what is missing." >&2
    exit 1
  }
done

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  # package also compiles the test classes, where the benchmarks live, and writes the simulator's class path.
  # shellcheck disable=SC2086
  (cd "$project" && mvn -q ${MAVEN_ARGS:-} -Dfieldcast.build.dir="$build" -DskipTests package)
fi

# Fieldcast serves HTTPS: every server a benchmark boots gets the tests' certificate, which this JVM trusts
# and Chromium accepts by its key (as the integration tests do; see test-certificate.sh).
tls="$build/test-tls"
bash "$project/src/test/sh/test-certificate.sh" "$tls" >/dev/null

exec java -Xmx1g -XX:+UseSerialGC \
  -cp "$build/classes:$build/test-classes:$(cat "$build/sim-classpath.txt")" \
  -Dfieldcast.test-tls.keystore="$tls/server.p12" -Djavax.net.ssl.trustStore="$tls/trust.p12" \
  -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=fieldcast-tests \
  -Dfieldcast.project-dir="$project" -Dfieldcast.build-dir="$build" \
  -Dfieldcast.war="$build/fieldcast.war" -Dfieldcast.payara-micro="$build/payara-micro.jar" \
  org.fieldcast.bench.Benchmarks "$@"
