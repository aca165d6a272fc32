/** Every bad input of the kubernetesServices section is rejected before anything registers. */
import { describe, test } from "node:test";
import { assertRejected, type BadInputCase } from "../harness/bad-config";
import { goodSection } from "./fixtures";

const KEY = "failover-stacks:kubernetesServices";

type Section = Record<string, unknown>;
type Item = Record<string, unknown>;

/** A valid section with one part changed. */
function withSection(change: (section: Section) => void): Record<string, unknown> {
  const section = goodSection();
  change(section);
  return { kubernetesServices: section };
}
const lb = (s: Section): Item => (s.internalLoadBalancers as Item[])[0];
const ext = (s: Section, i = 0): Item => (s.externalServices as Item[])[i];
const metallb = (s: Section): Item => s.metallb as Item;
const pool = (s: Section, i = 0): Item => (metallb(s).pools as Item[])[i];
const ingress = (s: Section): Item => s.ingressNginx as Item;

const cases: BadInputCase[] = [
  {
    name: "unsupported cloud is an error, never a public load balancer",
    config: withSection((s) => (lb(s).cloud = "hetzner")),
    key: `${KEY}.internalLoadBalancers[0].cloud`,
    value: '"hetzner"',
    fix: "use one of aws, aws-lbc, gcp, azure, digitalocean, openstack",
  },
  {
    name: "cloud name with the wrong case",
    config: withSection((s) => (lb(s).cloud = "GCP")),
    key: `${KEY}.internalLoadBalancers[0].cloud`,
    value: '"GCP"',
    fix: "metallb pool",
  },
  {
    name: "unsupported cloud for the ingress-nginx load balancer",
    config: withSection((s) => (ingress(s).loadBalancer = { internalCloud: "bare-metal" })),
    key: `${KEY}.ingressNginx.loadBalancer.internalCloud`,
    value: '"bare-metal"',
    fix: "use one of aws",
  },
  {
    name: "Service name starting with a digit",
    config: withSection((s) => (lb(s).name = "1api")),
    key: `${KEY}.internalLoadBalancers[0].name`,
    value: '"1api"',
    fix: "starting with a letter",
  },
  {
    name: "several ports without names",
    config: withSection((s) => (lb(s).ports = [{ port: 80 }, { port: 443 }])),
    key: `${KEY}.internalLoadBalancers[0].ports[0].name`,
    value: "(missing)",
    fix: "add name:",
  },
  {
    name: "the same port twice",
    config: withSection(
      (s) =>
        (lb(s).ports = [
          { name: "a", port: 443 },
          { name: "b", port: 443 },
        ]),
    ),
    key: `${KEY}.internalLoadBalancers[0].ports[1].port`,
    value: "443",
    fix: "list each port once",
  },
  {
    name: "port out of range",
    config: withSection((s) => (lb(s).ports = [{ port: 70000 }])),
    key: `${KEY}.internalLoadBalancers[0].ports[0].port`,
    value: "70000",
    fix: "at most 65535",
  },
  {
    name: "port name too long",
    config: withSection((s) => (lb(s).ports = [{ name: "https-for-the-api", port: 443 }])),
    key: `${KEY}.internalLoadBalancers[0].ports[0].name`,
    value: "https-for-the-api",
    fix: "at most 15",
  },
  {
    name: "empty selector (would select nothing, or everything)",
    config: withSection((s) => (lb(s).selector = {})),
    key: `${KEY}.internalLoadBalancers[0].selector`,
    value: "{}",
    fix: "at least one label",
  },
  {
    name: "bad label key in the selector",
    config: withSection((s) => (lb(s).selector = { "app name": "api" })),
    key: `${KEY}.internalLoadBalancers[0].selector.app name`,
    value: '"api"',
    fix: "[prefix/]name",
  },
  {
    name: "source range with host bits",
    config: withSection((s) => (lb(s).sourceRanges = ["198.51.100.7/24"])),
    key: `${KEY}.internalLoadBalancers[0].sourceRanges[0]`,
    value: "198.51.100.7/24",
    fix: "198.51.100.0/24",
  },
  {
    name: "source range of the whole internet",
    config: withSection((s) => (lb(s).sourceRanges = ["0.0.0.0/0"])),
    key: `${KEY}.internalLoadBalancers[0].sourceRanges[0]`,
    value: "0.0.0.0/0",
    fix: "list only the networks",
  },
  {
    name: "two internal load balancers with one name",
    config: withSection((s) => (s.internalLoadBalancers = [lb(s), { ...lb(s) }])),
    key: `${KEY}.internalLoadBalancers[1].name`,
    value: '"api"',
    fix: "another name",
  },
  {
    name: "typo in a key (sourceRange)",
    config: withSection((s) => (s.internalLoadBalancers = [{ sourceRange: ["198.51.100.0/24"], ...lb(s) }])),
    key: `${KEY}.internalLoadBalancers[0].sourceRange`,
    value: '["198.51.100.0/24"]',
    fix: "did you mean sourceRanges? Rename sourceRange to sourceRanges",
  },
  {
    name: "ExternalName given an IP address",
    config: withSection((s) => (ext(s, 1).backend = { dnsName: "192.0.2.41", port: 80 })),
    key: `${KEY}.externalServices[1].backend.dnsName`,
    value: '"192.0.2.41"',
    fix: "move the IP to backend.address",
  },
  {
    name: "ExternalName given an IPv6 address",
    config: withSection((s) => (ext(s, 1).backend = { dnsName: "2001:db8::41", port: 80 })),
    key: `${KEY}.externalServices[1].backend.dnsName`,
    value: "2001:db8::41",
    fix: "backend.address",
  },
  {
    name: "invalid backend DNS name",
    config: withSection((s) => (ext(s, 1).backend = { dnsName: "docs..example.net", port: 443 })),
    key: `${KEY}.externalServices[1].backend.dnsName`,
    value: "docs..example.net",
    fix: "fully qualified",
  },
  {
    name: "backend with both a DNS name and an address",
    config: withSection(
      (s) => (ext(s).backend = { dnsName: "blog.example.net", address: "192.0.2.41", port: 80 }),
    ),
    key: `${KEY}.externalServices[0].backend`,
    value: "blog.example.net",
    fix: "{dnsName: ...} or {address: ...}",
  },
  {
    name: "backend address that is not an IP",
    config: withSection((s) => (ext(s).backend = { address: "192.0.2.300", port: 80 })),
    key: `${KEY}.externalServices[0].backend.address`,
    value: "192.0.2.300",
    fix: "backend.dnsName",
  },
  {
    name: "backend address in the metadata range",
    config: withSection((s) => (ext(s).backend = { address: "169.254.169.254", port: 80 })),
    key: `${KEY}.externalServices[0].backend.address`,
    value: "169.254.169.254",
    fix: "routable address",
  },
  {
    name: "invalid Ingress host name",
    config: withSection((s) => (ext(s).host = "Blog_Site.example.com")),
    key: `${KEY}.externalServices[0].host`,
    value: "Blog_Site.example.com",
    fix: "lowercase fully qualified name",
  },
  {
    name: "Ingress host that is an IP address",
    config: withSection((s) => (ext(s).host = "192.0.2.10")),
    key: `${KEY}.externalServices[0].host`,
    value: "192.0.2.10",
    fix: "Host header",
  },
  {
    name: "relative Ingress path",
    config: withSection((s) => (ext(s).path = "api")),
    key: `${KEY}.externalServices[0].path`,
    value: '"api"',
    fix: "start the path with '/'",
  },
  {
    name: "two external services on one host and path",
    config: withSection((s) => (ext(s, 1).host = "blog.example.com")),
    key: `${KEY}.externalServices[1].path`,
    value: '"/"',
    fix: "another host or path",
  },
  // Fields MetalLB releases before the one that added them silently drop (metallb-versions.ts).
  {
    name: "MetalLB version missing",
    config: withSection((s) => delete metallb(s).version),
    key: `${KEY}.metallb.version`,
    value: "(missing)",
    fix: "add this required key",
  },
  {
    name: "MetalLB version without a patch number",
    config: withSection((s) => (metallb(s).version = "0.14")),
    key: `${KEY}.metallb.version`,
    value: '"0.14"',
    fix: "x.y.z",
  },
  {
    name: "MetalLB configured by ConfigMap (before 0.13)",
    config: withSection((s) => (metallb(s).version = "0.12.1")),
    key: `${KEY}.metallb.version`,
    value: '"0.12.1"',
    fix: "upgrade MetalLB",
  },
  {
    name: "interfaces on MetalLB 0.13.5 (no spec.interfaces: announces on every interface)",
    config: withSection((s) => (metallb(s).version = "0.13.5")),
    key: `${KEY}.metallb.interfaces`,
    value: "eth0",
    fix: "0.13.6 or later",
  },
  {
    name: "avoidBuggyIPs on MetalLB 0.13.3",
    config: withSection((s) => {
      metallb(s).version = "v0.13.3";
      metallb(s).interfaces = [];
      pool(s).avoidBuggyIPs = true;
    }),
    key: `${KEY}.metallb.pools[0].avoidBuggyIPs`,
    value: "true",
    fix: "0.13.4 or later",
  },
  {
    name: "pool range that ends before it starts",
    config: withSection((s) => (pool(s).addresses = ["192.0.2.250-192.0.2.240"])),
    key: `${KEY}.metallb.pools[0].addresses[0]`,
    value: "192.0.2.250-192.0.2.240",
    fix: "lower address first",
  },
  {
    name: "malformed pool range",
    config: withSection((s) => (pool(s).addresses = ["192.0.2.240..192.0.2.250"])),
    key: `${KEY}.metallb.pools[0].addresses[0]`,
    value: "192.0.2.240..192.0.2.250",
    fix: "192.0.2.100-192.0.2.120",
  },
  {
    name: "pool range mixing IPv4 and IPv6",
    config: withSection((s) => (pool(s).addresses = ["192.0.2.240-2001:db8::1"])),
    key: `${KEY}.metallb.pools[0].addresses[0]`,
    value: "192.0.2.240-2001:db8::1",
    fix: "same family",
  },
  {
    name: "pool CIDR with host bits",
    config: withSection((s) => (pool(s).addresses = ["192.0.2.241/28"])),
    key: `${KEY}.metallb.pools[0].addresses[0]`,
    value: "192.0.2.241/28",
    fix: "192.0.2.240/28",
  },
  {
    name: "pool in the loopback range",
    config: withSection((s) => (pool(s).addresses = ["127.0.0.0/30"])),
    key: `${KEY}.metallb.pools[0].addresses[0]`,
    value: "127.0.0.0/30",
    fix: "nodes' own network",
  },
  {
    name: "overlapping pools",
    config: withSection((s) => (pool(s, 1).addresses = ["192.0.2.248-192.0.2.250"])),
    key: `${KEY}.metallb.pools[1].addresses[0]`,
    value: "192.0.2.248-192.0.2.250",
    fix: "give each pool its own addresses",
  },
  {
    name: "pool overlapping the node addresses",
    config: withSection((s) => (pool(s, 1).addresses = ["192.0.2.100-192.0.2.130"])),
    key: `${KEY}.metallb.pools[1].addresses[0]`,
    value: "192.0.2.100-192.0.2.130",
    fix: "outside DHCP",
  },
  {
    name: "pool overlapping the pod CIDR",
    config: withSection((s) => (metallb(s).podCidr = "192.0.2.192/26")),
    key: `${KEY}.metallb.pools[0].addresses[0]`,
    value: "192.0.2.240/28",
    fix: "never use",
  },
  {
    name: "pool overlapping the service CIDR",
    config: withSection((s) => (metallb(s).serviceCidr = "192.0.2.0/24")),
    key: `${KEY}.metallb.pools[1].addresses[0]`,
    value: "192.0.2.200-192.0.2.220",
    fix: "never use",
  },
  {
    name: "pool outside the nodes' layer 2 subnet",
    config: withSection((s) => (pool(s).addresses = ["203.0.113.16/28"])),
    key: `${KEY}.metallb.pools[0].addresses[0]`,
    value: "203.0.113.16/28",
    fix: "BGP mode",
  },
  {
    name: "two pools with one name",
    config: withSection((s) => (pool(s, 1).name = "public")),
    key: `${KEY}.metallb.pools[1].name`,
    value: '"public"',
    fix: "its own name",
  },
  {
    name: "missing pod CIDR",
    config: withSection((s) => delete metallb(s).podCidr),
    key: `${KEY}.metallb.podCidr`,
    value: "(missing)",
    fix: "add this required key",
  },
  {
    name: "interface name too long",
    config: withSection((s) => (metallb(s).interfaces = ["enp0s31f6-vlan100"])),
    key: `${KEY}.metallb.interfaces[0]`,
    value: "enp0s31f6-vlan100",
    fix: "at most 15",
  },
  {
    name: "ingress-nginx without a load-balancer choice (the chart default is public)",
    config: withSection((s) => (ingress(s).loadBalancer = {})),
    key: `${KEY}.ingressNginx.loadBalancer`,
    value: "{}",
    fix: "{metallbPool: <pool>}",
  },
  {
    name: "ingress-nginx naming an unknown pool",
    config: withSection((s) => (ingress(s).loadBalancer = { metallbPool: "edge" })),
    key: `${KEY}.ingressNginx.loadBalancer.metallbPool`,
    value: '"edge"',
    fix: "use one of public, internal",
  },
  {
    name: "ingress-nginx address outside its pool",
    config: withSection((s) => (ingress(s).loadBalancer = { metallbPool: "public", address: "192.0.2.210" })),
    key: `${KEY}.ingressNginx.loadBalancer.address`,
    value: "192.0.2.210",
    fix: "192.0.2.240/28",
  },
  {
    name: "chart version range instead of a pin",
    config: withSection((s) => (ingress(s).chartVersion = "^4.15.0")),
    key: `${KEY}.ingressNginx.chartVersion`,
    value: "^4.15.0",
    fix: "pin a version",
  },
  {
    name: "chart repository over plain HTTP",
    config: withSection((s) => (ingress(s).repository = "http://kubernetes.github.io/ingress-nginx")),
    key: `${KEY}.ingressNginx.repository`,
    value: "http://",
    fix: "https://",
  },
  {
    name: "production with a single ingress-nginx replica",
    config: { production: true, ...withSection((s) => (ingress(s).replicas = 1)) },
    key: `${KEY}.ingressNginx.replicas`,
    value: "1",
    fix: "2 or more",
  },
  {
    name: "production ingress-nginx image without a digest",
    config: {
      production: true,
      ...withSection((s) => (ingress(s).image = "registry.k8s.io/ingress-nginx/controller:v1.15.1")),
    },
    key: `${KEY}.ingressNginx.image`,
    value: "registry.k8s.io/ingress-nginx/controller:v1.15.1",
    fix: "crane digest registry.k8s.io/ingress-nginx/controller:v1.15.1",
  },
  {
    name: "ingress-nginx image without a registry (the chart writes <registry>/<path>:<tag>)",
    config: withSection((s) => (ingress(s).image = "ingress-nginx/controller:v1.15.1")),
    key: `${KEY}.ingressNginx.image`,
    value: "ingress-nginx/controller:v1.15.1",
    fix: "registry.k8s.io/ingress-nginx/controller:v1.15.1@sha256:",
  },
  {
    name: "ingress-nginx image with a malformed digest",
    config: withSection(
      (s) => (ingress(s).image = "registry.k8s.io/ingress-nginx/controller:v1.15.1@sha256:abc"),
    ),
    key: `${KEY}.ingressNginx.image`,
    value: "@sha256:abc",
    fix: "registry.k8s.io/ingress-nginx/controller:v1.15.1@sha256:<64 hex digits>",
  },
  {
    name: "ingress-nginx image latest",
    config: withSection((s) => (ingress(s).image = "registry.k8s.io/ingress-nginx/controller:latest")),
    key: `${KEY}.ingressNginx.image`,
    value: ":latest",
    fix: "@sha256:",
  },
  // Traefik: the same checks as ingress-nginx, and no clash when both run during a move.
  {
    name: "traefik naming an unknown pool",
    config: withSection((s) => (s.traefik = { loadBalancer: { metallbPool: "missing" } })),
    key: `${KEY}.traefik.loadBalancer.metallbPool`,
    value: "missing",
    fix: "use one of public, internal",
  },
  {
    name: "traefik address outside its pool",
    config: withSection(
      (s) =>
        (s.traefik = { className: "traefik", loadBalancer: { metallbPool: "public", address: "192.0.2.1" } }),
    ),
    key: `${KEY}.traefik.loadBalancer.address`,
    value: "192.0.2.1",
    fix: "192.0.2.240/28",
  },
  {
    name: "traefik without a load-balancer choice (the chart default is public)",
    config: withSection((s) => (s.traefik = { loadBalancer: {} })),
    key: `${KEY}.traefik.loadBalancer`,
    value: "{}",
    fix: "metallbPool",
  },
  {
    name: "production traefik with the chart's default image (a tag, no digest)",
    config: {
      production: true,
      ...withSection((s) => {
        delete s.ingressNginx;
        s.traefik = { loadBalancer: { internalCloud: "gcp" } };
      }),
    },
    key: `${KEY}.traefik.image`,
    // Not written, so the default: the message names it (and how to get its digest).
    value: "(missing)",
    fix: "skopeo inspect --format '{{.Digest}}' docker://docker.io/traefik:v3.7.11",
  },
  {
    name: "production with a single traefik replica",
    config: {
      production: true,
      ...withSection((s) => {
        delete s.ingressNginx;
        s.traefik = { replicas: 1, loadBalancer: { internalCloud: "gcp" } };
      }),
    },
    key: `${KEY}.traefik.replicas`,
    value: "1",
    fix: "2 or more",
  },
  {
    name: "traefik and ingress-nginx on one IngressClass",
    config: withSection((s) => (s.traefik = { className: "nginx", loadBalancer: { internalCloud: "gcp" } })),
    key: `${KEY}.traefik.className`,
    value: "nginx",
    fix: "its own className",
  },
  {
    name: "traefik and ingress-nginx both the default IngressClass",
    config: withSection((s) => (s.traefik = { defaultClass: true, loadBalancer: { internalCloud: "gcp" } })),
    key: `${KEY}.traefik.defaultClass`,
    value: "true",
    fix: "one controller only",
  },
  // Issue 15: IPv6 where only IPv4 renders (single-stack Services, IPv4 pools).
  {
    name: "IPv6 load-balancer source range",
    config: withSection((s) => (lb(s).sourceRanges = ["2001:db8::/32"])),
    key: `${KEY}.internalLoadBalancers[0].sourceRanges[0]`,
    value: '"2001:db8::/32"',
    fix: "use an IPv4 value (a dotted quad such as 192.0.2.10, or a CIDR such as 192.0.2.0/24), or remove the entry",
  },
  {
    name: "IPv6 MetalLB pool CIDR",
    config: withSection((s) => (pool(s).addresses = ["2001:db8::/120"])),
    key: `${KEY}.metallb.pools[0].addresses[0]`,
    value: '"2001:db8::/120"',
    fix: "use an IPv4 value",
  },
  {
    name: "IPv6 MetalLB pool range",
    config: withSection((s) => (pool(s).addresses = ["2001:db8::10-2001:db8::20"])),
    key: `${KEY}.metallb.pools[0].addresses[0]`,
    value: '"2001:db8::10-2001:db8::20"',
    fix: "use an IPv4 value",
  },
  {
    name: "IPv6 node CIDR",
    config: withSection((s) => (metallb(s).nodeCidrs = ["2001:db8:1::/64"])),
    key: `${KEY}.metallb.nodeCidrs[0]`,
    value: '"2001:db8:1::/64"',
    fix: "use an IPv4 value",
  },
  {
    name: "IPv6 pod CIDR",
    config: withSection((s) => (metallb(s).podCidr = "fd00:10:244::/56")),
    key: `${KEY}.metallb.podCidr`,
    value: '"fd00:10:244::/56"',
    fix: "use an IPv4 value",
  },
  {
    name: "IPv6 ingress-nginx pool address",
    config: withSection((s) => ((ingress(s).loadBalancer as Item).address = "2001:db8::240")),
    key: `${KEY}.ingressNginx.loadBalancer.address`,
    value: '"2001:db8::240"',
    fix: "use an IPv4 value",
  },
  // Issue 15: repeated entries that become separate rules or objects.
  {
    name: "the same source range twice, in two spellings",
    config: withSection((s) => (lb(s).sourceRanges = ["10.0.0.0/8", "10.0.0.0/08"])),
    key: `${KEY}.internalLoadBalancers[0].sourceRanges[1]`,
    value: '"10.0.0.0/08"',
    fix: "list it once: remove entry [1]",
  },
  {
    name: "the same MetalLB interface twice",
    config: withSection((s) => (metallb(s).interfaces = ["eth0", "eth0"])),
    key: `${KEY}.metallb.interfaces[1]`,
    value: '"eth0"',
    fix: "remove entry [1]",
  },
  {
    name: "the same node CIDR twice",
    config: withSection((s) => (metallb(s).nodeCidrs = ["192.0.2.0/25", "192.0.2.0/25"])),
    key: `${KEY}.metallb.nodeCidrs[1]`,
    value: '"192.0.2.0/25"',
    fix: "remove entry [1]",
  },
  // Issue 14 §8 / issue 15: secrets in plain text.
  {
    name: "a kubeconfig in plain text",
    config: withSection(() => undefined),
    key: `${KEY}.kubeconfig`,
    value: "[redacted]",
    fix: "store it encrypted with pulumi config set --secret --path 'failover-stacks:kubernetesServices.kubeconfig' <value>",
  },
  {
    name: "the Kubernetes provider's kubeconfig in plain text",
    config: withSection(() => undefined),
    secretKeys: ["failover-stacks:kubernetesServices"],
    providerConfig: { "kubernetes:kubeconfig": "apiVersion: v1" },
    key: "kubernetes:kubeconfig",
    value: "[redacted]",
    fix: "store it encrypted with pulumi config set --secret kubernetes:kubeconfig <value>",
  },
];

describe("bad input is rejected before anything registers (kubernetesServices)", () => {
  for (const c of cases) test(c.name, () => assertRejected(c));
});
