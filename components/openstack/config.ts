/**
 * The `openstack` config section (failover-stacks:openstack): the API VIP, its LB pair and the
 * control plane behind it. Field checks live in the zod types; cross-field checks are the pure
 * functions of validate.ts. docs/openstack-api-vip.md explains every key and default.
 */
import { z } from "zod";
import { problem } from "../shared/config-errors";
import { parseNetwork } from "../shared/ip";
import {
  clientCidr,
  distinctList,
  dnsLabel,
  interfaceName,
  ipv4Address,
  networkCidr,
} from "../shared/zod-net";
import { openstackProblems } from "./validate";
import { TIMING_PROFILE_NAMES } from "./render/timing";
import {
  DEFAULT_INTERFACE_NAME,
  DEFAULT_LB_COUNT,
  DEFAULT_TIMING_PROFILE,
  DEFAULT_VIRTUAL_ROUTER_ID,
} from "./defaults";

const nonEmpty = (what: string) =>
  z.string().min(1, { error: problem(`${what} is empty`, `set ${what} to the OpenStack name or ID`) });

/** A CIDR allowed to SSH to the nodes: never the whole internet, never loopback or link-local. */
const adminCidr = networkCidr.superRefine((value, ctx) => {
  const parsed = parseNetwork(value);
  if (!parsed.ok) return;
  if (parsed.cidr.prefix === 0) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "SSH from the whole internet is not allowed",
        "list only your admin networks in adminCidrs (for example a bastion's /32)",
      ),
    });
    return;
  }
  const special = clientCidr.safeParse(value);
  if (!special.success) {
    ctx.addIssue({ code: "custom", message: special.error.issues[0].message });
  }
});

/** Each CIDR becomes its own security-group rule; Neutron answers 409 to a second identical one. */
const SAME_RULE =
  "it would render a second identical security-group rule, which Neutron refuses with 409 Conflict";

const vrrpRouterId = z
  .number()
  .int()
  .min(1, { error: problem("VRRP router ids are 1..255", "use a number from 1 to 255") })
  .max(255, { error: problem("VRRP router ids are 1..255", "use a number from 1 to 255") });

const imageAndFlavor = {
  /** Glance image name (Ubuntu/Debian with cloud-init for the LBs). */
  image: nonEmpty("image"),
  /** Nova flavor name. */
  flavor: nonEmpty("flavor"),
};

