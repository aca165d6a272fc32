/** Lookups the OpenStack rules share: roles from tags/metadata, and unknown values at preview. */
import type { PolicyResource } from "@pulumi/policy";
import { CLUSTER_KEY, labelValue, ROLE_KEY, type OpenstackRole } from "../../components/openstack/tags";
import { isUnknown, peek, type Props } from "../unknowns";

export const OS_PORT = "openstack:networking/port:Port";
export const OS_SECGROUP = "openstack:networking/secGroup:SecGroup";
export const OS_SECGROUP_RULE = "openstack:networking/secGroupRule:SecGroupRule";
export const OS_INSTANCE = "openstack:compute/instance:Instance";

export type { Props };

/** A string the rule can compare: present and not unknown at preview. */
export function known(value: unknown): value is string {
  return typeof value === "string" && value !== "" && !isUnknown(value);
}

/** A resource's props as data (see ../unknowns.ts). */
export function propsOf(resource: PolicyResource): Props {
  return peek(resource.props);
}

/** Role and cluster from Neutron tags, or from Nova metadata for instances. */
export function roleOf(resource: PolicyResource): OpenstackRole | undefined {
  const props = propsOf(resource);
  return (labelValue(props.tags, ROLE_KEY) ?? labelValue(props.metadata, ROLE_KEY)) as
    OpenstackRole | undefined;
}

export function clusterOf(resource: PolicyResource): string {
  const props = propsOf(resource);
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
