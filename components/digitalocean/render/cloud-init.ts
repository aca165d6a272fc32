import { stringify } from "yaml";
import { renderHealthServer } from "./health-server";
import type { NatGatewayRenderInput } from "./model";
import { renderNatSetupScript } from "./nat-setup-script";
import { HEALTH_SERVER_PATH, HEALTH_UNIT, NAT_SETUP_PATH, NAT_SETUP_UNIT, SYSTEMD_DIR } from "./paths";
import { renderHealthUnit, renderNatSetupUnit } from "./systemd-units";

/**
 * The complete user-data of one NAT gateway droplet. write_files carries the setup script, the
 * health server and their units; runcmd enables both units, which runs the setup now and at every
 * later boot. nftables is installed first (cloud-init installs packages before runcmd).
 */
export function renderNatCloudInit(input: NatGatewayRenderInput): string {
  const document = {
    packages: ["nftables", "python3", "curl"],
    write_files: [
      { path: NAT_SETUP_PATH, owner: "root:root", permissions: "0755", content: renderNatSetupScript(input) },
      {
        path: HEALTH_SERVER_PATH,
        owner: "root:root",
        permissions: "0755",
        content: renderHealthServer(input),
      },
      unitFile(NAT_SETUP_UNIT, renderNatSetupUnit(input)),
      unitFile(HEALTH_UNIT, renderHealthUnit(input)),
    ],
    runcmd: [
      ["systemctl", "daemon-reload"],
      ["systemctl", "enable", "--now", NAT_SETUP_UNIT, HEALTH_UNIT],
    ],
  };
  return `#cloud-config\n${stringify(document, { lineWidth: 0 })}`;
}

function unitFile(name: string, content: string) {
  return { path: `${SYSTEMD_DIR}/${name}`, owner: "root:root", permissions: "0644", content };
}