export const openstackSchema = z
  .object({
    /** Prefix of every resource name and the `failover-stacks:cluster` tag. @default "k8s" */
    clusterName: dnsLabel
      .refine((name) => name.length <= 40, {
        error: problem(
          "the cluster name is longer than 40 characters",
          "shorten it: server and port names add suffixes such as -api-lb-1 and must stay DNS labels",
        ),
      })
      .default("k8s"),
    network: z
      .object({
        /** Existing network; give it with subnetId, cidr and gateway. Omit both IDs to create one. */
        networkId: nonEmpty("network.networkId").optional(),
        subnetId: nonEmpty("network.subnetId").optional(),
        /** The subnet's IPv4 CIDR (of the existing subnet, or of the one to create). */
        cidr: networkCidr,
        /** The subnet's gateway. Required for an existing subnet. @default first host of cidr */
        gateway: ipv4Address.optional(),
        /** Created subnet only. @default [] */
        dnsNameservers: distinctList(
          ipv4Address,
          "Neutron refuses a subnet with a repeated nameserver",
        ).default([]),
        /** Created network only: external network to route the subnet to (needed for a floating IP). */
        externalNetworkId: nonEmpty("network.externalNetworkId").optional(),
      })
      .strict(),
    /** The API VIP. Omit to let Neutron allocate it; it is then read back from the VIP port. */
    vip: ipv4Address.optional(),
    /** External network (pool) to take a floating IP from for the VIP. @default none */
    floatingIpPool: nonEmpty("floatingIpPool").optional(),
    /** Existing Nova key pair put on every node. @default none */
    keyPair: nonEmpty("keyPair").optional(),
    /** Who may reach the API on TCP 6443 (besides the nodes). Required: there is no safe default. */
    clientCidrs: distinctList(clientCidr, SAME_RULE).min(1, {
      error: problem(
        "no client CIDRs",
        "list the networks that call the Kubernetes API (for example your office and CI ranges)",
      ),
    }),
    /** Who may SSH to the nodes. @default [] (no SSH rule at all) */
    adminCidrs: distinctList(adminCidr, SAME_RULE).default([]),
    /** Failover timing profile of keepalived and HAProxy. @default "fast" */
    timing: z.enum(TIMING_PROFILE_NAMES).default(DEFAULT_TIMING_PROFILE),
    /** "none": VRRPv3 without authentication; "password": VRRPv2 PASS with a generated secret. @default "none" */
    vrrpAuth: z.enum(["none", "password"]).default("none"),
    /**
     * Production on an existing network with vrrpAuth "none" must set this to true: it states that
     * no untrusted port on that network has port security disabled (VRRPv3 adverts are not
     * authenticated; see docs/openstack-api-vip.md, VRRP trust). Only for an existing network.
     * @default unset (false)
     */
    vrrpTrustExistingNetwork: z
      .boolean({
        error: problem("expected true or false", "write vrrpTrustExistingNetwork: true or remove it"),
      })
      .optional(),
    /** Allows a single control-plane node (never in production). @default false */
    devSingleControlPlane: z
      .boolean({ error: problem("expected true or false", "write devSingleControlPlane: true or false") })
      .default(false),
    loadBalancers: z
      .object({
        /** Number of keepalived + HAProxy nodes sharing the VIP. @default 2 */
        count: z
          .number()
          .int()
          .min(2, {
            error: problem(
              "a VIP pair needs at least 2 load balancers",
              "set loadBalancers.count to 2 or more",
            ),
          })
          // The default priorities step down by 10 from 150; more LBs add VRRP traffic, not safety.
          .max(8, { error: problem("more than 8 load balancers", "use 2 to 8 load balancers for one VIP") })
          .default(DEFAULT_LB_COUNT),
        ...imageAndFlavor,
        /** Pinned addresses, one per LB (recommended: keepalived peers are then stable). @default allocated */
        fixedIps: z.array(ipv4Address).optional(),
        /** VRRP priorities, one per LB, distinct. @default 150, 140, ... */
        priorities: z
          .array(
            z
              .number()
              .int()
              .min(1, { error: problem("VRRP priorities are 1..254", "use 1 to 254") })
              .max(254, { error: problem("VRRP priorities are 1..254", "use 1 to 254 (255 means owner)") }),
          )
          .optional(),
        /** NIC name inside the LB image that carries the VIP. @default "ens3" */
        interfaceName: interfaceName.default(DEFAULT_INTERFACE_NAME),
        /** VRRP virtual_router_id, unique among the pairs on this network. @default 51 */
        virtualRouterId: vrrpRouterId.default(DEFAULT_VIRTUAL_ROUTER_ID),
        /** Router ids other keepalived pairs already use on this network, to reject overlaps. @default [] */
        otherRouterIdsOnNetwork: z.array(vrrpRouterId).default([]),
      })
      .strict(),
    controlPlane: z
      .object({
        /** Odd, at least 3 (1 only with devSingleControlPlane). @default 3 */
        count: z.number().int().min(1).default(3),
        ...imageAndFlavor,
        /** Pinned addresses, one per node. @default allocated */
        fixedIps: z.array(ipv4Address).optional(),
      })
      .strict(),
    /** Optional worker nodes on the same subnet. @default none */
    workers: z
      .object({ count: z.number().int().min(1), ...imageAndFlavor })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    for (const p of openstackProblems(config)) {
      ctx.addIssue({ code: "custom", path: [...p.path], message: p.message });
    }
  });

export type OpenstackConfig = z.output<typeof openstackSchema>;
