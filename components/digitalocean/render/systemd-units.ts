import {
  CHECK_INTERVAL_SECONDS,
  CHECK_UNIT,
  HEALTH_PYTHON,
  HEALTH_SERVER_PATH,
  NAT_SETUP_PATH,
  NAT_SETUP_UNIT,
  RESERVED_IP_ROUTE_UNIT,
  STATE_DIR,
  STATUS_FILE,
} from "./paths";
import type { NatGatewayRenderInput } from "./model";

/**
 * Runs the setup script at every boot, so the rules are rebuilt against the interfaces detected
 * then (persistence across reboots). Ordered after nftables.service because that service's
 * /etc/nftables.conf starts with `flush ruleset` and would otherwise wipe our table.
 */
export function renderNatSetupUnit(input: NatGatewayRenderInput): string {
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

/**
 * Serves the health endpoint on the VPC address once the setup unit has written its state. A
 * dynamic user without capabilities (only CAP_NET_BIND_SERVICE for a port below 1024): the server
 * only reads the status files, so everything else is taken away. IPAddressAllow repeats the
 * host input filter's health sources in the service's own cgroup filter.
 */
export function renderHealthUnit(input: NatGatewayRenderInput): string {
  const capabilities = input.healthPort < 1024 ? "CAP_NET_BIND_SERVICE" : "";
  const sources = input.healthCidrs ?? [input.vpcCidr];
  return unit([
    "[Unit]",
    `Description=failover-stacks NAT health endpoint for ${input.name} (VPC address, port ${input.healthPort})`,
    `Requires=${NAT_SETUP_UNIT}`,
    `After=${NAT_SETUP_UNIT}`,
    "",
    "[Service]",
    `ExecStart=${HEALTH_PYTHON} ${HEALTH_SERVER_PATH} --port ${input.healthPort} --state ${STATE_DIR}/env --status ${STATUS_FILE}`,
    "Restart=always",
    "RestartSec=5",
    "DynamicUser=yes",
    `CapabilityBoundingSet=${capabilities}`,
    `AmbientCapabilities=${capabilities}`,
    ...HARDENING,
    "ProtectProc=invisible",
    "ProcSubset=pid",
    // A user namespace would void CAP_NET_BIND_SERVICE on the host's network.
    ...(capabilities === "" ? ["PrivateUsers=yes"] : []),
    // asyncio's self-pipe is an AF_UNIX socket pair.
    "RestrictAddressFamilies=AF_INET AF_UNIX",
    "IPAddressDeny=any",
    ...(sources.length > 0 ? [`IPAddressAllow=${sources.join(" ")}`] : []),
    "MemoryMax=64M",
    "TasksMax=16",
    "LimitNOFILE=256",
    "",
    "[Install]",
    "WantedBy=multi-user.target",
  ]);
}

/** Sandboxing shared by the health server and the root check (see `systemd-analyze security`). */
const HARDENING = [
  "NoNewPrivileges=yes",
  "PrivateTmp=yes",
  "PrivateDevices=yes",
  "DevicePolicy=closed",
  "ProtectSystem=strict",
  "ProtectHome=yes",
  "ProtectKernelTunables=yes",
  "ProtectKernelModules=yes",
  "ProtectKernelLogs=yes",
  "ProtectControlGroups=yes",
  "ProtectClock=yes",
  "ProtectHostname=yes",
  "RestrictNamespaces=yes",
  "RestrictRealtime=yes",
  "RestrictSUIDSGID=yes",
  "LockPersonality=yes",
  "MemoryDenyWriteExecute=yes",
  "SystemCallArchitectures=native",
  "SystemCallFilter=@system-service",
  "SystemCallFilter=~@privileged @resources",
  "PrivateMounts=yes",
  // The check chmods what the health server must read; nothing else needs to be readable.
  "UMask=0077",
];

/**
 * Root re-checks the NAT state for the health server every CHECK_INTERVAL_SECONDS: `nft list`
 * needs CAP_NET_ADMIN, which the server does not get. It may only write the state directory.
 */
export function renderCheckUnit(input: NatGatewayRenderInput): string {
  return unit([
    "[Unit]",
    `Description=failover-stacks NAT egress for ${input.name}: record forwarding and nftables state for the health endpoint`,
    `After=${NAT_SETUP_UNIT}`,
    "",
    "[Service]",
    "Type=oneshot",
    `ExecStart=${NAT_SETUP_PATH} check`,
    "CapabilityBoundingSet=CAP_NET_ADMIN",
    ...HARDENING,
    // "-": a missing directory (setup failed) must not fail the sandbox; the check then reports it.
    `ReadWritePaths=-${STATE_DIR}`,
    "RestrictAddressFamilies=AF_NETLINK AF_UNIX",
  ]);
}

export function renderCheckTimer(input: NatGatewayRenderInput): string {
  return unit([
    "[Unit]",
    `Description=failover-stacks NAT egress for ${input.name}: re-check the NAT state every ${CHECK_INTERVAL_SECONDS} s`,
    "",
    "[Timer]",
    `OnActiveSec=${CHECK_INTERVAL_SECONDS}`,
    `OnUnitActiveSec=${CHECK_INTERVAL_SECONDS}`,
    // The default accuracy (1 min) would let the status go stale between runs.
    "AccuracySec=1s",
    `Unit=${CHECK_UNIT}`,
    "",
    "[Install]",
    "WantedBy=timers.target",
  ]);
}

/**
 * The reserved IP is assigned after the droplet exists, so its route cannot be decided once at boot:
 * a timer re-checks the metadata service every 30 s and follows assignment and unassignment.
 */
export function renderReservedIpRouteUnit(input: NatGatewayRenderInput): string {
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
