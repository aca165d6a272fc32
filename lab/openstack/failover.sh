#!/bin/bash
# Real failover test of the generated LB files, in network namespaces.
#
#   failover.sh run     WORKDIR PREFIX   build the topology, run every scenario, clean up
#   failover.sh cleanup WORKDIR PREFIX   remove what a killed run left behind (idempotent)
#   failover.sh up      WORKDIR PREFIX   topology and daemons only, for debugging by hand
#   failover.sh bench   WORKDIR PREFIX   the benchmark: BENCH_REPS rounds of BENCH_SCENARIOS under a
#                                        steady client load (load-client.py), never aborting on a check
#   failover.sh soak    WORKDIR PREFIX   the benchmark's idle soak: BENCH_SOAK_SECONDS under CPU load
#
# Optional environment (defaults are the generated configuration's; the benchmark also runs the
# hand-built baseline through them): FAILOVER_BACKEND, FAILOVER_UNREADY_SERVER (HAProxy names),
# FAILOVER_VIP_PREFIX, FAILOVER_WAIT (bound of each failover wait, s), FAILOVER_REJOIN_PATTERN and
# FAILOVER_HAPROXY_BACK_PATTERN (keepalived log lines that mean "healthy again"),
# FAILOVER_READINESS_WAIT, FAILOVER_HOLDER_LOG (file: every change of VIP holders, timestamped), FAILOVER_SAMPLER_MAX.
# FAILOVER_KEEPALIVED_CONTEXT: "namespace" (default: keepalived --namespace, process events as on an
# instance) or "netns-exec" (keepalived and the probe under `ip netns exec`: no process events).
# FAILOVER_HAPROXY_CMDLINE: "rendered" (default: lbN/haproxy.argv, the drop-in's ExecStart) or
# "other" (the same files, arguments in another order: what another unit file would start).
# FAILOVER_SCENARIOS: the scenarios of `run` (default all but sampler_selftest). FAILOVER_PHASE_SPREAD: each fault waits
# a uniformly random 0..SPREAD s first (default 1, a whole number of every profile's advert
# intervals), so faults land at a random phase of the advert cycle, the same way for every config.
# BENCH_NET_LOSS / BENCH_NET_DELAY_MS / BENCH_NET_JITTER_MS: the soak's emulated network (VRRP
# leaving each LB goes through an NFQUEUE consumer, netem-queue.py; there is no sch_netem).
#
# WORKDIR holds lb1/ and lb2/ with the rendered keepalived.conf, haproxy.cfg and check.sh (paths
# inside them already point there). PREFIX (fsos-...) names every namespace. Addresses are from
# 192.0.2.0/24 only. Output lines the test parses:
#   CHECK <name> ok|fail <detail>      MEASURE <name> <seconds>
# Only processes started here are ever signalled: their PIDs are kept in WORKDIR/pids.
set -euo pipefail

readonly VIP=192.0.2.10
readonly PREFIX_LEN=24
readonly PORT=6443
readonly IFACE=ens3
readonly BACKEND=${FAILOVER_BACKEND:-kube_apiserver}
readonly UNREADY_SERVER=${FAILOVER_UNREADY_SERVER:-cp-2}
readonly VIP_PREFIX=${FAILOVER_VIP_PREFIX:-32}
readonly WAIT=${FAILOVER_WAIT:-10}
readonly REJOIN_PATTERN=${FAILOVER_REJOIN_PATTERN:-Entering BACKUP STATE}
readonly HAPROXY_BACK_PATTERN=${FAILOVER_HAPROXY_BACK_PATTERN:-Entering BACKUP STATE}
readonly HOLDER_LOG=${FAILOVER_HOLDER_LOG:-}
readonly SAMPLER_MAX=${FAILOVER_SAMPLER_MAX:-3000}
readonly READINESS_WAIT=${FAILOVER_READINESS_WAIT:-10}
readonly KEEPALIVED_CONTEXT=${FAILOVER_KEEPALIVED_CONTEXT:-namespace}
readonly HAPROXY_CMDLINE=${FAILOVER_HAPROXY_CMDLINE:-rendered}
readonly PHASE_SPREAD=${FAILOVER_PHASE_SPREAD:-1}
readonly LBS=(lb1 lb2)
readonly APIS=(api1 api2 api3)
HELD=()
declare -A ADDRESS=([lb1]=192.0.2.11 [lb2]=192.0.2.12 [api1]=192.0.2.21 [api2]=192.0.2.22 [api3]=192.0.2.23 [client]=192.0.2.50)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly HERE

