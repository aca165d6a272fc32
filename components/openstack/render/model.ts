/**
 * Plain-data inputs of the LB-pair renderers. The component builds one LbRenderInput per LB
 * (inside `apply`, once addresses and the secret are known), parses it once with planLbRender
 * (plan.ts) and calls the renderers with the plan; the real-tool tests and the network-namespace
 * failover test do the same.
 */

import type { TimingProfileName } from "./timing";

/** The timing profile names are listed once, in timing.ts. */
export type { TimingProfileName };

export interface LbPeer {
  /** Logical name, e.g. `prod-api-lb-1`. */
  readonly name: string;
  /** The LB's own fixed IP on the subnet (unicast_src_ip / unicast_peer). */
  readonly address: string;
  /** VRRP priority, distinct per LB; every LB starts in state BACKUP. */
  readonly priority: number;
}

export interface ApiServer {
  /** Node name, e.g. `prod-cp-1` (HAProxy's server name). */
  readonly name: string;
  /** The node's address on the VIP's subnet. */
  readonly address: string;
}

export interface LbRenderInput {
  /** Cluster name, used in instance/section names. DNS label. */
  readonly clusterName: string;
  /** The API VIP (IPv4, no prefix). */
  readonly vip: string;
  /** Network interface that carries the VIP on the LB (the image's NIC name, e.g. `ens3`). */
  readonly interfaceName: string;
  /** VRRP virtual_router_id, 1..255, unique per L2 network. */
  readonly virtualRouterId: number;
  /** This LB. */
  readonly self: LbPeer;
  /** The other LBs of the pair (unicast peers). */
  readonly peers: readonly LbPeer[];
  /** Control-plane API servers behind HAProxy. */
  readonly apiServers: readonly ApiServer[];
  /** Port of the API servers and of the HAProxy frontend. @default 6443 */
  readonly apiPort: number;
  readonly timing: TimingProfileName;
  /**
   * VRRPv2 PASS authentication secret, or undefined for VRRPv3 without authentication
   * (keepalived supports no auth with version 3). Must be 1..8 characters `[A-Za-z0-9]` (VRRP PASS
   * carries 8 bytes; generate it with RandomPassword `{ length: 8, special: false }`). VRRPv2 only
   * allows whole-second adverts, so the fast profile's sub-second advert becomes 1 s with a password.
   */
  readonly authPassword?: string;
  /** Unprivileged user that runs the check script (keepalived `script_user`). @default "keepalived_script" */
  readonly scriptUser: string;
  /**
   * File locations on the LB. Only tests override them (two LBs sharing one filesystem in network
   * namespaces); instances use the defaults of `DEFAULT_LB_PATHS`.
   */
  readonly paths?: Partial<LbPaths>;
}

/** Where the generated files live on an LB, and the sockets HAProxy opens. */
export interface LbPaths {
  /** @default "/etc/keepalived/keepalived.conf" */
  readonly keepalivedConf: string;
  /** @default "/etc/haproxy/haproxy.cfg" */
  readonly haproxyCfg: string;
  /** @default "/etc/keepalived/check_haproxy_frontend.sh" */
  readonly checkScript: string;
  /** HAProxy admin stats socket. @default "/run/haproxy/admin.sock" */
  readonly haproxyStatsSocket: string;
  /** HAProxy binary, as it appears in the process command line keepalived tracks. @default "/usr/sbin/haproxy" */
  readonly haproxyBinary: string;
  /** HAProxy chroot directory, or "" for none. @default "/var/lib/haproxy" */
  readonly haproxyChroot: string;
  /** HAProxy master's pid file (`-p`, part of the rendered command line). @default "/run/haproxy.pid" */
  readonly haproxyPidFile: string;
  /** HAProxy master CLI socket (`-S`, part of the rendered command line). @default "/run/haproxy-master.sock" */
  readonly haproxyMasterSocket: string;
  /** The process-feed probe keepalived's drop-in runs first. @default "/etc/keepalived/failover-stacks/process-feed-probe.py" */
  readonly processFeedProbe: string;
  /** Where the tracker's keepalived.conf fragments are shipped. @default "/etc/keepalived/failover-stacks" */
  readonly trackProcessSourceDir: string;
  /** Where the probe activates them (keepalived.conf includes from here). @default "/run/keepalived-failover-stacks" */
  readonly trackProcessActiveDir: string;
}
