#!/usr/bin/env bash
# Egress test topology (documentation addresses only). Usage:
#   topology.sh up PREFIX STATE_DIR    build namespaces PREFIX-{vpc,wk,g1,g2,in} and start the servers
#   topology.sh down PREFIX STATE_DIR  stop the servers this script started, delete the namespaces
#
#   worker (PREFIX-wk)  vpc0 192.0.2.10/24 ---- bridge in PREFIX-vpc ---- vpc0 of g1 (.11) and g2 (.12)
#                       pub0 198.51.100.2/28 -- wk0 198.51.100.1/28 of the internet (its own public path)
#   gateways g1, g2     uplink 203.0.113.11/25, .12/25 -- bridge 203.0.113.1/25 in PREFIX-in
#   internet (PREFIX-in) whoami server (test-http.py) on :8080 for 203.0.113.200 (routed) and 198.51.100.100 (not)
# The gateways get no forwarding and no rules here: the generated NAT script provides them.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly HERE
readonly ACTION=${1:?up or down}
readonly PREFIX=${2:?namespace prefix, e.g. fsdo-e123}
readonly STATE=${3:?state directory}
[[ $PREFIX == fsdo-* ]] || { echo "prefix must start with fsdo-" >&2; exit 2; }

VPC=$PREFIX-vpc WK=$PREFIX-wk G1=$PREFIX-g1 G2=$PREFIX-g2 IN=$PREFIX-in
readonly VPC WK G1 G2 IN

# start NAMESPACE NAME COMMAND...: runs a server in the namespace, remembers its PID for `down`.
start() {
  local ns=$1 name=$2
  shift 2
  ip netns exec "$ns" "$@" >"$STATE/$name.log" 2>&1 &
  echo $! >"$STATE/$name.pid"
}

# wait_http NAMESPACE URL: bounded wait until a server answers.
wait_http() {
  local attempt
  for attempt in $(seq 1 50); do
    if ip netns exec "$1" curl -fs --max-time 1 -o /dev/null "$2"; then return 0; fi
    sleep 0.1
  done
  echo "server behind $2 did not answer after $attempt attempts" >&2
  return 1
}

up() {
  mkdir -p "$STATE"
  local ns
  for ns in "$VPC" "$WK" "$G1" "$G2" "$IN"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done
  ip -n "$VPC" link add br0 type bridge
  ip -n "$VPC" link set br0 up
  ip -n "$IN" link add br0 type bridge
  ip -n "$IN" link set br0 up
  ip -n "$IN" addr add 203.0.113.1/25 dev br0

  # VPC segment: worker and both gateways on one bridge.
  local host address
  for host in "$WK:192.0.2.10" "$G1:192.0.2.11" "$G2:192.0.2.12"; do
    ns=${host%%:*} address=${host#*:}
    ip link add vpc0 netns "$ns" type veth peer name "p${address##*.}" netns "$VPC"
    ip -n "$VPC" link set "p${address##*.}" master br0 up
    ip -n "$ns" addr add "$address/24" dev vpc0
    ip -n "$ns" link set vpc0 up
  done

  # Gateways' public side: named "uplink" on purpose, so nothing may assume eth0.
  for host in "$G1:203.0.113.11" "$G2:203.0.113.12"; do
    ns=${host%%:*} address=${host#*:}
    ip link add uplink netns "$ns" type veth peer name "u${address##*.}" netns "$IN"
    ip -n "$IN" link set "u${address##*.}" master br0 up
    ip -n "$ns" addr add "$address/25" dev uplink
    ip -n "$ns" link set uplink up
    ip -n "$ns" route add default via 203.0.113.1
  done

  # The worker's own public path (what an unrouted destination sees).
  ip link add pub0 netns "$WK" type veth peer name wk0 netns "$IN"
  ip -n "$WK" addr add 198.51.100.2/28 dev pub0
  ip -n "$WK" link set pub0 up
  ip -n "$IN" addr add 198.51.100.1/28 dev wk0
  ip -n "$IN" link set wk0 up
  ip -n "$WK" route add default via 198.51.100.1

  ip -n "$IN" addr add 203.0.113.200/32 dev lo
  ip -n "$IN" addr add 198.51.100.100/32 dev lo
  start "$IN" whoami python3 "$HERE/test-http.py" whoami 0.0.0.0 8080
  # A service on the worker's VPC address, the target of the "internet into the VPC" attempts.
  start "$WK" vpc-service python3 "$HERE/test-http.py" whoami 192.0.2.10 8081
  wait_http "$IN" http://198.51.100.100:8080/
  wait_http "$WK" http://192.0.2.10:8081/
}

down() {
  local pidfile pid ns
  for pidfile in "$STATE"/*.pid; do
    [[ -e $pidfile ]] || continue
    pid=$(<"$pidfile")
    kill "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  for ns in "$VPC" "$WK" "$G1" "$G2" "$IN"; do
    if ip netns list | grep -qw -- "$ns"; then ip netns del "$ns"; fi
  done
}

case $ACTION in
  up) up ;;
  down) down ;;
  *) echo "unknown action $ACTION" >&2; exit 2 ;;
esac
