import { stringify } from "yaml";
import { renderHealthServer } from "./health-server";
import type { NatGatewayRenderInput } from "./model";
import { renderNatSetupScript } from "./nat-setup-script";
import {
  CHECK_TIMER,
  CHECK_UNIT,
  HEALTH_SERVER_PATH,
  HEALTH_UNIT,
  NAT_SETUP_PATH,
  NAT_SETUP_UNIT,
  RESERVED_IP_ROUTE_TIMER,
  RESERVED_IP_ROUTE_UNIT,
  SYSTEMD_DIR,
} from "./paths";
import {
  renderCheckTimer,
  renderCheckUnit,
  renderHealthUnit,
  renderNatSetupUnit,
  renderReservedIpRouteTimer,
  renderReservedIpRouteUnit,
} from "./systemd-units";

/**
 * The complete user-data of one NAT gateway droplet. write_files carries the setup script, the
 * health server and their units; runcmd enables the units, which runs the setup now and at every
 * later boot. nftables is installed first (cloud-init installs packages before runcmd).
 *
 * Login: keys only. Password login is off, and the root password DigitalOcean sets (and emails)
 * for a droplet created without SSH keys is locked; runcmd runs after cloud-init has set it. Keys
 * from DigitalOcean go to root (the images have no other user), so root key login stays. Without
 * adminCidrs sshd is masked: nothing may log in over the network at all.
 */
export function renderNatCloudInit(input: NatGatewayRenderInput): string {
  const reservedIp = input.egressViaReservedIp === true;
  const ssh = (input.adminCidrs ?? []).length > 0;
  const document = {
    packages: ["nftables", "python3", "curl"],
    ssh_pwauth: false,
    disable_root: false,
    write_files: [
      executable(NAT_SETUP_PATH, renderNatSetupScript(input)),
      executable(HEALTH_SERVER_PATH, renderHealthServer(input)),
      unitFile(NAT_SETUP_UNIT, renderNatSetupUnit(input)),
      unitFile(HEALTH_UNIT, renderHealthUnit(input)),
      unitFile(CHECK_UNIT, renderCheckUnit(input)),
      unitFile(CHECK_TIMER, renderCheckTimer(input)),
      ...(reservedIp
        ? [
            unitFile(RESERVED_IP_ROUTE_UNIT, renderReservedIpRouteUnit(input)),
            unitFile(RESERVED_IP_ROUTE_TIMER, renderReservedIpRouteTimer(input)),
          ]
        : []),
    ],
    runcmd: [
      ["passwd", "--lock", "root"],
      ...(ssh ? [] : [["systemctl", "mask", "--now", ...SSH_UNITS]]),
      ["systemctl", "daemon-reload"],
      [
        "systemctl",
        "enable",
        "--now",
        NAT_SETUP_UNIT,
        HEALTH_UNIT,
        CHECK_TIMER,
        ...(reservedIp ? [RESERVED_IP_ROUTE_TIMER] : []),
      ],
    ],
  };
  return `#cloud-config\n${stringify(document, { lineWidth: 0 })}`;
}

/** sshd's units on Debian (ssh.service) and Ubuntu 24.04 (socket-activated); masking an absent one is harmless. */
export const SSH_UNITS = ["ssh.service", "ssh.socket"] as const;

function executable(path: string, content: string) {
  return { path, owner: "root:root", permissions: "0755", content };
}

function unitFile(name: string, content: string) {
  return { path: `${SYSTEMD_DIR}/${name}`, owner: "root:root", permissions: "0644", content };
}
