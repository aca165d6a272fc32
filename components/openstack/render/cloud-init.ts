/**
 * The full `#cloud-config` user-data of one LB: packages, the non-local bind sysctl, the script
 * user, the three generated files and the service (re)starts. Built as an object and serialised
 * with `yaml`, never by string concatenation.
 *
 * The generated files are written with `defer: true` (after package installation), so the
 * packages' own default configs never overwrite them; `runcmd` then restarts HAProxy before
 * keepalived, so the VIP is only claimed once the frontend is up. Systemd drop-ins restart a
 * crashed keepalived, pin HAProxy's command line to the tracked one and run the process-feed
 * probe before keepalived (process-feed.ts). Needs keepalived ≥ 2.2 (`max_auto_priority`, fractional `advert_int`
 * with VRRPv3, `vrrp_track_process`), e.g. Debian 12 or Ubuntu 22.04 and later.
 */
import { stringify } from "yaml";
import { renderCheckScript } from "./check-script";
import { renderHaproxyCfg } from "./haproxy";
import { renderKeepalivedConf } from "./keepalived";
import type { LbRenderPlan } from "./plan";
import {
  HAPROXY_EXEC_DROP_IN,
  KEEPALIVED_FEED_DROP_IN,
  PROCESS_FEED_PROBE,
  renderHaproxyExecDropIn,
  renderKeepalivedFeedDropIn,
  renderTrackProcessFragments,
  TRACK_DEFINITION_FILE,
  TRACK_REFERENCE_FILE,
} from "./process-feed";

export const NONLOCAL_BIND_SYSCTL_FILE = "/etc/sysctl.d/90-failover-stacks-nonlocal-bind.conf";
/** Debian's keepalived unit has no Restart=; HAProxy's has `Restart=always` already. */
export const KEEPALIVED_RESTART_DROP_IN =
  "/etc/systemd/system/keepalived.service.d/90-failover-stacks-restart.conf";

const KEEPALIVED_RESTART_UNIT = [
  "# A crashed keepalived comes back (its peer holds the VIP meanwhile).",
  "[Service]",
  "Restart=on-failure",
  "RestartSec=2s",
  "",
].join("\n");

/** `#cloud-config` user-data text for `plan.self`. Carries the VRRP password when one is set: keep it secret. */
export function renderLbCloudInit(plan: LbRenderPlan): string {
  const { paths } = plan;
  const fragments = renderTrackProcessFragments(plan);
  const rootFile = (path: string, content: string, permissions = "0644") => ({
    path,
    permissions,
    owner: "root:root",
    content,
    defer: true,
  });
  const config = {
    package_update: true,
    // socat: the runbook reads HAProxy's stats socket with it.
    packages: ["keepalived", "haproxy", "socat"],
    users: [
      "default",
      {
        name: plan.scriptUser,
        system: true,
        no_create_home: true,
        lock_passwd: true,
        shell: "/usr/sbin/nologin",
      },
    ],
    write_files: [
      {
        path: NONLOCAL_BIND_SYSCTL_FILE,
        permissions: "0644",
        owner: "root:root",
        content: "# HAProxy binds the VIP before this LB holds it.\nnet.ipv4.ip_nonlocal_bind = 1\n",
      },
      {
        path: paths.haproxyCfg,
        permissions: "0644",
        owner: "root:root",
        content: renderHaproxyCfg(plan),
        defer: true,
      },
      {
        path: paths.checkScript,
        permissions: "0755",
        owner: "root:root",
        content: renderCheckScript(plan),
        defer: true,
      },
      rootFile(HAPROXY_EXEC_DROP_IN, renderHaproxyExecDropIn(plan)),
      rootFile(KEEPALIVED_FEED_DROP_IN, renderKeepalivedFeedDropIn(plan)),
      rootFile(paths.processFeedProbe, PROCESS_FEED_PROBE, "0755"),
      rootFile(`${paths.trackProcessSourceDir}/${TRACK_DEFINITION_FILE}`, fragments.definition),
      rootFile(`${paths.trackProcessSourceDir}/${TRACK_REFERENCE_FILE}`, fragments.reference),
      {
        path: KEEPALIVED_RESTART_DROP_IN,
        permissions: "0644",
        owner: "root:root",
        content: KEEPALIVED_RESTART_UNIT,
      },
      {
        // 0600: it may carry the VRRP password.
        path: paths.keepalivedConf,
        permissions: "0600",
        owner: "root:root",
        content: renderKeepalivedConf(plan),
        defer: true,
      },
    ],
    runcmd: [
      ["sysctl", "--load", NONLOCAL_BIND_SYSCTL_FILE],
      ["systemctl", "daemon-reload"],
      ["systemctl", "enable", "haproxy.service", "keepalived.service"],
      ["systemctl", "restart", "haproxy.service"],
      ["systemctl", "restart", "keepalived.service"],
    ],
  };
  return `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
}
