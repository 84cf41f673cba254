# Fieldcast on Payara Micro 6 with Debian's ffmpeg.
#   docker build -t fieldcast .
#   docker run -p 8443:8443 -p 8080:8080 fieldcast        (embedded database and demo site: https://localhost:8443/)
#   docker run -p 8443:8443 -p 8080:8080 -e FIELDCAST_DB_URL=jdbc:postgresql://db:5432/fieldcast \
#     -e FIELDCAST_DB_USER=fieldcast -e FIELDCAST_DB_PASSWORD=secret -e FIELDCAST_DEMO_ENABLED=false fieldcast

# --- build: the WAR and the Payara Micro runtime, both from Maven Central ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY src src
COPY webapp webapp
RUN mvn -q -B -DskipTests package

# --- run: a JRE and ffmpeg from Debian, nothing fetched at run time ---
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless ffmpeg fonts-dejavu-core openssl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/fieldcast --create-home fieldcast
WORKDIR /opt/fieldcast
COPY --from=build /src/target/fieldcast.war /src/target/payara-micro.jar target/
COPY payara payara
ENV FIELDCAST_DATA_DIR=/var/lib/fieldcast \
    FIELDCAST_PORT=8080 \
    FIELDCAST_TLS_PORT=8443 \
    JAVA_OPTS="-Xms64m -Xmx512m -XX:+UseSerialGC"
VOLUME /var/lib/fieldcast
USER fieldcast
# 8443: HTTPS (HTTP/2); 8080: plain HTTP, which redirects to HTTPS and answers the health probes.
# The self-signed certificate made on first start is kept in the volume; mount your own with
# FIELDCAST_TLS_CERT/FIELDCAST_TLS_KEY (PEM) or FIELDCAST_TLS_KEYSTORE (PKCS#12).
EXPOSE 8443 8080
# payara/start execs the JVM, so docker stop's SIGTERM reaches Payara, which stops every ffmpeg.
ENTRYPOINT ["payara/start", "target/fieldcast.war"]
