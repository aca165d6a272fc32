/**
 * No security group or firewall opens SSH (TCP 22) to the whole internet, on any cloud we deploy
 * to. Admin access goes through configured admin CIDRs, which default to none.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { peek } from "../unknowns";
import { isWorld, minMaxCovers, rangeTextCovers } from "./ports";

const SSH = 22;

type Props = Record<string, unknown>;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isTcpOrAny = (protocol: unknown): boolean =>
  protocol === undefined || protocol === "" || protocol === "tcp" || protocol === "all" || protocol === "6";

function openstackRuleOpensSsh(props: Props): boolean {
  if (props.direction !== "ingress" || !isTcpOrAny(props.protocol)) return false;
  if (!minMaxCovers(props.portRangeMin, props.portRangeMax, SSH)) return false;
  // No prefix and no remote group means "from anywhere" in Neutron.
  const prefix = props.remoteIpPrefix;
  return isWorld(prefix) || ((prefix === undefined || prefix === "") && !props.remoteGroupId);
}

function digitaloceanFirewallOpensSsh(props: Props): boolean {
  return list(props.inboundRules).some((raw) => {
    const rule = raw as Props;
    return (
      isTcpOrAny(rule.protocol) &&
      rangeTextCovers(rule.portRange as string | undefined, SSH) &&
      list(rule.sourceAddresses).some(isWorld)
    );
  });
}

function gcpFirewallOpensSsh(props: Props): boolean {
  if ((props.direction ?? "INGRESS") !== "INGRESS" || !list(props.sourceRanges).some(isWorld)) return false;
  return list(props.allows).some((raw) => {
    const allow = raw as Props;
    const ports = list(allow.ports) as string[];
    return isTcpOrAny(allow.protocol) && (ports.length === 0 || ports.some((p) => rangeTextCovers(p, SSH)));
  });
}

const CHECKS: Record<string, (props: Props) => boolean> = {
  "openstack:networking/secGroupRule:SecGroupRule": openstackRuleOpensSsh,
  "digitalocean:index/firewall:Firewall": digitaloceanFirewallOpensSsh,
  "gcp:compute/firewall:Firewall": gcpFirewallOpensSsh,
};

export const noWorldSsh: ResourceValidationPolicy = {
  name: "no-world-ssh",
  description: "No security group or firewall may open SSH (TCP 22) to 0.0.0.0/0 or ::/0.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const check = CHECKS[args.type];
    if (check?.(peek(args.props))) {
      reportViolation(
        `${args.name} opens SSH to the whole internet. Restrict the source to the admin CIDRs in config ` +
          `(adminCidrs), or use a bastion.`,
      );
    }
  },
};
