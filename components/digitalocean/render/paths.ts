/** Where the generated files live on a gateway droplet (cloud-init write_files and systemd units). */
export const NAT_SETUP_PATH = "/usr/local/sbin/failover-nat-setup";
export const HEALTH_SERVER_PATH = "/usr/local/sbin/failover-nat-health";
export const NAT_SETUP_UNIT = "failover-nat.service";
export const HEALTH_UNIT = "failover-nat-health.service";
/** Only with egressViaReservedIp: keeps the default route on the anchor gateway while assigned. */
export const RESERVED_IP_ROUTE_UNIT = "failover-nat-reserved-ip.service";
export const RESERVED_IP_ROUTE_TIMER = "failover-nat-reserved-ip.timer";
export const SYSTEMD_DIR = "/etc/systemd/system";
/** Runtime state written by the setup script at every boot (tmpfs): detected interfaces, ruleset. */
export const STATE_DIR = "/run/failover-nat";
/** The nftables table the setup script owns (replaced atomically on every run). */
export const NFT_TABLE = "failover_nat";
