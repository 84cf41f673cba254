#!/usr/bin/env bash
# PTZ latency on loopback (README, "PTZ"): builds Fieldcast, then runs org.fieldcast.bench.PtzBenchmark
# on the test class path: request-to-camera over HTTP and the WebSocket, and move-to-visible-motion in
# the MJPEG view when that path exists. Prints p50 and p95 in milliseconds.
#
# Usage: src/test/sh/ptz-bench.sh [--requests 200] [--trials 15]
# Environment: FIELDCAST_BUILD_DIR  build output folder, absolute (default: <project>/target)
#              BENCH_SKIP_BUILD=1   use what is already built there
#              MAVEN_ARGS           extra Maven arguments, e.g. -o
set -euo pipefail
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
build="${FIELDCAST_BUILD_DIR:-$project/target}"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  # shellcheck disable=SC2086
  (cd "$project" && mvn -q ${MAVEN_ARGS:-} -Dfieldcast.build.dir="$build" -DskipTests package)
fi

# Fieldcast serves HTTPS: the server gets the tests' certificate and this JVM trusts it (see test-certificate.sh).
tls="$build/test-tls"
bash "$project/src/test/sh/test-certificate.sh" "$tls" >/dev/null

exec java -Xmx512m -XX:+UseSerialGC \
  -cp "$build/classes:$build/test-classes:$(cat "$build/sim-classpath.txt")" \
  -Dfieldcast.test-tls.keystore="$tls/server.p12" -Djavax.net.ssl.trustStore="$tls/trust.p12" \
  -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=fieldcast-tests \
  -Dfieldcast.project-dir="$project" -Dfieldcast.build-dir="$build" \
  -Dfieldcast.war="$build/fieldcast.war" -Dfieldcast.payara-micro="$build/payara-micro.jar" \
  org.fieldcast.bench.PtzBenchmark "$@"
