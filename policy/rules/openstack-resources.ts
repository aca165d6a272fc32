/** Lookups the OpenStack rules share: roles from tags/metadata, and unknown values at preview. */
import type { PolicyResource } from "@pulumi/policy";
import { CLUSTER_KEY, labelValue, ROLE_KEY, type OpenstackRole } from "../../components/openstack/tags";

export const OS_PORT = "openstack:networking/port:Port";
export const OS_SECGROUP = "openstack:networking/secGroup:SecGroup";
export const OS_SECGROUP_RULE = "openstack:networking/secGroupRule:SecGroupRule";
export const OS_INSTANCE = "openstack:compute/instance:Instance";

/** What the SDK sends for a value not known until the cloud creates the resource. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Props = Record<string, unknown>;

/** A string the rule can compare: present and not an unknown-at-preview placeholder. */
export function known(value: unknown): value is string {
  return typeof value === "string" && value !== "" && value !== UNKNOWN;
}

/** Role and cluster from Neutron tags, or from Nova metadata for instances. */
export function roleOf(resource: PolicyResource): OpenstackRole | undefined {
  const props = resource.props as Props;
  return (labelValue(props.tags, ROLE_KEY) ?? labelValue(props.metadata, ROLE_KEY)) as
    OpenstackRole | undefined;
}

export function clusterOf(resource: PolicyResource): string {
  const props = resource.props as Props;
  return labelValue(props.tags, CLUSTER_KEY) ?? labelValue(props.metadata, CLUSTER_KEY) ?? "(untagged)";
}

export function withRole(
  resources: readonly PolicyResource[],
  type: string,
  role: OpenstackRole,
): PolicyResource[] {
  return resources.filter((r) => r.type === type && roleOf(r) === role);
}

/** VRRP is IP protocol 112; Neutron also accepts the name. */
export function isVrrp(protocol: unknown): boolean {
  return protocol === "112" || protocol === "vrrp";
}
