/** The gke section's rows of the bad-input table: every case issue 6 lists, and a few more. */
import { describe, test } from "node:test";
import { assertRejected, type BadInputCase } from "../harness/bad-config";
import { gkeSystem } from "../../components/gcp/system";
import { validGke, withGke } from "./fixtures";

const base = validGke();
const service = base.service as { ports: unknown[]; name: string };
const clusters = base.clusters as Array<Record<string, unknown>>;
const KEY = "failover-stacks:gke";

const cases: BadInputCase[] = [
  {
    name: "no config cluster",
    config: { gke: (({ configCluster: _omit, ...rest }) => rest)(base) },
    key: `${KEY}.configCluster`,
    value: "(missing)",
    fix: "set configCluster",
  },
  {
    name: "config cluster not among the members",
    config: { gke: withGke({ configCluster: "gke-ap" }) },
    key: `${KEY}.configCluster`,
    value: '"gke-ap"',
    fix: "use one of gke-eu, gke-us, gke-asia",
  },
  {
    name: "standby config cluster not among the members",
    config: { gke: withGke({ standbyConfigCluster: "gke-ap" }) },
    key: `${KEY}.standbyConfigCluster`,
    value: '"gke-ap"',
    fix: "use one of",
  },
  {
    name: "standby config cluster is the config cluster",
    config: { gke: withGke({ standbyConfigCluster: "gke-eu" }) },
    key: `${KEY}.standbyConfigCluster`,
    value: '"gke-eu"',
    fix: "name another member",
  },
  {
    name: "health port missing from the service ports",
    config: { gke: withGke({ healthCheck: { port: 15020 } }) },
    key: `${KEY}.healthCheck.port`,
    value: "15020",
    fix: "use one of 15021, 8080, 8443",
  },
  {
    name: "health port given as the service port while the pod port differs",
    config: { gke: withGke({ healthCheck: { port: 80 } }) },
    key: `${KEY}.healthCheck.port`,
    value: "80",
    fix: "add a port",
  },
  {
    name: "duplicate port name",
    config: {
      gke: withGke({ service: { ...service, ports: [...service.ports, { name: "http2", port: 81 }] } }),
    },
    key: `${KEY}.service.ports[3].name`,
    value: '"http2"',
    fix: "its own name",
  },
  {
    name: "namespace not a DNS label",
    config: { gke: withGke({ namespace: "Istio_Gateway" }) },
    key: `${KEY}.namespace`,
    value: '"Istio_Gateway"',
    fix: "lowercase",
  },
  {
    name: "mci- prefix on the namespace",
    config: { gke: withGke({ namespace: "mci-gateway" }) },
    key: `${KEY}.namespace`,
    value: '"mci-gateway"',
    fix: "without the mci- prefix",
  },
  {
    name: "mci- prefix on the service",
    config: { gke: withGke({ service: { ...service, name: "mci-gateway" } }) },
    key: `${KEY}.service.name`,
    value: '"mci-gateway"',
    fix: "without the mci- prefix",
  },
  {
    name: "mci- prefix on the static IP",
    config: { gke: withGke({ staticIp: { name: "mci-vip" } }) },
    key: `${KEY}.staticIp.name`,
    value: '"mci-vip"',
    fix: "without the mci- prefix",
  },
  {
    name: "mci- prefix on the base name",
    config: { gke: withGke({ name: "mci-shop" }) },
    key: `${KEY}.name`,
    value: '"mci-shop"',
    fix: "without the mci- prefix",
  },
  {
    name: "mci- prefix on a pre-shared certificate",
    config: { gke: withGke({ tls: { preSharedCerts: ["shop-cert", "mci-cert"] } }) },
    key: `${KEY}.tls.preSharedCerts[1]`,
    value: '"mci-cert"',
    fix: "without the mci- prefix",
  },
  {
    name: "TLS without a static IP",
    config: { gke: withGke({ tls: { managedDomains: ["shop.example.com"] }, staticIp: { create: false } }) },
    key: `${KEY}.staticIp.create`,
    value: "false",
    fix: "staticIp.create: true",
  },
  {
    name: "unknown mode",
    config: { gke: withGke({ mode: "ingress" }) },
    key: `${KEY}.mode`,
    value: '"ingress"',
    fix: "use mci",
  },
  {
    name: "TLS naming no certificate",
    config: { gke: withGke({ tls: {} }) },
    key: `${KEY}.tls`,
    value: "{}",
    fix: "managedDomains",
  },
  {
    name: "both kubeconfig and context",
    config: { gke: withGke({ clusters: [{ ...clusters[0], context: "gke-eu" }, clusters[1]] }) },
    key: `${KEY}.clusters[0]`,
    value: "{name, location, kubeconfig, context}", // the kubeconfig itself is never printed
    fix: "not both",
  },
  {
    name: "neither kubeconfig nor context",
    config: { gke: withGke({ clusters: [{ name: "gke-eu", location: "europe-west1" }] }) },
    key: `${KEY}.clusters[0]`,
    value: "gke-eu",
    fix: "set kubeconfig",
  },
  {
    name: "existing membership without its name",
    config: {
      gke: withGke({
        clusters: [clusters[0], { ...clusters[2], membership: { source: "existing", name: "gke-asia" } }],
      }),
    },
    key: `${KEY}.clusters[1].membership.name`,
    value: '"gke-asia"',
    fix: "projects/PROJECT/locations/LOCATION/memberships/ID",
  },
  {
    name: "duplicate cluster",
    config: { gke: withGke({ clusters: [clusters[0], clusters[1], clusters[0]] }) },
    key: `${KEY}.clusters[2].name`,
    value: '"gke-eu"',
    fix: "once",
  },
  {
    name: "subset names a non-member",
    config: { gke: withGke({ clustersSubset: ["gke-eu", "gke-ap"] }) },
    key: `${KEY}.clustersSubset[1]`,
    value: '"gke-ap"',
    fix: "use names from clusters",
  },
  {
    name: "backend port names no service port",
    config: { gke: withGke({ service: { ...service, backendPort: "grpc" } }) },
    key: `${KEY}.service.backendPort`,
    value: '"grpc"',
    fix: "use one of status-port, http2, https",
  },
  {
    name: "UDP port",
    config: {
      gke: withGke({
        service: { ...service, ports: [...service.ports, { name: "dns", port: 53, protocol: "UDP" }] },
      }),
    },
    key: `${KEY}.service.ports[3].protocol`,
    value: '"UDP"',
    fix: "protocol: TCP",
  },
  {
    name: "project number instead of ID",
    config: { gke: withGke({ project: "123456789012" }) },
    key: `${KEY}.project`,
    value: "123456789012",
    fix: "project ID",
  },
  {
    name: "location not a region or zone",
    config: { gke: withGke({ clusters: [{ ...clusters[0], location: "Europe West" }] }) },
    key: `${KEY}.clusters[0].location`,
    value: '"Europe West"',
    fix: "europe-west1",
  },
  {
    name: "production with a single cluster",
    config: {
      production: true,
      gke: withGke({ clusters: [clusters[0]] }),
    },
    key: `${KEY}.clusters`,
    value: "[a list of 1 entry]",
    fix: "at least two",
  },
  {
    name: "production serving from a single cluster of a subset",
    config: { production: true, gke: withGke({ clustersSubset: ["gke-us"] }) },
    key: `${KEY}.clustersSubset`,
    value: '["gke-us"]',
    fix: "at least two",
  },
  // Issue 15: repeated entries that become separate cloud objects or rules.
  {
    name: "the same host twice",
    config: { gke: withGke({ hosts: ["shop.example.com", "api.example.com", "shop.example.com"] }) },
    key: `${KEY}.hosts[2]`,
    value: '"shop.example.com"',
    fix: "list it once: remove entry [2]",
  },
  {
    name: "the same managed domain twice",
    config: { gke: withGke({ tls: { managedDomains: ["shop.example.com", "shop.example.com"] } }) },
    key: `${KEY}.tls.managedDomains[1]`,
    value: '"shop.example.com"',
    fix: "remove entry [1]",
  },
  {
    name: "the same pre-shared certificate twice",
    config: {
      gke: withGke({ tls: { preSharedCerts: ["shop-cert", "shop-cert"] }, staticIp: { create: true } }),
    },
    key: `${KEY}.tls.preSharedCerts[1]`,
    value: '"shop-cert"',
    fix: "remove entry [1]",
  },
  {
    name: "two self-managed certificates with one name",
    config: {
      gke: withGke({
        tls: {
          selfManaged: [
            { name: "shop", certificate: "-----BEGIN CERTIFICATE-----", privateKey: "k1" },
            { name: "shop", certificate: "-----BEGIN CERTIFICATE-----", privateKey: "k2" },
          ],
        },
      }),
    },
    secretKeys: ["failover-stacks:gke"],
    key: `${KEY}.tls.selfManaged[1]`,
    value: "{name, certificate, privateKey}",
    fix: "remove entry [1]",
  },
  {
    name: "the same target tag twice",
    config: { gke: withGke({ targetTags: ["gke-node", "gke-node"] }) },
    key: `${KEY}.targetTags[1]`,
    value: '"gke-node"',
    fix: "remove entry [1]",
  },
  {
    name: "the same member twice in clustersSubset",
    config: { gke: withGke({ clustersSubset: ["gke-eu", "gke-eu"] }) },
    key: `${KEY}.clustersSubset[1]`,
    value: '"gke-eu"',
    fix: "remove entry [1]",
  },
  {
    name: "the same service port number twice",
    config: {
      gke: withGke({
        service: { ...service, ports: [...service.ports, { name: "http-alt", port: 80, targetPort: 8081 }] },
      }),
    },
    key: `${KEY}.service.ports[3].port`,
    value: "80",
    fix: "give every service port its own number",
  },
  {
    name: "two created memberships with one ID",
    config: {
      gke: withGke({
        clusters: [
          clusters[0],
          { name: "gke-eu2", location: "europe-west4", membership: { id: "gke-eu" }, context: "gke-eu2" },
          ...clusters.slice(1),
        ],
      }),
    },
    key: `${KEY}.clusters[1].membership.id`,
    value: '"gke-eu"',
    fix: "give every created membership its own id",
  },
  // Issue 14 §8 / issue 15: secrets in plain text.
  {
    name: "a cluster kubeconfig in plain text",
    config: { gke: validGke() },
    key: `${KEY}.clusters[0].kubeconfig`,
    value: "[redacted]",
    fix: "store it encrypted with pulumi config set --secret --path 'failover-stacks:gke.clusters[0].kubeconfig' <value>",
  },
  {
    name: "a TLS private key in plain text",
    config: {
      gke: withGke({
        clusters: [{ name: "gke-eu", location: "europe-west1", context: "gke-eu" }, ...clusters.slice(1)],
        tls: {
          selfManaged: [
            { name: "shop", certificate: "-----BEGIN CERTIFICATE-----", privateKey: "-----BEGIN KEY-----" },
          ],
        },
      }),
    },
    key: `${KEY}.tls.selfManaged[0].privateKey`,
    value: "[redacted]",
    fix: "pulumi config set --secret --path 'failover-stacks:gke.tls.selfManaged[0].privateKey' <value>",
  },
  // Issue 15: a YAML number where text is expected.
  {
    name: "an Istio revision YAML read as a number",
    config: { gke: withGke({ istioRevision: 1175 }) },
    key: `${KEY}.istioRevision`,
    value: "1175",
    fix: 'quote the value so YAML keeps it as text, e.g. istioRevision: "1175"',
  },
  // Issue 15: derived names over GCP's 63-character limit.
  {
    name: "a base name that makes <name>-lb-health-checks longer than 63 characters",
    config: { gke: withGke({ name: "a".repeat(47) }) },
    key: `${KEY}.name`,
    value: `"${"a".repeat(47)}"`,
    fix: "shorten it to at most 46 characters",
  },
  {
    name: "GCP credentials in plain text",
    config: { gke: validGke() },
    providerConfig: { "gcp:credentials": '{"type":"service_account"}' },
    key: "gcp:credentials",
    value: "[redacted]",
    fix: "store it encrypted with pulumi config set --secret gcp:credentials <value>",
  },
];

describe("bad gke input is rejected before anything registers", () => {
  for (const c of cases) test(c.name, () => assertRejected(c, [gkeSystem]));
});
