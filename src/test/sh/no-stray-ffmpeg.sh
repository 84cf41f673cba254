#!/usr/bin/env bash
# Lists ffmpeg processes whose parent is gone (re-parented to init): leaks of an earlier run.
# Exit 1 if any is found.
strays=$(ps -eo pid=,ppid=,comm= | awk '$3 == "ffmpeg" && $2 == 1 {print $1}')
if [ -n "$strays" ]; then
  echo "Orphaned ffmpeg processes: $strays" >&2
  exit 1
fi
