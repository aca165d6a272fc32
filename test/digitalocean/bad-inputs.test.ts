/** Every bad `digitalocean` input the issue lists (and more) is rejected before anything registers. */
import { describe, test } from "node:test";
import { assertRejected, type BadInputCase } from "../harness/bad-config";
import { destinations, section } from "./fixtures";

const KEY = "failover-stacks:digitalocean";
const dest0 = `${KEY}.routeSets[0].destinations[0]`;
const noCreate = { create: undefined, kubeconfig: undefined };

const cases: BadInputCase[] = [
  // Destinations: format
  {
    name: "destination is a hostname",
    config: { digitalocean: destinations("partner.example.com") },
    key: dest0,
    value: "partner.example.com",
    fix: "203.0.113.7",
  },
  {
    name: "destination CIDR with host bits",
    config: { digitalocean: destinations("203.0.113.5/24") },
    key: dest0,
    value: "203.0.113.5/24",
    fix: "203.0.113.0/24",
  },
  {
    name: "destination prefix out of range",
    config: { digitalocean: destinations("203.0.113.0/33") },
    key: dest0,
    value: "203.0.113.0/33",
    fix: "203.0.113.7",
  },
  {
    name: "destination in short form",
    config: { digitalocean: destinations("203.0.113") },
    key: dest0,
    value: '"203.0.113"',
    fix: "203.0.113.7",
  },
  {
    name: "IPv6 destination",
    config: { digitalocean: destinations("2001:db8::1") },
    key: dest0,
    value: "2001:db8::1",
    fix: "IPv4",
  },
  {
    name: "no destinations",
    config: { digitalocean: destinations() },
    key: `${KEY}.routeSets[0].destinations`,
    value: "[]",
    fix: "at least 1",
  },
  // Destinations: unsafe ranges
  {
    name: "default route with the operator backend",
    config: { digitalocean: destinations("0.0.0.0/0") },
    key: dest0,
    value: "0.0.0.0/0",
    fix: "backend: routing-agent",
  },
  {
    name: "destination overlaps the VPC CIDR",
    config: { digitalocean: destinations("10.110.4.0/24") },
    key: dest0,
    value: "10.110.4.0/24",
    fix: "outside that range",
  },
  {
    name: "destination contains the VPC CIDR",
    config: { digitalocean: destinations("10.0.0.0/8") },
    key: dest0,
    value: "10.0.0.0/8",
    fix: "outside that range",
  },
  {
    name: "destination inside the pod CIDR",
    config: { digitalocean: destinations("10.244.3.7") },
    key: dest0,
    value: "10.244.3.7",
    fix: "outside that range",
  },
  {
    name: "destination overlaps the service CIDR",
    config: { digitalocean: destinations("10.245.0.0/24") },
    key: dest0,
    value: "10.245.0.0/24",
    fix: "outside that range",
  },
  {
    name: "destination is the metadata address",
    config: { digitalocean: destinations("169.254.169.254") },
    key: dest0,
    value: "169.254.169.254",
    fix: "outside that range",
  },
  {
    name: "destination covers the metadata address",
    config: { digitalocean: destinations("169.254.0.0/16") },
    key: dest0,
    value: "169.254.0.0/16",
    fix: "outside that range",
  },
  {
    name: "destination covers the cluster API endpoint",
    config: {
      digitalocean: {
        ...destinations("203.0.113.192/26"),
        cluster: { ...(section({}).cluster as object), apiEndpoint: "203.0.113.200" },
      },
    },
    key: dest0,
    value: "203.0.113.192/26",
    fix: "outside that range",
  },
  {
    name: "loopback destination",
    config: { digitalocean: destinations("127.0.0.1") },
    key: dest0,
    value: "127.0.0.1",
    fix: "partner's public addresses",
  },
  {
    name: "multicast destination",
    config: { digitalocean: destinations("224.0.0.0/4") },
    key: dest0,
    value: "224.0.0.0/4",
    fix: "partner's public addresses",
  },
  // Destinations: duplicates
  {
    name: "same destination in two route sets (bare and /32)",
    config: {
      digitalocean: section({
        routeSets: [
          { name: "a", destinations: ["203.0.113.10"] },
          { name: "b", destinations: ["203.0.113.10/32"] },
        ],
      }),
    },
    key: `${KEY}.routeSets[1].destinations[0]`,
    value: "203.0.113.10/32",
    fix: "exactly one route set",
  },
  {
    name: "same destination twice in one route set",
    config: { digitalocean: destinations("203.0.113.10", "203.0.113.10") },
    key: `${KEY}.routeSets[0].destinations[1]`,
    value: "203.0.113.10",
    fix: "list it once: remove entry [1]",
  },
  {
    name: "two route sets with one name",
    config: {
      digitalocean: section({
        routeSets: [
          { name: "a", destinations: ["203.0.113.10"] },
          { name: "a", destinations: ["203.0.113.11"] },
        ],
      }),
    },
    key: `${KEY}.routeSets[1].name`,
    value: '"a"',
    fix: "unique",
  },
  {
    name: "no route sets",
    config: { digitalocean: section({ routeSets: [] }) },
    key: `${KEY}.routeSets`,
    value: "[]",
    fix: "at least 1",
  },
  {
    name: "route set name not a DNS label",
    config: { digitalocean: section({ routeSets: [{ name: "Partner_A", destinations: ["203.0.113.10"] }] }) },
    key: `${KEY}.routeSets[0].name`,
    value: "Partner_A",
    fix: "lowercase",
  },
  // Gateways
  {
    name: "gateway address outside the VPC",
    config: { digitalocean: section({ gateways: { count: 2, privateIps: ["10.110.0.5", "10.120.0.5"] } }) },
    key: `${KEY}.gateways.privateIps[1]`,
    value: "10.120.0.5",
    fix: "inside 10.110.0.0/20",
  },
  {
    name: "gateway address is the VPC network address",
    config: { digitalocean: section({ gateways: { count: 2, privateIps: ["10.110.0.0", "10.110.0.6"] } }) },
    key: `${KEY}.gateways.privateIps[0]`,
    value: "10.110.0.0",
    fix: "inside 10.110.0.0/20",
  },
  {
    name: "gateway addresses fewer than gateways",
    config: { digitalocean: section({ gateways: { count: 2, privateIps: ["10.110.0.5"] } }) },
    key: `${KEY}.gateways.privateIps`,
    value: "10.110.0.5",
    fix: "exactly 2 addresses",
  },
  {
    name: "two gateways with one address",
    config: { digitalocean: section({ gateways: { count: 2, privateIps: ["10.110.0.5", "10.110.0.5"] } }) },
    key: `${KEY}.gateways.privateIps[1]`,
    value: "10.110.0.5",
    fix: "remove entry [1]",
  },
  {
    name: "gateway address malformed",
    config: { digitalocean: section({ gateways: { count: 2, privateIps: ["10.110.0.5", "10.110.5"] } }) },
    key: `${KEY}.gateways.privateIps[1]`,
    value: "10.110.5",
    fix: "dotted quad",
  },
  {
    name: "gateway count zero",
    config: { digitalocean: section({ gateways: { count: 0 } }) },
    key: `${KEY}.gateways.count`,
    value: "0",
    fix: "at least 1",
  },
  {
    name: "gateway names fewer than gateways",
    config: { digitalocean: section({ gateways: { count: 2, names: ["primary"] }, activeGateway: 0 }) },
    key: `${KEY}.gateways.names`,
    value: "primary",
    fix: "exactly 2 names",
  },
  {
    name: "active gateway name does not exist",
    config: { digitalocean: section({ activeGateway: "gw-3" }) },
    key: `${KEY}.activeGateway`,
    value: '"gw-3"',
    fix: "gw-1, gw-2",
  },
  {
    name: "active gateway index out of range",
    config: { digitalocean: section({ activeGateway: 2 }) },
    key: `${KEY}.activeGateway`,
    value: "2",
    fix: "from 0 to 1",
  },
  {
    name: "production with one gateway",
    config: { production: true, digitalocean: section({ gateways: { count: 1 } }) },
    key: `${KEY}.gateways.count`,
    value: "1",
    fix: "2 or more",
  },
  {
    name: "managed mode with two gateways",
    config: { digitalocean: section({ mode: "managed", gateways: { count: 2 }, activeGateway: 0 }) },
    key: `${KEY}.gateways.count`,
    value: "2",
    fix: "managedSize",
  },
  {
    name: "managed mode with reserved IPs",
    config: {
      digitalocean: section({ mode: "managed", gateways: { count: 1 }, activeGateway: 0, reservedIps: true }),
    },
    key: `${KEY}.reservedIps`,
    value: "true",
    fix: "remove reservedIps",
  },
  {
    name: "unknown mode",
    config: { digitalocean: section({ mode: "nat" }) },
    key: `${KEY}.mode`,
    value: '"nat"',
    fix: '"droplets", "managed"',
  },
  {
    name: "unknown backend",
    config: { digitalocean: section({ backend: "bgp" }) },
    key: `${KEY}.backend`,
    value: '"bgp"',
    fix: '"staticroute-operator", "routing-agent"',
  },
  {
    name: "bad droplet size slug",
    config: { digitalocean: section({ gateways: { count: 2, size: "Small VM" } }) },
    key: `${KEY}.gateways.size`,
    value: "Small VM",
    fix: "s-1vcpu-1gb",
  },
  // Cluster
  {
    name: "routing agent on an existing cluster",
    config: { digitalocean: section({ backend: "routing-agent", cluster: noCreate }) },
    key: `${KEY}.backend`,
    value: "routing-agent",
    fix: "add cluster.create",
  },
  {
    name: "created cluster with a kubeconfig",
    config: { digitalocean: section({ cluster: { kubeconfig: "apiVersion: v1" } }) },
    secretKeys: ["failover-stacks:digitalocean"],
    key: `${KEY}.cluster.kubeconfig`,
    value: "[redacted]", // a kubeconfig never appears in an error message
    fix: "remove cluster.kubeconfig",
  },
  {
    name: "context without a kubeconfig",
    config: { digitalocean: section({ cluster: { ...noCreate, context: "do-fra1" } }) },
    key: `${KEY}.cluster.context`,
    value: "do-fra1",
    fix: "add cluster.kubeconfig",
  },
  {
    name: "pod CIDR overlaps the VPC",
    config: { digitalocean: section({ cluster: { podCidr: "10.110.0.0/16" } }) },
    key: `${KEY}.cluster.podCidr`,
    value: "10.110.0.0/16",
    fix: "outside the VPC",
  },
  {
    name: "service CIDR overlaps the pod CIDR",
    config: { digitalocean: section({ cluster: { serviceCidr: "10.244.128.0/20" } }) },
    key: `${KEY}.cluster.serviceCidr`,
    value: "10.244.128.0/20",
    fix: "outside both",
  },
  {
    name: "pod CIDR missing",
    config: { digitalocean: section({ cluster: { podCidr: undefined } }) },
    key: `${KEY}.cluster.podCidr`,
    value: "(missing)",
    fix: "add this required key",
  },
  {
    name: "API endpoint not an address",
    config: { digitalocean: section({ cluster: { apiEndpoint: "k8s.example.com" } }) },
    key: `${KEY}.cluster.apiEndpoint`,
    value: "k8s.example.com",
    fix: "dotted quad",
  },
  // Network basics
  {
    name: "region not a slug",
    config: { digitalocean: section({ region: "Frankfurt" }) },
    key: `${KEY}.region`,
    value: "Frankfurt",
    fix: "fra1",
  },
  {
    name: "VPC CIDR with host bits",
    config: { digitalocean: section({ vpc: { cidr: "10.110.0.1/20" } }) },
    key: `${KEY}.vpc.cidr`,
    value: "10.110.0.1/20",
    fix: "10.110.0.0/20",
  },
  {
    name: "admin CIDR is the whole internet",
    config: { digitalocean: section({ adminCidrs: ["0.0.0.0/0"] }) },
    key: `${KEY}.adminCidrs[0]`,
    value: "0.0.0.0/0",
    fix: "only the networks",
  },
  // SSH keys and host access
  {
    name: "SSH allowed from adminCidrs but no SSH key",
    config: { digitalocean: section({ adminCidrs: ["198.51.100.128/28"], sshKeys: [] }) },
    key: `${KEY}.sshKeys`,
    value: "[]",
    fix: "adminCidrs: []",
  },
  {
    name: "SSH allowed from adminCidrs, sshKeys left out",
    config: { digitalocean: section({ adminCidrs: ["198.51.100.128/28"], sshKeys: undefined }) },
    key: `${KEY}.sshKeys`,
    value: "(missing)",
    fix: "doctl compute ssh-key list",
  },
  {
    name: "SSH key given by name",
    config: { digitalocean: section({ sshKeys: ["ops-laptop"] }) },
    key: `${KEY}.sshKeys[0]`,
    value: "ops-laptop",
    fix: "MD5 fingerprint",
  },
  {
    name: "SSH key as a SHA256 fingerprint (DigitalOcean takes MD5)",
    config: { digitalocean: section({ sshKeys: ["SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"] }) },
    key: `${KEY}.sshKeys[0]`,
    value: "SHA256:",
    fix: "MD5 fingerprint",
  },
  {
    name: "SSH key as a public key",
    config: { digitalocean: section({ sshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI ops@example"] }) },
    key: `${KEY}.sshKeys[0]`,
    value: "ssh-ed25519",
    fix: "doctl compute ssh-key list",
  },
  {
    name: "SSH key ID not a positive integer",
    config: { digitalocean: section({ sshKeys: [-5] }) },
    key: `${KEY}.sshKeys[0]`,
    value: "-5",
    fix: "12345",
  },
  {
    name: "SSH key fingerprint truncated",
    config: { digitalocean: section({ sshKeys: ["3b:16:bf:e4:8b:00:8b:b8"] }) },
    key: `${KEY}.sshKeys[0]`,
    value: "3b:16:bf:e4:8b:00:8b:b8",
    fix: "MD5 fingerprint",
  },
  {
    name: "SSH key neither string nor number",
    config: { digitalocean: section({ sshKeys: [{ id: 12345 }] }) },
    key: `${KEY}.sshKeys[0]`,
    value: "12345",
    fix: "doctl compute ssh-key list",
  },
  {
    name: "health source is the whole internet",
    config: { digitalocean: section({ gateways: { healthCidrs: ["0.0.0.0/0"] } }) },
    key: `${KEY}.gateways.healthCidrs[0]`,
    value: "0.0.0.0/0",
    fix: "only the networks",
  },
  {
    name: "health source with host bits",
    config: { digitalocean: section({ gateways: { healthCidrs: ["10.110.0.9/29"] } }) },
    key: `${KEY}.gateways.healthCidrs[0]`,
    value: "10.110.0.9/29",
    fix: "10.110.0.8/29",
  },
  {
    name: "health source is IPv6",
    config: { digitalocean: section({ gateways: { healthCidrs: ["fd00::/64"] } }) },
    key: `${KEY}.gateways.healthCidrs[0]`,
    value: "fd00::/64",
    fix: "IPv4",
  },
  // Failover and operator
  {
    name: "settle time too short for nodes to drop routes",
    config: { digitalocean: section({ settleSeconds: 5 }) },
    key: `${KEY}.settleSeconds`,
    value: "5",
    fix: "at least 30",
  },
  {
    name: "operator image not the pinned release",
    config: {
      digitalocean: section({ operator: { image: "digitalocean/k8s-staticroute-operator:latest" } }),
    },
    key: `${KEY}.operator.image`,
    value: "latest",
    fix: "v1.0.0",
  },
  {
    name: "operator digest malformed",
    config: {
      digitalocean: section({
        operator: { image: "digitalocean/k8s-staticroute-operator:v1.0.0", digest: "sha256:xyz" },
      }),
    },
    key: `${KEY}.operator.digest`,
    value: "sha256:xyz",
    fix: "64 lowercase hex",
  },
  {
    name: "production operator without a digest (hostNetwork and NET_ADMIN on every node)",
    config: { production: true, digitalocean: section({ gateways: { count: 2 } }) },
    key: `${KEY}.operator.digest`,
    value: "(missing)",
    fix: "crane digest digitalocean/k8s-staticroute-operator:v1.0.0",
  },
  // Alerts and typos
  {
    name: "alert email malformed",
    config: { digitalocean: section({ alerts: { emails: ["oncall"] } }) },
    key: `${KEY}.alerts.emails[0]`,
    value: "oncall",
    fix: "ops@example.com",
  },
  {
    name: "misspelt key in the section",
    config: { digitalocean: { ...section({}), gateway: { count: 2 } } },
    key: `${KEY}.gateway`,
    value: '{"count":2}',
    fix: "did you mean gateways? Rename gateway to gateways",
  },
  // Issue 15: IPv6 where only IPv4 renders.
  {
    name: "IPv6 VPC range",
    config: { digitalocean: section({ vpc: { cidr: "fd00:10::/48" } }) },
    key: `${KEY}.vpc.cidr`,
    value: '"fd00:10::/48"',
    fix: "use an IPv4 value (a dotted quad such as 192.0.2.10, or a CIDR such as 192.0.2.0/24), or remove the entry",
  },
  {
    name: "IPv6 admin CIDR",
    config: { digitalocean: section({ adminCidrs: ["2001:db8::/32"] }) },
    key: `${KEY}.adminCidrs[0]`,
    value: '"2001:db8::/32"',
    fix: "use an IPv4 value",
  },
  {
    name: "IPv6 pod CIDR",
    config: { digitalocean: section({ cluster: { podCidr: "fd00:244::/56" } }) },
    key: `${KEY}.cluster.podCidr`,
    value: '"fd00:244::/56"',
    fix: "use an IPv4 value",
  },
  {
    name: "IPv6 gateway address",
    config: { digitalocean: section({ gateways: { count: 2, privateIps: ["10.110.0.5", "fd00::6"] } }) },
    key: `${KEY}.gateways.privateIps[1]`,
    value: '"fd00::6"',
    fix: "use an IPv4 value",
  },
  // Issue 15: DigitalOcean's VPC limits (RFC 1918, /16 to /28, not the DOKS-reserved ranges).
  {
    name: "VPC range outside RFC 1918",
    config: { digitalocean: section({ vpc: { cidr: "100.64.0.0/20" } }) },
    key: `${KEY}.vpc.cidr`,
    value: '"100.64.0.0/20"',
    fix: "use a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, such as 10.110.0.0/20",
  },
  {
    name: "VPC range straddling RFC 1918 (172.0.0.0/11)",
    config: { digitalocean: section({ vpc: { cidr: "172.0.0.0/11" } }) },
    key: `${KEY}.vpc.cidr`,
    value: '"172.0.0.0/11"',
    fix: "use a range inside 10.0.0.0/8",
  },
  {
    name: "VPC range larger than /16",
    config: { digitalocean: section({ vpc: { cidr: "10.96.0.0/12" } }) },
    key: `${KEY}.vpc.cidr`,
    value: '"10.96.0.0/12"',
    fix: "use a prefix from /16 to /28, such as 10.96.0.0/20",
  },
  {
    name: "VPC range smaller than /28",
    config: { digitalocean: section({ vpc: { cidr: "10.110.0.0/29" } }) },
    key: `${KEY}.vpc.cidr`,
    value: '"10.110.0.0/29"',
    fix: "use a prefix from /16 to /28",
  },
  {
    name: "VPC range inside a DOKS-reserved range",
    config: {
      digitalocean: section({
        vpc: { cidr: "10.245.16.0/20" },
        cluster: { podCidr: "10.200.0.0/16", serviceCidr: "10.201.0.0/16" },
      }),
    },
    key: `${KEY}.vpc.cidr`,
    value: '"10.245.16.0/20"',
    fix: "choose a VPC range outside 10.244.0.0/16, 10.245.0.0/16 and 10.246.0.0/24",
  },
  {
    name: "pod CIDR in public space",
    config: { digitalocean: section({ cluster: { podCidr: "198.18.0.0/16" } }) },
    key: `${KEY}.cluster.podCidr`,
    value: '"198.18.0.0/16"',
    fix: "use a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, such as 10.244.0.0/16",
  },
  {
    name: "service CIDR in public space",
    config: { digitalocean: section({ cluster: { serviceCidr: "203.0.113.0/24" } }) },
    key: `${KEY}.cluster.serviceCidr`,
    value: '"203.0.113.0/24"',
    fix: "use a range inside 10.0.0.0/8",
  },
  // Issue 15: repeated entries that become separate cloud objects or rule entries.
  {
    name: "the same admin CIDR twice, in two spellings",
    config: { digitalocean: section({ adminCidrs: ["198.51.100.128/28", "198.51.100.128/028"] }) },
    key: `${KEY}.adminCidrs[1]`,
    value: '"198.51.100.128/028"',
    fix: "list it once: remove entry [1]",
  },
  {
    name: "the same destination as a bare address and as a /32",
    config: { digitalocean: destinations("203.0.113.10", "203.0.113.10/32") },
    key: `${KEY}.routeSets[0].destinations[1]`,
    value: '"203.0.113.10/32"',
    fix: "remove entry [1]",
  },
  {
    name: "the same gateway name twice",
    config: {
      digitalocean: section({ gateways: { count: 2, names: ["gw-a", "gw-a"] }, activeGateway: "gw-a" }),
    },
    key: `${KEY}.gateways.names[1]`,
    value: '"gw-a"',
    fix: "remove entry [1]",
  },
  {
    name: "the same alert e-mail twice (e-mail compares case-insensitively)",
    config: { digitalocean: section({ alerts: { emails: ["oncall@example.com", "OnCall@example.com"] } }) },
    key: `${KEY}.alerts.emails[1]`,
    value: '"OnCall@example.com"',
    fix: "remove entry [1]",
  },
  // Issue 14 §8 / issue 15: secrets in plain text.
  {
    name: "a kubeconfig in plain text",
    config: {
      digitalocean: section({ cluster: { ...noCreate, kubeconfig: "apiVersion: v1\nkind: Config\n" } }),
    },
    key: `${KEY}.cluster.kubeconfig`,
    value: "[redacted]",
    fix: "store it encrypted with pulumi config set --secret --path 'failover-stacks:digitalocean.cluster.kubeconfig' <value>",
  },
  {
    name: "a Slack webhook URL in plain text",
    config: {
      digitalocean: section({
        alerts: { slack: { channel: "#egress", url: "https://hooks.example.com/x" } },
      }),
    },
    key: `${KEY}.alerts.slack.url`,
    value: "[redacted]",
    fix: "pulumi config set --secret --path 'failover-stacks:digitalocean.alerts.slack.url' <value>",
  },
  // Issue 15: a YAML number where text is expected.
  {
    name: "a DOKS version YAML read as a number",
    config: {
      digitalocean: section({
        cluster: { create: { version: 1.33, nodePool: { size: "s-2vcpu-4gb", count: 2 } } },
      }),
    },
    key: `${KEY}.cluster.create.version`,
    value: "1.33",
    fix: 'quote the value so YAML keeps it as text, e.g. version: "1.33"',
  },
  // Issue 15: derived names over their limit (a droplet name is its 63-character host name).
  {
    name: "a gateway name that makes the droplet name longer than 63 characters",
    config: {
      environment: "dev",
      digitalocean: section({ gateways: { count: 2, names: ["gw-1", "g".repeat(53)] } }),
    },
    key: `${KEY}.gateways.names[1]`,
    value: `"${"g".repeat(53)}"`,
    fix: "shorten the gateway name to at most 52 characters, or the environment",
  },
  {
    name: "a service CIDR larger than kube-apiserver accepts (/8)",
    config: {
      digitalocean: section({
        cluster: { serviceCidr: "10.0.0.0/8", podCidr: "172.16.0.0/16" },
        vpc: { cidr: "192.168.0.0/20" },
      }),
    },
    key: `${KEY}.cluster.serviceCidr`,
    value: '"10.0.0.0/8"',
    fix: "use a prefix of /12 or longer, such as 10.245.0.0/16",
  },
  {
    name: "a DigitalOcean API token in plain text",
    config: { digitalocean: section({}) },
    providerConfig: { "digitalocean:token": "dop_v1_plaintext" },
    key: "digitalocean:token",
    value: "[redacted]",
    fix: "store it encrypted with pulumi config set --secret digitalocean:token <value>",
  },
];

describe("bad digitalocean input is rejected before anything registers", () => {
  for (const c of cases) test(c.name, () => assertRejected(c));
});
