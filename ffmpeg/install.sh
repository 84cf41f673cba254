#!/usr/bin/env bash
# Installs FFmpeg (ffmpeg and ffprobe) from the distribution's packages on Debian or Ubuntu, plus the
# DejaVu font the simulated cameras draw their names with. Elsewhere it says what to install.
set -euo pipefail
if command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "Fieldcast needs FFmpeg 5 or newer (ffmpeg and ffprobe) on the PATH, or FIELDCAST_FFMPEG_PATH set to" >&2
  echo "the directory holding them. Install it with your system's package manager (https://ffmpeg.org/download.html)." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "Run as root, or install sudo, to install ffmpeg: apt-get install ffmpeg" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing ffmpeg from the distribution's packages..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends ffmpeg fonts-dejavu-core >/dev/null
ffmpeg -hide_banner -version | head -1
