/**
 * The keepalived + HAProxy pair that holds the API VIP. Each LB has its own port with port
 * security on and the VIP/32 as an allowed address pair (without it Neutron drops every packet
 * to or from the VIP); one security group scopes VRRP to the group itself; the cloud-init of each
 * LB is rendered by render/ once every address (and the VRRP secret) is known.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DEFAULT_API_PORT, DEFAULT_SCRIPT_USER, planLbRender, renderLbCloudInit } from "./render";
import type { ApiServer, LbPeer, LbRenderInput } from "./render/model";
import type { LbTimingProfile, VrrpAuthMode } from "./enums";
import {
  antiAffinityGroup,
  createPorts,
  createServers,
  ingressRules,
  securityGroup,
  sshRules,
  tcpFromGroup,
  type IngressRule,
  type NodePlacementArgs,
} from "./nodes";
import {
  DEFAULT_INTERFACE_NAME,
  DEFAULT_LB_COUNT,
  DEFAULT_TIMING_PROFILE,
  DEFAULT_VIRTUAL_ROUTER_ID,
} from "./defaults";

/** VRRP is IP protocol 112; Neutron takes the number (the name `vrrp` is not accepted everywhere). */
/** The component's type token (the review finds a pair's LBs by it). */
export const LOAD_BALANCER_PAIR_TYPE = "failover:openstack:LoadBalancerPair";
export const VRRP_PROTOCOL = "112";
/** The API servers' port and the HAProxy frontend's. */
export const API_PORT = DEFAULT_API_PORT;
const API_PORTS = [API_PORT, API_PORT] as const;

/** One LB's user-data: its input is parsed once into a plan, which every renderer then takes. */
const lbUserData = (input: LbRenderInput): string => renderLbCloudInit(planLbRender(input));

export interface LoadBalancerPairArgs extends NodePlacementArgs {
  /** The VIP the pair holds. */
  readonly vip: pulumi.Input<string>;
  /** Number of LBs (validated ≥ 2 in config). @default 2 */
  readonly count?: number;
  /** Glance image name (with cloud-init and apt: keepalived and haproxy are installed at boot). */
  readonly image: string;
  /** Nova flavor name. */
  readonly flavor: string;
  /** Pinned LB addresses. @default allocated by Neutron */
  readonly fixedIps?: string[];
  /** Distinct VRRP priorities, one per LB. */
  readonly priorities: number[];
  /** NIC in the image that carries the VIP. @default "ens3" */
  readonly interfaceName?: string;
  /** VRRP virtual_router_id. @default 51 */
  readonly virtualRouterId?: number;
  /** Failover timing profile. @default "fast" */
  readonly timing?: LbTimingProfile;
  /** "none": VRRPv3 without authentication; "password": VRRPv2 PASS, secret generated here. @default "none" */
  readonly vrrpAuth?: VrrpAuthMode;
  /** Networks allowed to reach the API on 6443. */
  readonly clientCidrs: string[];
  /** Security groups whose members reach the API through the VIP (the control plane). @default [] */
  readonly clientGroupIds?: pulumi.Input<string>[];
  /** The API servers behind HAProxy. */
  readonly apiServers: pulumi.Input<ApiServer[]>;
  /** Security group of the API servers: the pair adds "6443 from the LB group" to it. */
  readonly backendSecurityGroupId: pulumi.Input<string>;
}

/** The keepalived + HAProxy pair that holds the API VIP: one port per LB carrying the VIP as an allowed address pair, VRRP security groups and the rendered cloud-init. */
export class LoadBalancerPair extends pulumi.ComponentResource {
  /** The LBs' addresses, in LB order. */
  readonly addresses: pulumi.Output<string[]>;
  /** Ids of the LBs' ports; allocated ports elsewhere wait for them when they hold pinned addresses. */
  readonly portIds: pulumi.Output<string[]>;
  /** The LBs' security group; workers get "6443 from the workers" added to it. */
  readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: LoadBalancerPairArgs, opts?: pulumi.ComponentResourceOptions) {
    super(LOAD_BALANCER_PAIR_TYPE, name, {}, opts);
    const count = args.count ?? DEFAULT_LB_COUNT;
    const sg = securityGroup(
      this,
      `${name}-sg`,
      "Kubernetes API load balancers (keepalived + HAProxy)",
      args.clusterName,
      "load-balancer",
    );
    this.securityGroupId = sg.id;
    const rules: IngressRule[] = [
      {
        name: "vrrp",
        description: "VRRP adverts between the LBs only",
        protocol: VRRP_PROTOCOL,
        remoteGroupId: sg.id,
      },
      ...args.clientCidrs.map((cidr, i): IngressRule => ({
        name: `api-${i + 1}`,
        description: `Kubernetes API from client network ${cidr}`,
        protocol: "tcp",
        ports: API_PORTS,
        remoteIpPrefix: cidr,
      })),
      ...(args.clientGroupIds ?? []).map((groupId, i) =>
        tcpFromGroup(`api-group-${i + 1}`, "Kubernetes API from the cluster's nodes", API_PORTS, groupId),
      ),
      ...sshRules(args.adminCidrs ?? []),
    ];
    ingressRules(this, `${name}-sg`, sg.id, rules);
    ingressRules(this, `${name}-backend`, args.backendSecurityGroupId, [
      tcpFromGroup("api", "Kubernetes API and /readyz checks from the LBs", API_PORTS, sg.id),
    ]);

    const group = antiAffinityGroup(this, `${name}-group`);
    const rowArgs = {
      clusterName: args.clusterName,
      role: "load-balancer" as const,
      count,
      networkId: args.networkId,
      subnetId: args.subnetId,
      fixedIps: args.fixedIps,
      securityGroupId: sg.id,
      allowedAddressPairs: [pulumi.output(args.vip).apply((vip) => `${vip}/32`)],
      serverGroupId: group.id,
      image: args.image,
      flavor: args.flavor,
      keyPair: args.keyPair,
      portsAfter: args.portsAfter,
    };
    const row = createPorts(this, name, rowArgs);
    this.addresses = pulumi.all(row.addresses);
    this.portIds = pulumi.all(row.ports.map((port) => port.id));

    // VRRP PASS carries 8 bytes; alphanumerics keep it safe inside keepalived.conf.
    const password =
      args.vrrpAuth === "password"
        ? new random.RandomPassword(`${name}-vrrp-auth`, { length: 8, special: false }, { parent: this })
        : undefined;
    const peers = this.addresses.apply((ips) =>
      ips.map((address, i): LbPeer => ({ name: row.names[i], address, priority: args.priorities[i] })),
    );
    const userData = (index: number): pulumi.Output<string> =>
      // The result is secret whenever the password is: pulumi.all keeps the secret bit.
      pulumi.all([args.vip, peers, args.apiServers, password?.result]).apply(([vip, all, apiServers, auth]) =>
        lbUserData({
          clusterName: args.clusterName,
          vip,
          interfaceName: args.interfaceName ?? DEFAULT_INTERFACE_NAME,
          virtualRouterId: args.virtualRouterId ?? DEFAULT_VIRTUAL_ROUTER_ID,
          self: all[index],
          peers: all.filter((_, i) => i !== index),
          apiServers,
          apiPort: API_PORT,
          timing: args.timing ?? DEFAULT_TIMING_PROFILE,
          authPassword: auth,
          scriptUser: DEFAULT_SCRIPT_USER,
        }),
      );
    createServers(this, row, rowArgs, userData);
    this.registerOutputs({ addresses: this.addresses, securityGroupId: this.securityGroupId });
  }
}
