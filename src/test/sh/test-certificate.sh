#!/usr/bin/env bash
# The integration tests' HTTPS certificate, made once per build folder: every Fieldcast a test starts
# serves it (FIELDCAST_TLS_KEYSTORE), the test JVM trusts it (Maven sets javax.net.ssl.trustStore to
# trust.p12) and Chromium accepts it by its key (--ignore-certificate-errors-spki-list), so the tests
# talk HTTPS and HTTP/2 the way browsers do without turning certificate checks off.
# The one test of the self-signed default (TlsIT) starts its server without it.
#
# Usage: test-certificate.sh DIR   (makes DIR/server.p12, DIR/trust.p12 and DIR/server.crt, PEM, for curl;
# password "fieldcast-tests")
set -euo pipefail
dir="${1:?usage: test-certificate.sh DIR}"
mkdir -p "$dir"
[ -f "$dir/server.p12" ] && [ -f "$dir/trust.p12" ] && exit 0
rm -f "$dir/server.p12" "$dir/trust.p12" "$dir/server.crt"
export STORE_PASSWORD=fieldcast-tests
keytool -genkeypair -alias fieldcast -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -validity 825 \
  -dname "CN=Fieldcast tests" -ext "SAN=dns:localhost,ip:127.0.0.1,ip:::1" -ext "EKU=serverAuth" \
  -keystore "$dir/server.p12" -storetype PKCS12 -storepass:env STORE_PASSWORD -keypass:env STORE_PASSWORD >/dev/null
keytool -exportcert -rfc -alias fieldcast -keystore "$dir/server.p12" -storetype PKCS12 -storepass:env STORE_PASSWORD \
  -file "$dir/server.crt" >/dev/null 2>&1
keytool -importcert -noprompt -alias fieldcast -file "$dir/server.crt" -keystore "$dir/trust.p12" -storetype PKCS12 \
  -storepass:env STORE_PASSWORD >/dev/null 2>&1
echo "Made the integration tests' HTTPS certificate in $dir"