mode=${1:?mode run|cleanup}
workdir=${2:?workdir}
prefix=${3:?namespace prefix}
[[ $prefix == fsos-* ]] || { echo "prefix must start with fsos-" >&2; exit 2; }
pids_file=$workdir/pids
failures=0

ns() { echo "$prefix-$1"; }
in_ns() { local node=$1; shift; ip netns exec "$(ns "$node")" "$@"; }
now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
log() { echo "# $*"; }

check() { # name ok|fail detail...
  local name=$1 result=$2; shift 2
  echo "CHECK $name $result $*"
  if [[ $result != ok ]]; then failures=$((failures + 1)); fi
}

track_pid() { echo "$1" >>"$pids_file"; }

# Children first, then the process itself; only PIDs recorded in $pids_file reach here.
kill_tree() {
  local signal=$1 pid=$2 child
  for child in $(pgrep -P "$pid" 2>/dev/null || true); do kill_tree "$signal" "$child"; done
  kill "-$signal" "$pid" 2>/dev/null || true
}

# A process and all its descendants, parents first.
tree_pids() {
  local child
  echo "$1"
  for child in $(pgrep -P "$1" 2>/dev/null || true); do tree_pids "$child"; done
}

wait_gone() { # pid... (bounded: 5 s each)
  local pid tries
  for pid in "$@"; do
    tries=100
    while ((tries-- > 0)) && kill -0 "$pid" 2>/dev/null && [[ $(ps -o stat= -p "$pid") != Z* ]]; do sleep 0.05; done
  done
}

cleanup() {
  set +e
  if [[ -f $pids_file ]]; then touch "$workdir/sampler.stop"; fi
  local pid name tries all=()
  if [[ -f $pids_file ]]; then
    while read -r pid; do
      # A recorded PID that exited may have been reused: only a process whose command line
      # names our workdir is still ours (its descendants are ours by ancestry).
      if [[ -n $pid ]] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$workdir"; then
        mapfile -t -O "${#all[@]}" all < <(tree_pids "$pid")
      fi
    done <"$pids_file"
    for pid in "${all[@]}"; do kill -KILL "$pid" 2>/dev/null; done
    wait_gone "${all[@]}"
  fi
  for name in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    [[ $name == "$prefix"-* ]] || continue
    # A namespace stays busy while a just-killed process still pins it: retry briefly.
    for ((tries = 0; tries < 20; tries++)); do
      ip netns delete "$name" 2>/dev/null && break
      sleep 0.1
    done
  done
  # keepalived --namespace keeps its pid directory per namespace here.
  rm -rf "/run/keepalived/$prefix"-*
}

# --- topology: one switch namespace with a bridge, every node on it through a veth -------------

build_topology() {
  ip netns add "$(ns sw)"
  in_ns sw ip link add br0 type bridge
  in_ns sw ip link set br0 up
  local node
  for node in "${LBS[@]}" "${APIS[@]}" client; do
    ip netns add "$(ns "$node")"
    ip link add "$IFACE" netns "$(ns "$node")" type veth peer name "$node" netns "$(ns sw)"
    in_ns sw ip link set "$node" master br0 up
    in_ns "$node" ip link set lo up
    in_ns "$node" ip addr add "${ADDRESS[$node]}/$PREFIX_LEN" dev "$IFACE"
    in_ns "$node" ip link set "$IFACE" up
  done
  for node in "${LBS[@]}"; do
    # What the cloud-init sysctl file does on an instance: HAProxy binds the VIP on the backup too.
    in_ns "$node" sysctl -qw net.ipv4.ip_nonlocal_bind=1
  done
}

start_api_servers() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=fsos-apiserver" \
    -keyout "$workdir/api.key" -out "$workdir/api.crt" 2>/dev/null
  local node
  for node in "${APIS[@]}"; do
    in_ns "$node" python3 "$HERE/api-server.py" "cp-${node#api}" "${ADDRESS[$node]}" "$PORT" \
      "$workdir/api.crt" "$workdir/api.key" "$workdir/$node.unready" >"$workdir/$node.log" 2>&1 &
    track_pid $!
  done
}

