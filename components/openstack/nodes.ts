/**
 * The building blocks both node groups share: ingress rules on a security group, and a row of
 * servers each on its own pre-created port. Replacements are sequenced, see `createServers`.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { openstackMetadata, openstackTags, type OpenstackRole } from "./tags";

export interface IngressRule {
  /** Suffix of the rule's resource name, e.g. `vrrp` or `ssh-1`. */
  readonly name: string;
  readonly description: string;
  /** Neutron protocol: `tcp`, or an IP protocol number as a string (`112` for VRRP). */
  readonly protocol: string;
  /** Inclusive TCP port range; omitted for protocols without ports. */
  readonly ports?: readonly [number, number];
  readonly remoteIpPrefix?: pulumi.Input<string>;
  readonly remoteGroupId?: pulumi.Input<string>;
}

/** One IPv4 ingress rule per entry, children of `parent`. */
export function ingressRules(
  parent: pulumi.Resource,
  baseName: string,
  securityGroupId: pulumi.Input<string>,
  rules: readonly IngressRule[],
): openstack.networking.SecGroupRule[] {
  return rules.map(
    (rule) =>
      new openstack.networking.SecGroupRule(
        `${baseName}-${rule.name}`,
        {
          securityGroupId,
          direction: "ingress",
          ethertype: "IPv4",
          protocol: rule.protocol,
          portRangeMin: rule.ports?.[0],
          portRangeMax: rule.ports?.[1],
          remoteIpPrefix: rule.remoteIpPrefix,
          remoteGroupId: rule.remoteGroupId,
          description: rule.description,
        },
        { parent },
      ),
  );
}

/** TCP `ports` from the members of a security group. */
export function tcpFromGroup(
  name: string,
  description: string,
  ports: readonly [number, number],
  remoteGroupId: pulumi.Input<string>,
): IngressRule {
  return { name, description, protocol: "tcp", ports, remoteGroupId };
}

/** SSH (TCP 22) from each admin CIDR; none at all when the list is empty. */
export function sshRules(adminCidrs: readonly string[]): IngressRule[] {
  return adminCidrs.map((cidr, i) => ({
    name: `ssh-${i + 1}`,
    description: `SSH from admin network ${cidr}`,
    protocol: "tcp",
    ports: [22, 22],
    remoteIpPrefix: cidr,
  }));
}

/** kubelet API port, as a rule's port range. */
export const KUBELET_PORTS = [10250, 10250] as const;

