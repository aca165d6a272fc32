import { stringify } from "yaml";
import { renderHealthServer } from "./health-server";
import type { NatGatewayRenderInput } from "./model";
import { renderNatSetupScript } from "./nat-setup-script";
import {
  HEALTH_SERVER_PATH,
  HEALTH_UNIT,
  NAT_SETUP_PATH,
  NAT_SETUP_UNIT,
  RESERVED_IP_ROUTE_TIMER,
  RESERVED_IP_ROUTE_UNIT,
  SYSTEMD_DIR,
} from "./paths";
import {
  renderHealthUnit,
  renderNatSetupUnit,
  renderReservedIpRouteTimer,
  renderReservedIpRouteUnit,
} from "./systemd-units";

/**
 * The complete user-data of one NAT gateway droplet. write_files carries the setup script, the
 * health server and their units; runcmd enables the units, which runs the setup now and at every
 * later boot. nftables is installed first (cloud-init installs packages before runcmd).
 */
export function renderNatCloudInit(input: NatGatewayRenderInput): string {
  const reservedIp = input.egressViaReservedIp === true;
  const document = {
    packages: ["nftables", "python3", "curl"],
    write_files: [
      executable(NAT_SETUP_PATH, renderNatSetupScript(input)),
      executable(HEALTH_SERVER_PATH, renderHealthServer(input)),
      unitFile(NAT_SETUP_UNIT, renderNatSetupUnit(input)),
      unitFile(HEALTH_UNIT, renderHealthUnit(input)),
      ...(reservedIp
        ? [
            unitFile(RESERVED_IP_ROUTE_UNIT, renderReservedIpRouteUnit(input)),
            unitFile(RESERVED_IP_ROUTE_TIMER, renderReservedIpRouteTimer(input)),
          ]
        : []),
    ],
    runcmd: [
      ["systemctl", "daemon-reload"],
      [
        "systemctl",
        "enable",
        "--now",
        NAT_SETUP_UNIT,
        HEALTH_UNIT,
        ...(reservedIp ? [RESERVED_IP_ROUTE_TIMER] : []),
      ],
    ],
  };
  return `#cloud-config\n${stringify(document, { lineWidth: 0 })}`;
}

function executable(path: string, content: string) {
  return { path, owner: "root:root", permissions: "0755", content };
}

function unitFile(name: string, content: string) {
  return { path: `${SYSTEMD_DIR}/${name}`, owner: "root:root", permissions: "0644", content };
}