start_haproxy() { # lb
  local lb=$1 argv=()
  if [[ -f $workdir/$lb/haproxy.argv ]]; then mapfile -t argv <"$workdir/$lb/haproxy.argv"; else
    # Configurations without a rendered start-up (the benchmark's baseline): Debian's unit's line.
    argv=(/usr/sbin/haproxy -Ws -f "$workdir/$lb/haproxy.cfg" -p "$workdir/$lb/haproxy.pid" -S "$workdir/$lb/haproxy-master.sock")
  fi
  if [[ $HAPROXY_CMDLINE == other ]]; then
    # Same binary, files and mode, other argument order: what another distro's unit starts.
    argv=("${argv[0]}" -f "$workdir/$lb/haproxy.cfg" -Ws -p "$workdir/$lb/haproxy.pid" -S "$workdir/$lb/haproxy-master.sock")
  fi
  in_ns "$lb" "${argv[@]}" >>"$workdir/$lb/haproxy.log" 2>&1 &
  echo $! >"$workdir/$lb/haproxy.master"
  track_pid "$(cat "$workdir/$lb/haproxy.master")"
}

# The rendered keepalived drop-in's ExecStartPre, in keepalived's own context. Prints FEED lb on|off.
run_probe() { # lb
  local lb=$1 argv=() verdict
  [[ -f $workdir/$lb/probe.argv ]] || return 0
  mapfile -t argv <"$workdir/$lb/probe.argv"
  if [[ $KEEPALIVED_CONTEXT == netns-exec ]]; then verdict=$(in_ns "$lb" "${argv[@]}" 2>&1); else
    verdict=$("${argv[@]}" 2>&1)
  fi
  log "$lb probe: $verdict"
  if [[ $verdict == "process tracking on"* ]]; then echo "FEED $lb on"; else echo "FEED $lb off"; fi
}

start_keepalived() { # lb
  local lb=$1 run
  run=$(date +%s%N)
  run_probe "$lb"
  local args=(-n -l -D -P -f "$workdir/$lb/keepalived.conf"
    -p "$workdir/$lb/keepalived.pid" -r "$workdir/$lb/vrrp.pid" -c "$workdir/$lb/checkers.pid")
  if [[ $KEEPALIVED_CONTEXT == netns-exec ]]; then
    # Inside the namespace from the start: the process-event connector refuses to talk here.
    # (ip itself, not the in_ns function: ip execs keepalived, so $! is keepalived's PID.)
    ip netns exec "$(ns "$lb")" keepalived "${args[@]}" >"$workdir/$lb/keepalived.$run.log" 2>&1 &
  else
    # --namespace, not `ip netns exec`: keepalived then opens its process-event socket (kernel
    # connector, init namespace only) before entering the LB's namespace, as on a real instance.
    keepalived --namespace "$(ns "$lb")" "${args[@]}" >"$workdir/$lb/keepalived.$run.log" 2>&1 &
  fi
  echo $! >"$workdir/$lb/keepalived.main"
  track_pid "$(cat "$workdir/$lb/keepalived.main")"
  ln -sf "keepalived.$run.log" "$workdir/$lb/keepalived.log"
}

# --- observations ---------------------------------------------------------------------------------

# LBs whose admin-up interface carries the VIP (a link set down isolates its stale address), into
# the array HELD. No subshell per call: the sampler runs it every ~50 ms.
collect_holders() {
  local lb
  HELD=()
  for lb in "${LBS[@]}"; do
    if holds_vip "$lb"; then HELD+=("$lb"); fi
  done
}

# Does LB $1's admin-up interface carry the VIP? One `ip -n` process, a few milliseconds.
holds_vip() {
  [[ $(ip -n "$prefix-$1" -4 -o addr show dev "$IFACE" up 2>/dev/null) == *" $VIP/"* ]]
}

holders() {
  collect_holders
  echo "${HELD[*]}"
}

