/**
 * How OpenStack resources of this system are labelled. Neutron tags and Nova metadata carry the
 * cluster and the role, so policy rules (policy/rules/openstack-*.ts) can find the LB ports, the
 * VIP port and the control-plane instances without relying on resource names.
 */
export type OpenstackRole = "api-vip" | "load-balancer" | "control-plane" | "worker";

export const CLUSTER_KEY = "failover-stacks-cluster";
export const ROLE_KEY = "failover-stacks-role";

/** Neutron tags (ports, security groups, networks): `key=value` strings. */
export function openstackTags(cluster: string, role: OpenstackRole): string[] {
  return [`${CLUSTER_KEY}=${cluster}`, `${ROLE_KEY}=${role}`];
}

/** Nova instance metadata: the same keys as a map (visible in `openstack server show`). */
export function openstackMetadata(cluster: string, role: OpenstackRole): Record<string, string> {
  return { [CLUSTER_KEY]: cluster, [ROLE_KEY]: role };
}

/** Reads `key` from a tag list (`key=value`) or a metadata map; undefined when absent. */
export function labelValue(labels: unknown, key: string): string | undefined {
  if (Array.isArray(labels)) {
    const tag = labels.find((t): t is string => typeof t === "string" && t.startsWith(`${key}=`));
    return tag?.slice(key.length + 1);
  }
  if (labels !== null && typeof labels === "object") {
    const value = (labels as Record<string, unknown>)[key];
    return typeof value === "string" ? value : undefined;
  }
  return undefined;
}
