/**
 * Issue 14 §7: VRRPv3 has no authentication, and keepalived 2.2.7 offers none with `version 3`.
 * On a network this stack creates, only its own ports exist (and the VRRP security group admits
 * adverts only from the LB group); on an existing, shared network any port whose port security
 * is disabled can send adverts with a high priority and take the API VIP. Production on an
 * existing network must therefore say, in config, that it trusts that network (or use VRRPv2
 * PASS authentication). docs/openstack-api-vip.md explains what Neutron port security does and
 * does not prevent.
 */
import { problem } from "../shared/config-errors";
import type { ConfigIssue } from "../shared/config-errors";

/** The fields the check reads (config.ts's parsed output satisfies it). */
export interface VrrpTrustInput {
  readonly network: { readonly networkId?: string };
  readonly vrrpAuth: "none" | "password";
  readonly vrrpTrustExistingNetwork?: boolean;
}

export const TRUST_KEY = "vrrpTrustExistingNetwork";

export function vrrpTrustProblems(config: VrrpTrustInput, production: boolean): ConfigIssue[] {
  const existing = config.network.networkId;
  const trusted = config.vrrpTrustExistingNetwork;
  if (trusted !== undefined && existing === undefined) {
    return [
      {
        path: [TRUST_KEY],
        message: problem(
          `${TRUST_KEY} applies only to an existing network, and this stack creates its own`,
          `remove ${TRUST_KEY} (a created network carries only this stack's ports)`,
        ),
      },
    ];
  }
  if (trusted !== undefined && config.vrrpAuth === "password") {
    return [
      {
        path: [TRUST_KEY],
        message: problem(
          `${TRUST_KEY} has no effect with vrrpAuth: password (VRRPv2 PASS authenticates the adverts)`,
          `remove ${TRUST_KEY}, or set vrrpAuth: none to use VRRPv3 on a network you trust`,
        ),
      },
    ];
  }
  if (production && existing !== undefined && config.vrrpAuth === "none" && trusted !== true) {
    return [
      {
        path: [TRUST_KEY],
        message: problem(
          `VRRPv3 has no authentication: on the existing network ${existing} any port with port security ` +
            "disabled can send VRRP adverts and take the API VIP",
          `set ${TRUST_KEY}: true once you have checked that only trusted ports on that network have port ` +
            "security disabled (docs/openstack-api-vip.md, VRRP trust), or set vrrpAuth: password " +
            "(VRRPv2 PASS, whole-second adverts)",
        ),
      },
    ];
  }
  return [];
}
