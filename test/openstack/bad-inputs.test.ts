/** The OpenStack rows of the bad-input table: each is rejected with key, value and fix, before anything registers. */
import { describe, test } from "node:test";
import { assertRejected, type BadInputCase } from "../harness/bad-config";
import { openstackSystem } from "../../components/openstack/system";
import { goodOpenstack } from "./fixtures";

type Section = typeof goodOpenstack;
const KEY = "failover-stacks:openstack";

function withSection(patch: (s: Section) => Record<string, unknown>): Record<string, unknown> {
  return { openstack: patch(structuredClone(goodOpenstack)) };
}

/** An existing network and subnet (the VRRP trust rows). */
const EXISTING_NETWORK = {
  networkId: "net-1",
  subnetId: "sub-1",
  cidr: "192.0.2.0/24",
  gateway: "192.0.2.254",
};

const cases: BadInputCase[] = [
  {
    name: "VIP outside the subnet",
    config: withSection((s) => ({ ...s, vip: "198.51.100.10" })),
    key: `${KEY}.vip`,
    value: '"198.51.100.10"',
    fix: "inside 192.0.2.0/24",
  },
  {
    name: "VIP equal to the network address",
    config: withSection((s) => ({ ...s, vip: "192.0.2.0" })),
    key: `${KEY}.vip`,
    value: '"192.0.2.0"',
    fix: "host address",
  },
  {
    name: "VIP equal to the broadcast address",
    config: withSection((s) => ({ ...s, vip: "192.0.2.255" })),
    key: `${KEY}.vip`,
    value: '"192.0.2.255"',
    fix: "host address",
  },
  {
    name: "VIP equal to the default gateway of a created subnet",
    config: withSection((s) => ({ ...s, vip: "192.0.2.1" })),
    key: `${KEY}.vip`,
    value: '"192.0.2.1"',
    fix: "router does not use",
  },
  {
    name: "VIP equal to the given gateway of an existing subnet",
    config: withSection((s) => ({
      ...s,
      network: { networkId: "net-1", subnetId: "sub-1", cidr: "192.0.2.0/24", gateway: "192.0.2.254" },
      vip: "192.0.2.254",
    })),
    key: `${KEY}.vip`,
    value: '"192.0.2.254"',
    fix: "router does not use",
  },
  {
    name: "VIP equal to a load balancer's address",
    config: withSection((s) => ({ ...s, vip: "192.0.2.12" })),
    key: `${KEY}.vip`,
    value: '"192.0.2.12"',
    fix: "no load balancer or control-plane node uses",
  },
  {
    name: "VIP equal to a control-plane node's address",
    config: withSection((s) => ({ ...s, vip: "192.0.2.22" })),
    key: `${KEY}.vip`,
    value: '"192.0.2.22"',
    fix: "no load balancer or control-plane node uses",
  },
  {
    name: "fewer than 2 load balancers",
    config: withSection((s) => ({
      ...s,
      loadBalancers: { ...s.loadBalancers, count: 1, fixedIps: undefined },
    })),
    key: `${KEY}.loadBalancers.count`,
    value: "1",
    fix: "2 or more",
  },
  {
    name: "more load balancers than distinct default priorities allow",
    config: withSection((s) => ({
      ...s,
      loadBalancers: { ...s.loadBalancers, count: 9, fixedIps: undefined },
    })),
    key: `${KEY}.loadBalancers.count`,
    value: "9",
    fix: "2 to 8",
  },
  {
    name: "even control-plane count without the dev flag",
    config: withSection((s) => ({
      ...s,
      controlPlane: { ...s.controlPlane, count: 4, fixedIps: undefined },
    })),
    key: `${KEY}.controlPlane.count`,
    value: "4",
    fix: "odd count such as 5",
  },
  {
    name: "a single control-plane node without the dev flag",
    config: withSection((s) => ({
      ...s,
      controlPlane: { ...s.controlPlane, count: 1, fixedIps: undefined },
    })),
    key: `${KEY}.controlPlane.count`,
    value: "1",
    fix: "devSingleControlPlane: true",
  },
  {
    name: "the dev flag in a production stack",
    config: {
      production: true,
      ...withSection((s) => ({
        ...s,
        devSingleControlPlane: true,
        controlPlane: { ...s.controlPlane, count: 1, fixedIps: ["192.0.2.21"] },
      })),
    },
    key: `${KEY}.devSingleControlPlane`,
    value: "true",
    fix: "remove devSingleControlPlane",
  },
  {
    name: "overlapping VRRP router id with another LB pair on the network",
    config: withSection((s) => ({
      ...s,
      loadBalancers: { ...s.loadBalancers, virtualRouterId: 51, otherRouterIdsOnNetwork: [50, 51] },
    })),
    key: `${KEY}.loadBalancers.virtualRouterId`,
    value: "51",
    fix: "for example 1",
  },
  {
    name: "VRRP router id out of range",
    config: withSection((s) => ({ ...s, loadBalancers: { ...s.loadBalancers, virtualRouterId: 256 } })),
    key: `${KEY}.loadBalancers.virtualRouterId`,
    value: "256",
    fix: "1 to 255",
  },
  {
    name: "SSH from 0.0.0.0/0",
    config: withSection((s) => ({ ...s, adminCidrs: ["0.0.0.0/0"] })),
    key: `${KEY}.adminCidrs[0]`,
    value: '"0.0.0.0/0"',
    fix: "admin networks",
  },
  {
    name: "client CIDR with host bits",
    config: withSection((s) => ({ ...s, clientCidrs: ["198.51.100.0/24", "203.0.113.7/24"] })),
    key: `${KEY}.clientCidrs[1]`,
    value: '"203.0.113.7/24"',
    fix: "203.0.113.0/24",
  },
  {
    name: "admin CIDR with host bits",
    config: withSection((s) => ({ ...s, adminCidrs: ["198.51.100.10/24"] })),
    key: `${KEY}.adminCidrs[0]`,
    value: '"198.51.100.10/24"',
    fix: "198.51.100.0/24",
  },
  {
    name: "no client CIDRs (least privilege needs an explicit list)",
    config: withSection((s) => ({ ...s, clientCidrs: [] })),
    key: `${KEY}.clientCidrs`,
    value: "[]",
    fix: "list the networks that call the Kubernetes API",
  },
  {
    name: "client CIDRs missing",
    config: withSection((s) => ({ ...s, clientCidrs: undefined })),
    key: `${KEY}.clientCidrs`,
    value: "(missing)",
    fix: "add this required key",
  },
  {
    name: "duplicate priorities",
    config: withSection((s) => ({ ...s, loadBalancers: { ...s.loadBalancers, priorities: [150, 150] } })),
    key: `${KEY}.loadBalancers.priorities[1]`,
    value: "150",
    fix: "distinct priority",
  },
  {
    name: "priority list length differs from the LB count",
    config: withSection((s) => ({ ...s, loadBalancers: { ...s.loadBalancers, priorities: [150] } })),
    key: `${KEY}.loadBalancers.priorities`,
    value: "[150]",
    fix: "exactly 2 distinct priorities",
  },
  {
    name: "priority 255 (reserved for the address owner)",
    config: withSection((s) => ({ ...s, loadBalancers: { ...s.loadBalancers, priorities: [255, 100] } })),
    key: `${KEY}.loadBalancers.priorities[0]`,
    value: "255",
    fix: "1 to 254",
  },
  {
    name: "two nodes pinned to one address",
    config: withSection((s) => ({
      ...s,
      controlPlane: { ...s.controlPlane, fixedIps: ["192.0.2.21", "192.0.2.11", "192.0.2.23"] },
    })),
    key: `${KEY}.controlPlane.fixedIps[1]`,
    value: '"192.0.2.11"',
    fix: "its own address",
  },
  {
    name: "node address outside the subnet",
    config: withSection((s) => ({
      ...s,
      loadBalancers: { ...s.loadBalancers, fixedIps: ["192.0.2.11", "192.0.3.12"] },
    })),
    key: `${KEY}.loadBalancers.fixedIps[1]`,
    value: '"192.0.3.12"',
    fix: "inside 192.0.2.0/24",
  },
  {
    name: "fixed IP count differs from the node count",
    config: withSection((s) => ({ ...s, controlPlane: { ...s.controlPlane, fixedIps: ["192.0.2.21"] } })),
    key: `${KEY}.controlPlane.fixedIps`,
    value: '["192.0.2.21"]',
    fix: "exactly 3 addresses",
  },
  {
    name: "addresses partly pinned (an allocated VIP could take a pinned node address)",
    config: withSection((s) => ({ ...s, vip: undefined })),
    key: `${KEY}.vip`,
    value: "(missing)",
    fix: "pin all of vip, loadBalancers.fixedIps and controlPlane.fixedIps",
  },
  {
    name: "existing network without its subnet id",
    config: withSection((s) => ({
      ...s,
      network: { networkId: "net-1", cidr: "192.0.2.0/24", gateway: "192.0.2.1" },
    })),
    key: `${KEY}.network.subnetId`,
    value: "(missing)",
    fix: "add network.subnetId",
  },
  {
    name: "existing subnet without its gateway",
    config: withSection((s) => ({
      ...s,
      network: { networkId: "net-1", subnetId: "sub-1", cidr: "192.0.2.0/24" },
    })),
    key: `${KEY}.network.gateway`,
    value: "(missing)",
    fix: "gateway_ip",
  },
  {
    name: "gateway outside the subnet",
    config: withSection((s) => ({
      ...s,
      network: { networkId: "net-1", subnetId: "sub-1", cidr: "192.0.2.0/24", gateway: "198.51.100.1" },
    })),
    key: `${KEY}.network.gateway`,
    value: '"198.51.100.1"',
    fix: "inside 192.0.2.0/24",
  },
  {
    name: "subnet CIDR with host bits",
    config: withSection((s) => ({ ...s, network: { cidr: "192.0.2.10/24" } })),
    key: `${KEY}.network.cidr`,
    value: '"192.0.2.10/24"',
    fix: "192.0.2.0/24",
  },
  {
    name: "subnet too small",
    config: withSection((s) => ({ ...s, network: { cidr: "192.0.2.0/29" } })),
    key: `${KEY}.network.cidr`,
    value: '"192.0.2.0/29"',
    fix: "/28 or larger",
  },
  {
    name: "floating IP on a created network without a route to the outside",
    config: withSection((s) => ({ ...s, floatingIpPool: "public" })),
    key: `${KEY}.network.externalNetworkId`,
    value: "(missing)",
    fix: "set network.externalNetworkId",
  },
  {
    name: "unknown timing profile",
    config: withSection((s) => ({ ...s, timing: "turbo" })),
    key: `${KEY}.timing`,
    value: '"turbo"',
    fix: '"fast", "conservative", "tight"',
  },
  {
    name: "production on an existing network with unauthenticated VRRPv3 and no stated trust",
    config: {
      ...withSection((s) => ({ ...s, network: EXISTING_NETWORK })),
      production: true,
    },
    key: `${KEY}.vrrpTrustExistingNetwork`,
    value: "(missing)",
    fix: /vrrpTrustExistingNetwork: true .*or set vrrpAuth: password/,
  },
  {
    name: "production on an existing network with the trust explicitly false",
    config: {
      ...withSection((s) => ({ ...s, network: EXISTING_NETWORK, vrrpTrustExistingNetwork: false })),
      production: true,
    },
    key: `${KEY}.vrrpTrustExistingNetwork`,
    value: "false",
    fix: "vrrpAuth: password",
  },
  {
    name: "VRRP trust stated for a network the stack creates",
    config: withSection((s) => ({ ...s, vrrpTrustExistingNetwork: true })),
    key: `${KEY}.vrrpTrustExistingNetwork`,
    value: "true",
    fix: "remove vrrpTrustExistingNetwork",
  },
  {
    name: "VRRP trust stated together with VRRPv2 password authentication",
    config: withSection((s) => ({
      ...s,
      network: EXISTING_NETWORK,
      vrrpAuth: "password",
      vrrpTrustExistingNetwork: true,
    })),
    key: `${KEY}.vrrpTrustExistingNetwork`,
    value: "true",
    fix: "remove vrrpTrustExistingNetwork",
  },
  {
    name: "VRRP trust that is not a boolean",
    config: withSection((s) => ({ ...s, network: EXISTING_NETWORK, vrrpTrustExistingNetwork: "yes" })),
    key: `${KEY}.vrrpTrustExistingNetwork`,
    value: '"yes"',
    fix: "vrrpTrustExistingNetwork: true",
  },
  {
    name: "unknown key (typo)",
    config: withSection((s) => ({ ...s, loadBalancer: {} })),
    key: `${KEY}.loadBalancer`,
    value: "{}",
    fix: "did you mean loadBalancers? Rename loadBalancer to loadBalancers",
  },
  {
    name: "interface name that keepalived would misread (leading underscore)",
    config: withSection((s) => ({ ...s, loadBalancers: { ...s.loadBalancers, interfaceName: "_ens3" } })),
    key: `${KEY}.loadBalancers.interfaceName`,
    value: '"_ens3"',
    fix: "such as ens3",
  },
  {
    name: "interface name longer than IFNAMSIZ",
    config: withSection((s) => ({
      ...s,
      loadBalancers: { ...s.loadBalancers, interfaceName: "enp0s31f6-longname" },
    })),
    key: `${KEY}.loadBalancers.interfaceName`,
    value: "enp0s31f6-longname",
    fix: "at most 15 characters",
  },
  {
    name: "cluster name too long for the derived server names",
    config: withSection((s) => ({ ...s, clusterName: "a".repeat(41) })),
    key: `${KEY}.clusterName`,
    value: "a".repeat(41),
    fix: "shorten it",
  },
  // Issue 15: IPv6 where only IPv4 renders (security-group rules are ethertype IPv4).
  {
    name: "IPv6 client CIDR (the rule would be ethertype IPv4 with an IPv6 prefix)",
    config: withSection((s) => ({ ...s, clientCidrs: ["198.51.100.0/24", "2001:db8::/32"] })),
    key: `${KEY}.clientCidrs[1]`,
    value: '"2001:db8::/32"',
    fix: "use an IPv4 value (a dotted quad such as 192.0.2.10, or a CIDR such as 192.0.2.0/24), or remove the entry",
  },
  {
    name: "IPv6 admin CIDR",
    config: withSection((s) => ({ ...s, adminCidrs: ["2001:db8:1::/48"] })),
    key: `${KEY}.adminCidrs[0]`,
    value: '"2001:db8:1::/48"',
    fix: "use an IPv4 value",
  },
  {
    name: "IPv6 subnet CIDR",
    config: withSection((s) => ({ ...s, network: { cidr: "2001:db8::/64" } })),
    key: `${KEY}.network.cidr`,
    value: '"2001:db8::/64"',
    fix: "use an IPv4 value",
  },
  {
    name: "IPv6 VIP",
    config: withSection((s) => ({ ...s, vip: "2001:db8::10" })),
    key: `${KEY}.vip`,
    value: '"2001:db8::10"',
    fix: "use an IPv4 value",
  },
  {
    name: "IPv6 DNS nameserver",
    config: withSection((s) => ({
      ...s,
      network: { cidr: "192.0.2.0/24", dnsNameservers: ["2001:4860:4860::8888"] },
    })),
    key: `${KEY}.network.dnsNameservers[0]`,
    value: '"2001:4860:4860::8888"',
    fix: "use an IPv4 value",
  },
  // Issue 15: repeated entries that become separate security-group rules (Neutron answers 409).
  {
    name: "the same client CIDR twice",
    config: withSection((s) => ({
      ...s,
      clientCidrs: ["198.51.100.0/24", "203.0.113.0/24", "198.51.100.0/24"],
    })),
    key: `${KEY}.clientCidrs[2]`,
    value: '"198.51.100.0/24"',
    fix: "list it once: remove entry [2]",
  },
  {
    name: "the same client CIDR in another spelling (/024)",
    config: withSection((s) => ({ ...s, clientCidrs: ["198.51.100.0/24", "198.51.100.0/024"] })),
    key: `${KEY}.clientCidrs[1]`,
    value: '"198.51.100.0/024"',
    fix: "list it once: remove entry [1]",
  },
  {
    name: "the same admin CIDR twice (a /32 and its bare address are one rule)",
    config: withSection((s) => ({ ...s, adminCidrs: ["198.51.100.10/32", "198.51.100.10/32"] })),
    key: `${KEY}.adminCidrs[1]`,
    value: '"198.51.100.10/32"',
    fix: "remove entry [1]",
  },
  {
    name: "the same DNS nameserver twice",
    config: withSection((s) => ({
      ...s,
      network: { cidr: "192.0.2.0/24", dnsNameservers: ["192.0.2.2", "192.0.2.2"] },
    })),
    key: `${KEY}.network.dnsNameservers[1]`,
    value: '"192.0.2.2"',
    fix: "remove entry [1]",
  },
  // Issue 15: ranges Neutron refuses for a subnet with DHCP.
  {
    name: "a loopback subnet CIDR",
    config: withSection((s) => ({
      ...s,
      network: { cidr: "127.0.0.0/24" },
      vip: undefined,
      loadBalancers: { ...s.loadBalancers, fixedIps: undefined },
      controlPlane: { ...s.controlPlane, fixedIps: undefined },
    })),
    key: `${KEY}.network.cidr`,
    value: '"127.0.0.0/24"',
    fix: "use a private range such as 192.168.10.0/24",
  },
  {
    name: "a multicast subnet CIDR",
    config: withSection((s) => ({
      ...s,
      network: { cidr: "224.0.1.0/24" },
      vip: undefined,
      loadBalancers: { ...s.loadBalancers, fixedIps: undefined },
      controlPlane: { ...s.controlPlane, fixedIps: undefined },
    })),
    key: `${KEY}.network.cidr`,
    value: '"224.0.1.0/24"',
    fix: "use a private range",
  },
  // Issue 15: a YAML number where text is expected.
  {
    name: "an image name YAML read as a number",
    config: withSection((s) => ({ ...s, loadBalancers: { ...s.loadBalancers, image: 22.04 } })),
    key: `${KEY}.loadBalancers.image`,
    value: "22.04",
    fix: 'quote the value so YAML keeps it as text, e.g. image: "22.04"',
  },
  // Issue 14 §8 / issue 15: the provider's credentials in plain text in the same stack file.
  {
    name: "the OpenStack password in plain text",
    config: withSection((s) => s),
    providerConfig: { "openstack:password": "hunter2" },
    key: "openstack:password",
    value: "[redacted]",
    fix: "store it encrypted with pulumi config set --secret openstack:password <value>",
  },
  {
    name: "an OpenStack application credential secret in plain text",
    config: withSection((s) => s),
    providerConfig: { "openstack:applicationCredentialSecret": "s3cr3t" },
    key: "openstack:applicationCredentialSecret",
    value: "[redacted]",
    fix: "pulumi config set --secret openstack:applicationCredentialSecret <value>",
  },
];

describe("bad OpenStack input is rejected before anything registers", () => {
  for (const c of cases) test(c.name, () => assertRejected(c, [openstackSystem]));
});
