import {
  HEALTH_SERVER_PATH,
  NAT_SETUP_PATH,
  NAT_SETUP_UNIT,
  RESERVED_IP_ROUTE_UNIT,
  STATE_DIR,
} from "./paths";
import type { NatGatewayRenderInput } from "./model";
import { assertRenderInput } from "./validate-input";

/**
 * Runs the setup script at every boot, so the rules are rebuilt against the interfaces detected
 * then (persistence across reboots). Ordered after nftables.service because that service's
 * /etc/nftables.conf starts with `flush ruleset` and would otherwise wipe our table.
 */
export function renderNatSetupUnit(input: NatGatewayRenderInput): string {
  assertRenderInput(input);
  return unit([
    "[Unit]",
    `Description=failover-stacks NAT egress for ${input.name} (forwarding, nftables masquerade)`,
    "Wants=network-online.target",
    "After=network-online.target nftables.service",
    "",
    "[Service]",
    "Type=oneshot",
    "RemainAfterExit=yes",
    `ExecStart=${NAT_SETUP_PATH}`,
    "",
    "[Install]",
    "WantedBy=multi-user.target",
  ]);
}

/** Serves the health endpoint on the VPC address once the setup unit has written its state. */
export function renderHealthUnit(input: NatGatewayRenderInput): string {
  assertRenderInput(input);
  return unit([
    "[Unit]",
    `Description=failover-stacks NAT health endpoint for ${input.name} (VPC address, port ${input.healthPort})`,
    `Requires=${NAT_SETUP_UNIT}`,
    `After=${NAT_SETUP_UNIT}`,
    "",
    "[Service]",
    `ExecStart=/usr/bin/python3 ${HEALTH_SERVER_PATH} --port ${input.healthPort} --state ${STATE_DIR}/env`,
    "Restart=always",
    "RestartSec=5",
    "NoNewPrivileges=yes",
    "ProtectSystem=strict",
    "ProtectHome=yes",
    "PrivateTmp=yes",
    "",
    "[Install]",
    "WantedBy=multi-user.target",
  ]);
}

/**
 * The reserved IP is assigned after the droplet exists, so its route cannot be decided once at boot:
 * a timer re-checks the metadata service every 30 s and follows assignment and unassignment.
 */
export function renderReservedIpRouteUnit(input: NatGatewayRenderInput): string {
  assertRenderInput(input);
  return unit([
    "[Unit]",
    `Description=failover-stacks NAT egress for ${input.name}: default route follows the reserved IP`,
    `After=${NAT_SETUP_UNIT}`,
    "",
    "[Service]",
    "Type=oneshot",
    `ExecStart=${NAT_SETUP_PATH} reserved-ip-route`,
  ]);
}

export function renderReservedIpRouteTimer(input: NatGatewayRenderInput): string {
  assertRenderInput(input);
  return unit([
    "[Unit]",
    `Description=failover-stacks NAT egress for ${input.name}: re-check the reserved IP every 30 s`,
    "",
    "[Timer]",
    "OnBootSec=30",
    "OnUnitActiveSec=30",
    `Unit=${RESERVED_IP_ROUTE_UNIT}`,
    "",
    "[Install]",
    "WantedBy=timers.target",
  ]);
}

function unit(lines: readonly string[]): string {
  return [...lines, ""].join("\n");
}
