/**
 * The full `#cloud-config` user-data of one LB: packages, the non-local bind sysctl, the script
 * user, the three generated files and the service (re)starts. Built as an object and serialised
 * with `yaml`, never by string concatenation.
 *
 * The files are written with `defer: true` (after package installation), so the packages' own
 * default configs never overwrite them and their owners exist; `runcmd` then restarts HAProxy
 * before keepalived, so the VIP is only claimed once the frontend is up.
 */
import { stringify } from "yaml";
import { renderCheckScript } from "./check-script";
import { renderHaproxyCfg } from "./haproxy";
import { checkLbRenderInput, lbPaths } from "./input";
import { renderKeepalivedConf } from "./keepalived";
import type { LbRenderInput } from "./model";

export const NONLOCAL_BIND_SYSCTL_FILE = "/etc/sysctl.d/90-failover-stacks-nonlocal-bind.conf";

/** `#cloud-config` user-data text for `input.self`. Carries the VRRP password when one is set: keep it secret. */
export function renderLbCloudInit(input: LbRenderInput): string {
  checkLbRenderInput(input);
  const paths = lbPaths(input);
  const config = {
    package_update: true,
    packages: ["keepalived", "haproxy"],
    users: [
      "default",
      {
        name: input.scriptUser,
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
        content: renderHaproxyCfg(input),
        defer: true,
      },
      {
        path: paths.checkScript,
        permissions: "0755",
        owner: "root:root",
        content: renderCheckScript(input),
        defer: true,
      },
      {
        // 0600: it may carry the VRRP password.
        path: paths.keepalivedConf,
        permissions: "0600",
        owner: "root:root",
        content: renderKeepalivedConf(input),
        defer: true,
      },
    ],
    runcmd: [
      ["sysctl", "--load", NONLOCAL_BIND_SYSCTL_FILE],
      ["systemctl", "enable", "haproxy.service", "keepalived.service"],
      ["systemctl", "restart", "haproxy.service"],
      ["systemctl", "restart", "keepalived.service"],
    ],
  };
  return `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
}
