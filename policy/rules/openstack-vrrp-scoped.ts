/**
 * VRRP (IP protocol 112) between the OpenStack LBs is allowed only from the LB security group
 * itself: every LB group has such a rule, and no VRRP rule admits an address range, where any
 * host could inject adverts with a higher priority and take the VIP.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isVrrp, known, OS_SECGROUP, OS_SECGROUP_RULE, propsOf, withRole } from "./openstack-resources";

function dependsOn(resource: PolicyResource, target: PolicyResource): boolean {
  return resource.dependencies.some((d) => d.urn === target.urn);
}

/** A VRRP rule whose source is one security group: the one it is attached to. */
function scopedToItsGroup(rule: PolicyResource): boolean {
  const props = propsOf(rule);
  if (props.direction !== "ingress" || props.remoteIpPrefix !== undefined) return false;
  if (props.remoteGroupId === undefined) return false;
  if (known(props.remoteGroupId) && known(props.securityGroupId))
    return props.remoteGroupId === props.securityGroupId;
  // Ids unknown before creation: the group must be the only security group the rule comes from.
  return rule.dependencies.filter((d) => d.type === OS_SECGROUP).length === 1;
}

export const openstackVrrpScoped: StackValidationPolicy = {
  name: "openstack-vrrp-scoped",
  description:
    "Each LB security group allows VRRP (protocol 112) from itself only; no VRRP rule admits an address range.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const vrrpRules = args.resources.filter(
      (r) => r.type === OS_SECGROUP_RULE && isVrrp(propsOf(r).protocol),
    );
    for (const rule of vrrpRules) {
      if (!scopedToItsGroup(rule)) {
        reportViolation(
          `${rule.name} admits VRRP from outside the LB group. Use remoteGroupId = the LB security group ` +
            `itself and no remoteIpPrefix.`,
          rule.urn,
        );
      }
    }
    for (const group of withRole(args.resources, OS_SECGROUP, "load-balancer")) {
      if (!vrrpRules.some((rule) => dependsOn(rule, group) && scopedToItsGroup(rule))) {
        reportViolation(
          `${group.name} has no VRRP rule from itself: the LBs cannot hear each other and both take the VIP. ` +
            `Add an ingress rule with protocol "112" and remoteGroupId = this group.`,
          group.urn,
        );
      }
    }
  },
};
