#!/usr/bin/env bash
# What the integration tests need on this machine, installed or started when missing:
# ffmpeg, Debian's chromium and chromedriver, GStreamer's RTSP server (a second RTSP server we did
# not write), fonts, iproute2/iptables (network namespaces), Node.js and npm (a strict HLS playlist
# parser, src/test/sh/hls-parser.sh), and a PostgreSQL on 127.0.0.1:5432.
# Runs in Maven's pre-integration-test phase; safe to run again (it only acts on what is missing).
set -euo pipefail
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

missing=()
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || missing+=(ffmpeg)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
/usr/bin/python3 -c 'import gi; gi.require_version("GstRtspServer", "1.0"); from gi.repository import GstRtspServer' 2>/dev/null \
  || missing+=(gstreamer1.0-rtsp gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly gstreamer1.0-tools)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v ip >/dev/null || missing+=(iproute2)
command -v iptables >/dev/null || missing+=(iptables)
command -v curl >/dev/null || missing+=(curl)
command -v pg_isready >/dev/null || missing+=(postgresql)
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "The integration tests need these Debian packages: ${missing[*]}" >&2
    echo "Install them (as root: apt-get install ${missing[*]}) and run the tests again." >&2
    exit 1
  fi
  echo "Installing test prerequisites: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL on 127.0.0.1:5432 with trust authentication for local test databases.
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)"
  if [ -z "$version" ]; then
    echo "PostgreSQL is installed but has no cluster; create one with pg_createcluster." >&2
    exit 1
  fi
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! grep -q "fieldcast-tests" "$hba"; then
    # A cluster this script brought up: let the tests connect from loopback without a password.
    sed -i '1i host all all 127.0.0.1/32 trust # fieldcast-tests\nhost all all ::1/128 trust # fieldcast-tests' "$hba"
  fi
  echo "Starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432
fi

# No ffmpeg left over from an earlier, interrupted run may skew the process checks.
"$project/src/test/sh/no-stray-ffmpeg.sh" || true
