#!/usr/bin/env bash
# Bounded egress probe loop, run inside the worker namespace by the egress test and the benchmark:
#   probe.sh URL OUT_FILE STOP_FILE MAX_SECONDS [INTERVAL_SECONDS] [TIMEOUT_SECONDS]
# Appends "<epoch seconds with microseconds> <answer or FAIL>" per request until STOP_FILE exists
# or MAX_SECONDS have passed. The answer is the source address the server saw.
set -euo pipefail

readonly URL=${1:?url} OUT=${2:?output file} STOP=${3:?stop file} MAX=${4:?max seconds}
readonly INTERVAL=${5:-0.02} TIMEOUT=${6:-0.5}

deadline=$((SECONDS + MAX))
: >"$OUT"
while [[ ! -e $STOP ]] && ((SECONDS < deadline)); do
  started=$EPOCHREALTIME
  answer=$(curl -fsS --max-time "$TIMEOUT" "$URL" 2>/dev/null) || answer=FAIL
  printf '%s %s\n' "$started" "${answer:-FAIL}" >>"$OUT"
  sleep "$INTERVAL"
done