/** Where a node group lives and who may reach it: the arguments every node component shares. */
export interface NodePlacementArgs {
  /** Cluster name, for names and the `failover-stacks-cluster` tag. */
  readonly clusterName: string;
  /** Neutron network of the nodes' ports. */
  readonly networkId: pulumi.Input<string>;
  /** Subnet the nodes' addresses come from. */
  readonly subnetId: pulumi.Input<string>;
  /** Existing Nova key pair. @default none */
  readonly keyPair?: string;
  /** SSH sources. @default [] (no SSH rule) */
  readonly adminCidrs?: string[];
  /**
   * Ids of the resources the group's ports are created after (ports holding reserved or pinned
   * addresses, the router interface): the ports consume them, which carries the dependency. @default []
   */
  readonly portsAfter?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Size, image and flavor of one node group. */
export interface NodeGroupSize {
  /** Number of nodes. */
  readonly count: number;
  /** Glance image name. */
  readonly image: string;
  /** Nova flavor name. */
  readonly flavor: string;
}

/** A node group that may pin its addresses. */
export interface NodeGroupSpec extends NodeGroupSize {
  /** Pinned addresses, one per node. @default allocated by Neutron */
  readonly fixedIps?: string[];
}

export interface ServerRowArgs {
  readonly clusterName: string;
  readonly role: OpenstackRole;
  readonly count: number;
  readonly networkId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  /** Pinned addresses, one per server; Neutron allocates when omitted. */
  readonly fixedIps?: readonly string[];
  readonly securityGroupId: pulumi.Input<string>;
  /** Extra addresses the ports may send from (the VIP/32 on LB ports). */
  readonly allowedAddressPairs?: readonly pulumi.Input<string>[];
  readonly serverGroupId: pulumi.Input<string>;
  readonly image: string;
  readonly flavor: string;
  readonly keyPair?: string;
  /** Ids the ports wait for (for example the VIP port's, so Neutron never allocates the VIP to a node). */
  readonly portsAfter?: pulumi.Input<pulumi.Input<string>[]>;
}

export interface ServerRow {
  readonly ports: openstack.networking.Port[];
  /** Each port's address: the pinned one (known at preview) or the one Neutron allocated. */
  readonly addresses: pulumi.Output<string>[];
  readonly names: string[];
}

/**
 * `value`, resolved only once every id in `ids` is: the resource that consumes it depends on the
 * resources behind the ids, as an explicit dependsOn did. Without ids it is `value` itself.
 */
export function after(
  value: pulumi.Input<string>,
  ids: pulumi.Input<pulumi.Input<string>[]> | undefined,
): pulumi.Input<string> {
  return ids === undefined ? value : pulumi.all([value, ids]).apply(([v]) => v);
}

/** Creates one port per server: port security on, the group's security group, tags for policy. */
export function createPorts(parent: pulumi.Resource, baseName: string, args: ServerRowArgs): ServerRow {
  const names = Array.from({ length: args.count }, (_, i) => `${baseName}-${i + 1}`);
  const ports = names.map(
    (name, i) =>
      new openstack.networking.Port(
        `${name}-port`,
        {
          name: `${name}-port`,
          networkId: args.networkId,
          fixedIps: [{ subnetId: args.subnetId, ipAddress: args.fixedIps?.[i] }],
          portSecurityEnabled: true,
          securityGroupIds: [after(args.securityGroupId, args.portsAfter)],
          allowedAddressPairs: args.allowedAddressPairs?.map((ipAddress) => ({ ipAddress })),
          adminStateUp: true,
          tags: openstackTags(args.clusterName, args.role),
        },
        { parent },
      ),
  );
  const addresses = ports.map((port, i) => {
    const pinned = args.fixedIps?.[i];
    return pinned !== undefined ? pulumi.output(pinned) : port.allFixedIps.apply((ips) => ips[0]);
  });
  return { ports, addresses, names };
}

/**
 * One server per port. Safe changes:
 * - A server keeps its port, so its address (a keepalived peer or an HAProxy backend) survives a
 *   replacement. Nova refuses a port that is still bound, so create-before-delete cannot work
 *   here: each server is `deleteBeforeReplace`.
 * - Server n+1 `dependsOn` server n, and the engine registers n+1 only after n's replacement has
 *   finished. So a change that replaces every server (a new userData for all LBs) takes them down
 *   one at a time, never two at once. See docs/openstack-api-vip.md, "What a config change does".
 */
export function createServers(
  parent: pulumi.Resource,
  row: ServerRow,
  args: ServerRowArgs,
  userData?: (index: number) => pulumi.Input<string>,
): openstack.compute.Instance[] {
  const servers: openstack.compute.Instance[] = [];
  row.names.forEach((name, i) => {
    const previous = servers[i - 1];
    servers.push(
      new openstack.compute.Instance(
        name,
        {
          name,
          imageName: args.image,
          flavorName: args.flavor,
          keyPair: args.keyPair,
          networks: [{ port: row.ports[i].id }],
          schedulerHints: [{ group: args.serverGroupId }],
          metadata: openstackMetadata(args.clusterName, args.role),
          tags: openstackTags(args.clusterName, args.role),
          userData: userData?.(i),
        },
        {
          parent,
          dependsOn: previous ? [previous] : undefined,
          deleteBeforeReplace: true,
          replaceOnChanges: ["userData"],
        },
      ),
    );
  });
  return servers;
}

/** Anti-affinity server group: Nova refuses to put two members on one hypervisor. */
export function antiAffinityGroup(parent: pulumi.Resource, name: string): openstack.compute.ServerGroup {
  return new openstack.compute.ServerGroup(name, { name, policies: ["anti-affinity"] }, { parent });
}

/** A security group tagged with the cluster and role (the policy rules find groups by these tags). */
export function securityGroup(
  parent: pulumi.Resource,
  name: string,
  description: string,
  cluster: string,
  role: OpenstackRole,
): openstack.networking.SecGroup {
  return new openstack.networking.SecGroup(
    name,
    { name, description, tags: openstackTags(cluster, role) },
    { parent },
  );
}

/** Anti-affinity group, ports and servers of one node group without user-data (control plane, workers). */
export function createNodeGroup(
  parent: pulumi.Resource,
  baseName: string,
  args: Omit<ServerRowArgs, "serverGroupId">,
): ServerRow {
  const group = antiAffinityGroup(parent, `${baseName}-group`);
  const rowArgs: ServerRowArgs = { ...args, serverGroupId: group.id };
  const row = createPorts(parent, baseName, rowArgs);
  createServers(parent, row, rowArgs);
  return row;
}
