/**
 * The "hand-built" LB pair the VIP benchmark compares against: the configuration of the well-known
 * on-premises guide (a provider's blog post on three Kubernetes control-plane nodes behind a
 * keepalived + HAProxy pair on OpenStack; see ../../../shared/seeds/README.md). Written here from
 * its parameters, not copied:
 *
 * - keepalived: `vrrp_script` interval 3, weight -2, fall 10, rise 2; priorities 101/100 with the
 *   first node in `state MASTER`; multicast VRRPv2; `auth_type PASS`;
 * - the check script: a TCP probe of localhost:6443 (3 s timeout), and on the VIP holder an HTTPS
 *   probe of the VIP;
 * - haproxy: TCP frontend on :6443, a backend with `option httpchk GET /healthz` followed by
 *   `option ssl-hello-chk` (the last option wins, so the HTTP check is silently off), 20 s client and
 *   server timeouts.
 *
 * Only addresses, interface names and file paths are parameters, as for the generated configuration.
 */
export interface HandBuiltParams {
  readonly vip: string;
  readonly vipPrefix: number;
  readonly interfaceName: string;
  /** 0 for the first LB (MASTER, priority 101), 1 for the second (BACKUP, priority 100). */
  readonly index: 0 | 1;
  readonly apiServers: readonly string[];
  readonly checkScriptPath: string;
  /** The guide's check assumes a fixed VRRP password; the benchmark uses a test-only one. */
  readonly authPass: string;
}

export function handBuiltKeepalivedConf(p: HandBuiltParams): string {
  return [
    "global_defs {",
    "    router_id BENCH_HANDBUILT",
    "}",
    "",
    "vrrp_script check_haproxy {",
    `  script "${p.checkScriptPath}"`,
    "  interval 3",
    "  weight -2",
    "  fall 10",
    "  rise 2",
    "}",
    "",
    "vrrp_instance VI_1 {",
    `    state ${p.index === 0 ? "MASTER" : "BACKUP"}`,
    `    interface ${p.interfaceName}`,
    "    virtual_router_id 51",
    `    priority ${p.index === 0 ? 101 : 100}`,
    "    authentication {",
    "        auth_type PASS",
    `        auth_pass ${p.authPass}`,
    "    }",
    "    virtual_ipaddress {",
    `        ${p.vip}/${p.vipPrefix}`,
    "    }",
    "    track_script {",
    "        check_haproxy",
    "    }",
    "}",
    "",
  ].join("\n");
}

export function handBuiltCheckScript(p: Pick<HandBuiltParams, "vip">): string {
  return [
    "#!/bin/sh",
    `VIP=${p.vip}`,
    "if ! nc -z -w 3 localhost 6443; then",
    '  echo "Port 6443 is not available." 1>&2',
    "  exit 1",
    "fi",
    'if ip address show secondary | grep -q "$VIP"; then',
    '  if ! curl --silent --max-time 2 --insecure "https://$VIP:6443/" -o /dev/null; then',
    '    echo "https://$VIP:6443/ is not available." 1>&2',
    "    exit 1",
    "  fi",
    "fi",
    "",
  ].join("\n");
}

export function handBuiltHaproxyCfg(
  p: Pick<HandBuiltParams, "apiServers"> & { pidFile: string; socket: string },
): string {
  return [
    "global",
    "    daemon",
    `    pidfile ${p.pidFile}`,
    `    stats socket ${p.socket} mode 600 level admin`,
    "",
    "defaults",
    "    mode http",
    "    option redispatch",
    "    retries 1",
    "    timeout http-request 10s",
    "    timeout queue 20s",
    "    timeout connect 5s",
    "    timeout client 20s",
    "    timeout server 20s",
    "    timeout http-keep-alive 10s",
    "    timeout check 10s",
    "",
    "frontend apiserver",
    "    bind *:6443",
    "    mode tcp",
    "    default_backend apiserver",
    "",
    "backend apiserver",
    "    option httpchk GET /healthz",
    "    http-check expect status 200",
    "    mode tcp",
    "    option ssl-hello-chk",
    "    balance roundrobin",
    ...p.apiServers.map((address, i) => `    server api-server${i + 1} ${address}:6443 check`),
    "",
  ].join("\n");
}
