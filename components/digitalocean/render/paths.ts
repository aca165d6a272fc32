/** Where the generated files live on a gateway droplet (cloud-init write_files and systemd units). */
export const NAT_SETUP_PATH = "/usr/local/sbin/failover-nat-setup";
export const HEALTH_SERVER_PATH = "/usr/local/sbin/failover-nat-health";
/** The image's python3 (the `python3` package), which the health unit runs the server with. */
export const HEALTH_PYTHON = "/usr/bin/python3";
export const NAT_SETUP_UNIT = "failover-nat.service";
export const HEALTH_UNIT = "failover-nat-health.service";
/** Only with egressViaReservedIp: keeps the default route on the anchor gateway while assigned. */
export const RESERVED_IP_ROUTE_UNIT = "failover-nat-reserved-ip.service";
export const RESERVED_IP_ROUTE_TIMER = "failover-nat-reserved-ip.timer";
export const SYSTEMD_DIR = "/etc/systemd/system";
/** Runtime state written by the setup script at every boot (tmpfs): detected interfaces, ruleset. */
export const STATE_DIR = "/run/failover-nat";
/** NAT status written by root (setup and the check timer); the unprivileged health server reads it. */
export const STATUS_FILE = `${STATE_DIR}/status`;
/** Only these two run `nft list` (as root); the health server never spawns anything. */
export const CHECK_UNIT = "failover-nat-check.service";
export const CHECK_TIMER = "failover-nat-check.timer";
/** Seconds between checks; the health server reports a status older than 3 checks as unhealthy. */
export const CHECK_INTERVAL_SECONDS = 10;
/** The nftables table the setup script owns (replaced atomically on every run). */
export const NFT_TABLE = "failover_nat";