# The one LB holding the VIP, or a failed check (and status 1) for scenario $1.
sole_holder() {
  collect_holders
  if ((${#HELD[@]} == 1)); then echo "${HELD[0]}"; return 0; fi
  check "$1.start" fail "expected one VIP holder before the scenario, found '${HELD[*]}'" >&2
  return 1
}

other_lb() { if [[ $1 == lb1 ]]; then echo lb2; else echo lb1; fi; }

client_get() { in_ns client curl -k -s --max-time 1 "https://$VIP:$PORT/readyz"; }

# Waits (bounded) until the VIP is held by exactly $1; prints the seconds since $2.
wait_holder() { # lb since [timeout]
  local lb=$1 since=$2 tries=$((${3:-10} * 50))
  while ((tries-- > 0)); do
    if [[ $(holders) == "$lb" ]]; then elapsed "$since" "$(now)"; return 0; fi
    sleep 0.02
  done
  return 1
}

# Waits (bounded) for the first successful client request; prints the seconds since $1.
wait_client() { # since [timeout]
  local since=$1 deadline
  deadline=$(awk -v a="$(now)" -v t="${2:-10}" 'BEGIN { printf "%.0f", a + t }')
  while [[ ${EPOCHREALTIME%.*} -lt $deadline ]]; do
    if client_get | grep -q '^ok cp-'; then elapsed "$since" "$(now)"; return 0; fi
    sleep 0.02
  done
  return 1
}

log_count() { grep -c -- "$2" "$1" 2>/dev/null || true; }

# Waits (bounded) until $2 occurs in file $1 more than $3 times.
wait_log() { # file pattern count_before [timeout]
  local tries=$((${4:-10} * 20))
  while ((tries-- > 0)); do
    if (($(log_count "$1" "$2") > $3)); then return 0; fi
    sleep 0.05
  done
  return 1
}

server_status() { # lb server
  in_ns "$1" python3 "$HERE/haproxy-servers.py" "$workdir/$1/admin.sock" "$BACKEND" | awk -v s="$2" '$1 == s { print $2 }'
}

wait_server() { # lb server status since [timeout]
  # A deadline, not a try count: each stats query costs tens of milliseconds.
  local deadline
  deadline=$(awk -v a="$(now)" -v t="${5:-10}" 'BEGIN { printf "%.3f", a + t }')
  while awk -v n="$(now)" -v d="$deadline" 'BEGIN { exit !(n < d) }'; do
    if [[ $(server_status "$1" "$2") == "$3" ]]; then elapsed "$4" "$(now)"; return 0; fi
    sleep 0.02
  done
  return 1
}

# At most one LB holds the VIP at every sample (~50 ms apart) for the whole run.
start_sampler() {
  mkfifo "$workdir/sampler.fifo"
  (
    samples=0 violations=0 previous=unset
    echo "$EPOCHREALTIME" >"$workdir/sampler.started"
    for ((i = 0; i < SAMPLER_MAX; i++)); do
      [[ -f $workdir/sampler.stop ]] && break
      collect_holders
      samples=$((samples + 1))
      if [[ -n $HOLDER_LOG && ${HELD[*]} != "$previous" ]]; then
        previous=${HELD[*]}
        echo "$EPOCHREALTIME $previous" >>"$HOLDER_LOG"
      fi
      # The LBs are read one after another, so a handover between two reads looks like two
      # holders. Re-reading the first holder after the last read tells them apart: still holding
      # means both held the VIP when the last one was read.
      if ((${#HELD[@]} > 1)) && holds_vip "${HELD[0]}"; then
        violations=$((violations + 1))
        echo "$EPOCHREALTIME ${HELD[*]}" >>"$workdir/sampler.violations"
      fi
      echo "$samples $violations $EPOCHREALTIME" >"$workdir/sampler.count"
      # A builtin 40 ms pause (read timing out on an idle FIFO): no sleep process per sample.
      read -r -t 0.04 _ <>"$workdir/sampler.fifo" || true
    done
  ) &
  track_pid $!
  echo $! >"$workdir/sampler.pid"
}

# --- scenarios ------------------------------------------------------------------------------------

# A uniformly random 0..PHASE_SPREAD s pause before a fault: lands it at a random phase of the advert
# cycle (PHASE_SPREAD is a whole number of advert intervals of every profile, VRRPv2 included).
random_phase() { # scenario
  local pause
  pause=$(awk -v r="$RANDOM" -v s="$PHASE_SPREAD" 'BEGIN { printf "%.3f", r / 32768 * s }')
  echo "MARK $1.phase_pause $pause"
  sleep "$pause"
}

measure_failover() { # name since old_holder
  local name=$1 since=$2 old=$3 new moved recovered
  new=$(other_lb "$old")
  echo "MARK $name.fault $since"
  if moved=$(wait_holder "$new" "$since" "$WAIT"); then
    echo "MEASURE $name.vip_moved $moved"
    check "$name.vip_moved" ok "from $old to $new in ${moved}s"
  else
    check "$name.vip_moved" fail "VIP holders after $WAIT s: '$(holders)'"
  fi
  if recovered=$(wait_client "$since" "$WAIT"); then
    echo "MEASURE $name.client_recovered $recovered"
    check "$name.client_recovered" ok "in ${recovered}s"
  else
    check "$name.client_recovered" fail "no successful request within $WAIT s"
  fi
}

# Brings $1 back as a healthy BACKUP (the VIP stays where it is: nopreempt).
restore_keepalived() {
  local lb=$1
  start_keepalived "$lb"
  if wait_log "$workdir/$lb/keepalived.log" "$REJOIN_PATTERN" 0 10; then
    check "$lb.rejoined" ok "BACKUP again"
  else
    check "$lb.rejoined" fail "not BACKUP within 10 s"
  fi
}

scenario_reach() {
  local since=$1 tries=750 held body
  # nopreempt: the first election is a race between equal starters; exactly one must win.
  while ((tries-- > 0)); do
    read -r -a held <<<"$(holders)"
    if ((${#held[@]} == 1)); then break; fi
    sleep 0.02
  done
  if ((${#held[@]} == 1)); then
    echo "MEASURE initial.elected $(elapsed "$since" "$(now)")"
    check initial.elected ok "${held[0]} holds the VIP"
  else
    check initial.elected fail "holders after 15 s: '${held[*]}'"
    return 1
  fi
  if wait_client "$(now)" 10 >/dev/null && body=$(client_get); then
    check reach ok "client got '${body%%$'\n'*}' through $VIP:$PORT"
  else
    check reach fail "no answer through $VIP:$PORT"
    return 1
  fi
}

# Not in the default list: the sampler's own proof. The VIP is put by hand on the LB that does not
# hold it, for 1 s (about 20 samples), so `single_holder` must fail with two holders.
scenario_sampler_selftest() {
  local holder other
  holder=$(sole_holder "${FUNCNAME[0]#scenario_}") || return 1
  other=$(other_lb "$holder")
  ip -n "$prefix-$other" addr add "$VIP/32" dev "$IFACE"
  sleep 1
  ip -n "$prefix-$other" addr del "$VIP/32" dev "$IFACE"
}

scenario_graceful_stop() {
  local old t0 tree
  old=$(sole_holder "${FUNCNAME[0]#scenario_}") || return 1
  mapfile -t tree < <(tree_pids "$(cat "$workdir/$old/keepalived.main")")
  random_phase graceful_stop
  t0=$(now)
  kill -TERM "${tree[0]}"
  measure_failover graceful_stop "$t0" "$old"
  wait_gone "${tree[@]}"
  restore_keepalived "$old"
}

scenario_haproxy_death() {
  local old t0 before tree
  old=$(sole_holder "${FUNCNAME[0]#scenario_}") || return 1
  mapfile -t tree < <(tree_pids "$(cat "$workdir/$old/haproxy.master")")
  random_phase haproxy_death
  local log_file=$workdir/$old/keepalived.log quorum_before script_before
  quorum_before=$(log_count "$log_file" "Quorum lost for tracked process")
  script_before=$(log_count "$log_file" "Script(chk_haproxy_frontend) failed")
  t0=$(now)
  kill_tree KILL "${tree[0]}"
  measure_failover haproxy_death "$t0" "$old"
  # Who noticed: the process tracker, or the check script (where tracking is off).
  wait_log "$log_file" "Script(chk_haproxy_frontend) failed" "$script_before" 5 || true
  echo "NOTICED haproxy_death process=$(($(log_count "$log_file" "Quorum lost for tracked process") - quorum_before)) script=$(($(log_count "$log_file" "Script(chk_haproxy_frontend) failed") - script_before))"
  wait_gone "${tree[@]}"
  before=$(log_count "$workdir/$old/keepalived.log" "$HAPROXY_BACK_PATTERN")
  start_haproxy "$old"
  # fork_delay, then the check script's rise count, then BACKUP again.
  if wait_log "$workdir/$old/keepalived.log" "$HAPROXY_BACK_PATTERN" "$before" 15; then
    check "$old.haproxy_back" ok "BACKUP again after HAProxy restart"
  else
    check "$old.haproxy_back" fail "not BACKUP within 15 s of the HAProxy restart"
  fi
}

scenario_hard_failure() {
  local old t0 main tree
  old=$(sole_holder "${FUNCNAME[0]#scenario_}") || return 1
  main=$(cat "$workdir/$old/keepalived.main")
  mapfile -t tree < <(tree_pids "$main")
  random_phase hard_failure
  t0=$(now)
  # Link first, so no last advert escapes; then SIGKILL every keepalived process (no clean exit).
  in_ns "$old" ip link set "$IFACE" down
  kill_tree STOP "$main" # frozen first, so the parent cannot respawn a child or signal it
  kill_tree KILL "$main"
  measure_failover hard_failure "$t0" "$old"
  wait_gone "${tree[@]}"
  # The crashed node comes back clean, as after a reboot: stale VIP removed before its link
  # returns, stale pid files gone (an orphaned child may linger as a zombie until PID 1 reaps it,
  # and keepalived would take it for a running daemon).
  in_ns "$old" ip addr del "$VIP/$VIP_PREFIX" dev "$IFACE" 2>/dev/null || true
  rm -f "$workdir/$old/keepalived.pid" "$workdir/$old/vrrp.pid"
  in_ns "$old" ip link set "$IFACE" up
  restore_keepalived "$old"
}

scenario_readiness() {
  local lb t0 out back hits
  lb=$(sole_holder readiness) || return 1
  t0=$(now)
  echo "MARK readiness.fault $t0"
  touch "$workdir/api2.unready"
  if out=$(wait_server "$lb" "$UNREADY_SERVER" DOWN "$t0" "$READINESS_WAIT"); then
    echo "MEASURE readiness.out_of_rotation $out"
    check readiness.out_of_rotation ok "cp-2 DOWN on $lb after ${out}s"
  else
    check readiness.out_of_rotation fail "$UNREADY_SERVER is '$(server_status "$lb" "$UNREADY_SERVER")' after $READINESS_WAIT s"
  fi
  hits=0
  for _ in 1 2 3 4 5 6 7 8 9; do
    if client_get | grep -q 'cp-2'; then hits=$((hits + 1)); fi
  done
  if ((hits == 0)); then check readiness.no_traffic ok "9 requests, none to cp-2"; else
    check readiness.no_traffic fail "$hits of 9 requests reached cp-2"
  fi
  t0=$(now)
  echo "MARK readiness.ready_again $t0"
  rm -f "$workdir/api2.unready"
  if back=$(wait_server "$lb" "$UNREADY_SERVER" UP "$t0" 15); then
    echo "MEASURE readiness.back_in_rotation $back"
    check readiness.back_in_rotation ok "cp-2 UP again after ${back}s"
  else
    check readiness.back_in_rotation fail "$UNREADY_SERVER is '$(server_status "$lb" "$UNREADY_SERVER")' after 15 s"
  fi
  hits=0
  for _ in 1 2 3 4 5 6 7 8 9; do
    if client_get | grep -q 'ok cp-2'; then hits=$((hits + 1)); fi
  done
  if ((hits > 0)); then check readiness.traffic_back ok "$hits of 9 requests to cp-2"; else
    check readiness.traffic_back fail "no request reached cp-2 after it recovered"
  fi
}

finish_sampler() {
  local stopped=$EPOCHREALTIME
  touch "$workdir/sampler.stop"
  wait_gone "$(cat "$workdir/sampler.pid")"
  local samples=0 violations=0 last started seconds
  started=$(cat "$workdir/sampler.started")
  last=$started
  if [[ -f $workdir/sampler.count ]]; then read -r samples violations last <"$workdir/sampler.count"; fi
  seconds=$(elapsed "$started" "$last")
  echo "MEASURE sampler.mean_interval $(awk -v s="$seconds" -v n="$samples" 'BEGIN { printf "%.3f", n ? s / n : 0 }')"
  # The sampler must have kept going until the end (its last sample within 1 s of the stop).
  if ((samples >= 40 && violations == 0)) && awk -v l="$last" -v n="$stopped" 'BEGIN { exit !(n - l < 1) }'; then
    check single_holder ok "$samples samples over ${seconds}s, never two holders"
  else
    check single_holder fail "$samples samples, $violations with two holders: $(head -3 "$workdir/sampler.violations" 2>/dev/null)"
  fi
}

dump_logs() {
  local file
  for file in "$workdir"/lb*/keepalived.*.log "$workdir"/lb*/haproxy.log; do
    log "--- $file"
    tail -n 25 "$file" | sed 's/^/#   /'
  done
}

# Warnings keepalived logs at runtime (unsafe script, unknown keyword...) fail the run too.
check_logs() {
  local lb problems
  for lb in "${LBS[@]}"; do
    # keepalived waits only 0.1 s for the connector's first answer and prints this warning when a
    # loaded host answers later, though events then arrive (the probe checked the feed itself, and
    # the test checks that the tracker saw HAProxy die): the one warning not taken as a failure.
    problems=$(cat "$workdir/$lb"/keepalived.*.log | grep -v "WARNING - the kernel does not support proc events - track_process will not work" |
      grep -iE "warning|notice|unknown keyword|unsafe|disabling|error" || true)
    if [[ -z $problems ]]; then check "$lb.keepalived_log" ok "no warnings"; else
      check "$lb.keepalived_log" fail "$(head -3 <<<"$problems")"
    fi
  done
}

run() {
  # Without a working pair the later scenarios would only repeat the same failure.
  start_pair || return 1
  local scenario
  for scenario in ${FAILOVER_SCENARIOS:-graceful_stop haproxy_death hard_failure readiness}; do
    if ! "scenario_$scenario"; then
      dump_logs
      return 1
    fi
  done
  finish_sampler
  check_logs
  if ((failures > 0)); then dump_logs; fi
  log "failures: $failures"
  ((failures == 0))
}

# --- benchmark modes ------------------------------------------------------------------------------

# After a scenario: a pause (the configuration's own recovery, e.g. a check's rise count), then
# one VIP holder and a client that gets through. Prints MARK <scenario>.settled.
bench_settle() { # scenario
  sleep "${BENCH_SETTLE:-2}"
  local tries=300
  while ((tries-- > 0)); do
    collect_holders
    if ((${#HELD[@]} == 1)) && client_get | grep -q '^ok cp-'; then
      echo "MARK $1.settled $(now)"
      return 0
    fi
    sleep 0.1
  done
  check "$1.settled" fail "holders '$(holders)' and no client success 30 s after the scenario"
  return 1
}

start_load() {
  in_ns client python3 "$HERE/load-client.py" "$VIP" "$PORT" "${BENCH_LOAD_RATE:-20}" \
    "${BENCH_LOAD_MAX:-3600}" "$workdir/load.log" "$workdir/load.stop" &
  track_pid $!
  echo $! >"$workdir/load.pid"
}

stop_load() {
  touch "$workdir/load.stop"
  wait_gone "$(cat "$workdir/load.pid")"
}

# Topology, API servers, HAProxy, keepalived and the sampler; then one elected holder the client
# reaches (and, with "settle", a settled pair). Dumps the logs and fails otherwise.
start_pair() { # [settle]
  trap cleanup EXIT
  trap 'exit 143' INT TERM # exit runs the EXIT trap
  cleanup
  : >"$pids_file"
  rm -f "$workdir"/sampler.* "$workdir"/load.*
  build_topology
  start_api_servers
  local lb t0
  for lb in "${LBS[@]}"; do start_haproxy "$lb"; done
  sleep 0.5
  t0=$(now)
  for lb in "${LBS[@]}"; do start_keepalived "$lb"; done
  start_sampler
  if ! scenario_reach "$t0" || { [[ ${1:-} == settle ]] && ! bench_settle initial; }; then
    dump_logs
    return 1
  fi
}

# BENCH_REPS rounds of BENCH_SCENARIOS under the load; a failed check is reported, not fatal,
# unless the pair has no single holder left to fail over from.
bench() {
  start_pair settle || return 1
  start_load
  local rep scenario
  for ((rep = 1; rep <= ${BENCH_REPS:-5}; rep++)); do
    echo "REP $rep"
    for scenario in ${BENCH_SCENARIOS:-graceful_stop hard_failure haproxy_death readiness}; do
      if ! "scenario_$scenario" || ! bench_settle "$scenario"; then
        dump_logs
        return 1
      fi
    done
  done
  stop_load
  finish_sampler
  log "failures: $failures"
}

masters() { cat "$workdir"/lb*/keepalived.*.log | grep -c "Entering MASTER STATE" || true; }

# Idle pair for BENCH_SOAK_SECONDS with BENCH_SOAK_BURNERS busy loops (bounded by timeout; their
# command line names the workdir, so cleanup finds them): every MASTER transition is spurious.
# The emulated network of the soak: every VRRP packet an LB sends goes through NFQUEUE 0 to
# netem-queue.py (independent loss, uniform delay ± jitter). This kernel has neither sch_netem nor
# nft's `queue` expression, so the rule is iptables' NFQUEUE target (iptables-nft: nftables with the
# xt compat target).
start_netem() {
  local lb
  for lb in "${LBS[@]}"; do
    in_ns "$lb" python3 "$HERE/netem-queue.py" 0 "${BENCH_NET_LOSS:-0}" "${BENCH_NET_DELAY_MS:-0}" \
      "${BENCH_NET_JITTER_MS:-0}" "$workdir/$lb/netem.stats" "$workdir/netem.stop" >"$workdir/$lb/netem.log" 2>&1 &
    track_pid $!
  done
  # A queue nobody has bound drops what is queued: add the rules only once both consumers are bound.
  local tries=200
  while ((tries-- > 0)) && ! [[ -f $workdir/lb1/netem.stats && -f $workdir/lb2/netem.stats ]]; do sleep 0.05; done
  if ((tries < 0)); then
    check soak.netem fail "queue consumers not bound after 10 s: $(tail -3 "$workdir"/lb*/netem.log)"
    return 1
  fi
  for lb in "${LBS[@]}"; do in_ns "$lb" iptables -A OUTPUT -p 112 -j NFQUEUE --queue-num 0; done
  log "netem: VRRP loss ${BENCH_NET_LOSS:-0}, delay ${BENCH_NET_DELAY_MS:-0} ± ${BENCH_NET_JITTER_MS:-0} ms"
}

# Prints what the queue consumers did: MEASURE soak.net_<lb>_{seen,dropped,mean_delay_ms}.
stop_netem() {
  local lb seen dropped accepted mean late
  for lb in "${LBS[@]}"; do in_ns "$lb" iptables -D OUTPUT -p 112 -j NFQUEUE --queue-num 0 || true; done
  sleep 1.2 # one more stats write
  touch "$workdir/netem.stop"
  for lb in "${LBS[@]}"; do
    if read -r seen dropped accepted mean late <"$workdir/$lb/netem.stats"; then
      echo "MEASURE soak.net_${lb}_seen $seen"
      echo "MEASURE soak.net_${lb}_dropped $dropped"
      echo "MEASURE soak.net_${lb}_mean_delay_ms $mean"
      echo "MEASURE soak.net_${lb}_max_lateness_ms $late"
      log "netem $lb: $accepted accepted"
    else
      check "soak.netem_$lb" fail "no statistics from the queue consumer: $(tail -3 "$workdir/$lb/netem.log")"
    fi
  done
}

soak() {
  start_pair settle || return 1
  local seconds=${BENCH_SOAK_SECONDS:-600} before i burners=() netem=
  if [[ -n ${BENCH_NET_LOSS:-}${BENCH_NET_DELAY_MS:-} ]]; then netem=1; start_netem || return 1; fi
  before=$(masters)
  echo "MARK soak.start $(now)"
  for ((i = 0; i < ${BENCH_SOAK_BURNERS:-2}; i++)); do
    timeout "$seconds" sh -c 'while :; do :; done' "$workdir/burner" &
    track_pid $!
    burners+=($!)
  done
  sleep "$seconds"
  echo "MARK soak.end $(now)"
  for i in "${burners[@]}"; do kill_tree KILL "$i"; done
  wait_gone "${burners[@]}"
  echo "MEASURE soak.master_transitions $(($(masters) - before))"
  # Every MASTER transition with its keepalived log context, so a spurious one can be explained.
  grep -h -B3 "Entering MASTER STATE" "$workdir"/lb*/keepalived.*.log | sed 's/^/# soak: /' || true
  if [[ -n $netem ]]; then stop_netem; fi
  finish_sampler
  log "failures: $failures"
}

# Topology and daemons only, left running for manual inspection (`cleanup` removes them).
up() {
  cleanup
  : >"$pids_file"
  build_topology
  start_api_servers
  local lb
  for lb in "${LBS[@]}"; do start_haproxy "$lb"; done
  for lb in "${LBS[@]}"; do start_keepalived "$lb"; done
}

case $mode in
  run) run ;;
  up) up ;;
  bench) bench ;;
  soak) soak ;;
  cleanup) cleanup ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
