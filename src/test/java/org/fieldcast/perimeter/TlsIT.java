package org.fieldcast.perimeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fieldcast.testing.FieldcastServer;

/**
 * HTTPS as a newcomer gets it: no certificate configured, so {@code payara/start} makes a self-signed
 * one on first start, keeps it in the data folder and prints its fingerprint; a restart serves the
 * same certificate. And a PEM pair of one's own, converted by {@code payara/tls}.
 */
class TlsIT {
    private static final Pattern FINGERPRINT = Pattern.compile("SHA-256 fingerprint: ([0-9A-F:]{95})");

    @TempDir
    Path data;

    @Test
    void aSelfSignedCertificateIsMadeOnceKeptAndServedOverHttp2() throws Exception {
        Map<String, String> settings = Map.of("FIELDCAST_TLS_KEYSTORE", FieldcastServer.OWN_CERTIFICATE,
                "FIELDCAST_DATA_DIR", data.toString(), "FIELDCAST_DEMO_ENABLED", "false");
        String first;
        try (FieldcastServer server = FieldcastServer.start(settings)) {
            first = printedFingerprint(server.log());
            assertTrue(server.log().contains("Made a self-signed HTTPS certificate"));
            X509Certificate certificate = selfSigned();
            assertEquals(first, fingerprint(certificate), "the printed fingerprint is the served certificate's");
            assertTrue(certificate.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("localhost")));
            assertTrue(certificate.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")));

            HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri("api/cameras")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, r.version());
            assertEquals(fingerprint(certificate), fingerprint((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]));

            for (String file : new String[] {"self-signed.p12", "self-signed.password", "payara-tls.properties"}) {
                assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                        Files.getPosixFilePermissions(data.resolve("tls").resolve(file)), file + " is the owner's alone");
            }
            String password = Files.readString(data.resolve("tls/self-signed.password")).strip();
            assertFalse(server.log().contains(password), "the keystore password is not logged");
            String commandLine = ProcessHandle.of(server.pid()).flatMap(p -> p.info().commandLine()).orElse("");
            assertFalse(commandLine.isEmpty());
            assertFalse(commandLine.contains(password), "the keystore password is not in the process list");
        }
        try (FieldcastServer again = FieldcastServer.start(settings)) {
            assertEquals(first, printedFingerprint(again.log()), "a restart serves the same certificate");
            assertFalse(again.log().contains("Made a self-signed HTTPS certificate"));
        }
    }

    /** A certificate of one's own as PEM files: converted to PKCS#12 at start, nothing else to do. */
    @Test
    void aPemPairIsConvertedAtStart() throws Exception {
        Path key = data.resolve("key.pem");
        Path cert = data.resolve("cert.pem");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "30",
                "-subj", "/CN=pem.example", "-keyout", key.toString(), "-out", cert.toString());
        Path tls = Path.of(System.getProperty("fieldcast.project-dir", ".")).resolve("payara/tls").toAbsolutePath();
        String out = run(Map.of("FIELDCAST_DATA_DIR", data.resolve("data").toString(), "FIELDCAST_TLS_CERT", cert.toString(),
                "FIELDCAST_TLS_KEY", key.toString()), "bash", "-c", "source \"$0\" && echo \"alias=$TLS_ALIAS\"", tls.toString());
        X509Certificate expected;
        try (InputStream in = Files.newInputStream(cert)) {
            expected = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertTrue(out.contains("SHA-256 fingerprint: " + fingerprint(expected)), out);
        assertTrue(out.contains("alias=fieldcast"), out);
        String properties = Files.readString(data.resolve("data/tls/payara-tls.properties"));
        assertTrue(properties.contains("pem.p12"), properties);
    }

    private X509Certificate selfSigned() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(data.resolve("tls/self-signed.p12"))) {
            ks.load(in, Files.readString(data.resolve("tls/self-signed.password")).strip().toCharArray());
        }
        Certificate c = ks.getCertificate("fieldcast");
        assertNotNull(c);
        return (X509Certificate) c;
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("fieldcast", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static String printedFingerprint(String log) {
        Matcher m = FINGERPRINT.matcher(log);
        assertTrue(m.find(), "the fingerprint is printed at start");
        return m.group(1);
    }

    private static String fingerprint(X509Certificate c) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return run(Map.of(), command);
    }

    private static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
