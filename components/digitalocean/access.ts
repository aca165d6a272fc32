/**
 * Who may reach the gateway droplets themselves (not what they forward): SSH keys and the sources
 * the host's own input filter admits for SSH and for the health endpoint. The cloud firewall must
 * admit every port from the VPC and pod ranges (it cannot tell forwarded traffic from traffic to
 * the droplet), so these rules are enforced on the host by nftables, see ./render.
 */
import { z } from "zod";
import { problem } from "../shared/config-errors";
import { clientCidr } from "../shared/zod-net";
import type { ConfigIssue } from "../shared/config-errors";

/** DigitalOcean takes an SSH key by numeric ID or by its MD5 fingerprint (`doctl compute ssh-key list`). */
const SSH_KEY_ID = /^[1-9][0-9]{0,18}$/;
const SSH_KEY_FINGERPRINT = /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/;

const SSH_KEY_FIX =
  "use the key's ID (12345) or MD5 fingerprint (3b:16:bf:...:45:fa) as `doctl compute ssh-key list` prints them";

/** One SSH key as the provider takes it; YAML may give an ID as a number, the droplet wants strings. */
export const sshKey = z
  .union([z.string(), z.number()], {
    error: problem("not a DigitalOcean SSH key ID or fingerprint", SSH_KEY_FIX),
  })
  .transform((value) => String(value))
  .superRefine((value, ctx) => {
    if (!SSH_KEY_ID.test(value) && !SSH_KEY_FINGERPRINT.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: problem("not a DigitalOcean SSH key ID or MD5 fingerprint", SSH_KEY_FIX),
      });
    }
  });

/** A source network of the host input filter: IPv4 only (the gateways' table is `ip`). */
export const ipv4ClientCidr = clientCidr.superRefine((value, ctx) => {
  if (value.includes(":")) {
    ctx.addIssue({ code: "custom", message: problem("IPv6 is not supported here", "use an IPv4 CIDR") });
  }
});

export interface AccessConfig {
  readonly mode: "droplets" | "managed";
  readonly adminCidrs: readonly string[];
  readonly sshKeys: readonly string[];
}

/**
 * SSH is on exactly when `adminCidrs` is non-empty, and then it needs keys: a droplet created
 * without keys gets a root password that DigitalOcean emails, and password login stays off anyway.
 */
export function checkAccess(config: AccessConfig): ConfigIssue[] {
  if (config.mode !== "droplets" || config.adminCidrs.length === 0 || config.sshKeys.length > 0) return [];
  return [
    {
      path: ["sshKeys"],
      message: problem(
        "adminCidrs enables SSH to the gateways, but no SSH key is given (password login is off, so nobody could log in)",
        "list the DigitalOcean SSH key IDs or fingerprints in digitalocean.sshKeys (`doctl compute ssh-key list`), or set adminCidrs: [] to turn SSH off",
      ),
    },
  ];
}

/**
 * Where the health endpoint is probed from. Nothing in the stack probes it: the uptime checks ping
 * the public address, the routing agent probes gateways over ICMP and the operator never probes.
 * It serves the runbook's `curl` from inside the VPC (a node or a VPC droplet), so by default only
 * the VPC CIDR is admitted, never the pod CIDR.
 */
export function healthSources(configured: readonly string[] | undefined, vpcCidr: string): string[] {
  return configured === undefined ? [vpcCidr] : [...configured];
}
