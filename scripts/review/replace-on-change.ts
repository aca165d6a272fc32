/**
 * For each resource type the example stacks register: the input properties whose change makes the
 * provider replace the resource (delete and create) instead of updating it in place, with where
 * that comes from. The review reads it to flag replacements; it is a table of documented provider
 * behaviour at the pinned versions, NOT the provider's own Diff (nothing here calls a provider).
 * test/review/replace-on-change.test.ts fails when a stack registers a type with no row.
 */
import { SETTLE_REPLACE_KEYS } from "../../components/digitalocean/settle-delay";

export interface ReplaceRule {
  /** Input property paths (dotted, list indices dropped); a change at or below one replaces. */
  readonly paths: readonly string[];
  /** Where the paths come from; an empty `paths` means "no input replaces", with its source too. */
  readonly source: string;
  /** Paths that replace only for some changes (e.g. a version downgrade), each with its own source. */
  readonly conditional?: readonly ConditionalReplace[];
}

export interface ConditionalReplace {
  readonly path: string;
  /** Whether this change of the path (values as the synth recorded them) replaces the resource. */
  readonly replaces: (before: unknown, after: unknown) => boolean;
  readonly source: string;
}

/** `1.31.1-do.5` -> [1, 31, 1, 5]; undefined when the value is no version slug. */
const versionParts = (value: unknown): number[] | undefined =>
  typeof value === "string" && /^\d/.test(value) ? (value.match(/\d+/g) ?? []).map(Number) : undefined;

/** Whether `after` is an older version than `before` (unparseable: not called a downgrade). */
export function isDowngrade(before: unknown, after: unknown): boolean {
  const [a, b] = [versionParts(before), versionParts(after)];
  if (!a || !b) return false;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (b[i] ?? 0) < (a[i] ?? 0);
  return false;
}

/** The pinned OpenStack SDK; test/review/openstack-replace-rows.test.ts re-reads its .d.ts against the rows. */
export const OPENSTACK_SDK_VERSION = "3.15.2";
const OS_DOC = (file: string, thing: string): string =>
  `@pulumi/openstack ${OPENSTACK_SDK_VERSION} ${file}.d.ts: "Changing this creates a new ${thing}" on each of these inputs`;
const TF_DO_COMMIT = "39e47f1b";
const TF_DO_ASSIGNMENT_COMMIT = "83ebdb3c";
const TF_DO_NAT_COMMIT = "0cee9cc9";
/** Weaker evidence, said so: the provider's documented behaviour, not re-read in its source here. */
const TF_DO = (resource: string): string =>
  `terraform-provider-digitalocean ${resource}: ForceNew arguments as its documentation gives them ` +
  "(bridged by @pulumi/digitalocean 4.80.1; not in the SDK's .d.ts, not re-read in the provider source)";
const TF_GCP = (resource: string): string =>
  `terraform-provider-google ${resource}: immutable (ForceNew) arguments as its documentation gives them ` +
  "(bridged by @pulumi/gcp 9.37.0; not in the SDK's .d.ts, not re-read in the provider source)";
const NONE_DOC = (sdk: string, file: string): string =>
  `${sdk} ${file}.d.ts names no input whose change creates a new resource; every input updates in place`;

export const REPLACE_ON_CHANGE: Readonly<Record<string, ReplaceRule>> = {
  "openstack:compute/instance:Instance": {
    paths: [
      "availabilityZone",
      "availabilityZoneHints",
      "blockDevices",
      "configDrive",
      "keyPair",
      "networks",
      "region",
      "userData",
    ],
    source: OS_DOC("compute/instance", "server"),
  },
  "openstack:compute/serverGroup:ServerGroup": {
    paths: ["name", "policies", "region"],
    source: OS_DOC("compute/serverGroup", "server group"),
  },
  "openstack:networking/floatingIp:FloatingIp": {
    paths: ["dnsDomain", "dnsName", "pool", "region", "tenantId"],
    source: OS_DOC("networking/floatingIp", "floating IP"),
  },
  "openstack:networking/network:Network": {
    paths: ["availabilityZoneHints", "region", "tenantId"],
    source: OS_DOC("networking/network", "network"),
  },
  "openstack:networking/port:Port": {
    paths: ["deviceId", "deviceOwner", "macAddress", "networkId", "region", "tenantId"],
    source: OS_DOC("networking/port", "port"),
  },
  "openstack:networking/router:Router": {
    paths: ["availabilityZoneHints", "region", "tenantId"],
    source: OS_DOC("networking/router", "router"),
  },
  "openstack:networking/routerInterface:RouterInterface": {
    paths: ["portId", "region", "routerId", "subnetId"],
    source: OS_DOC("networking/routerInterface", "router interface"),
  },
  "openstack:networking/secGroup:SecGroup": {
    paths: ["region", "tenantId"],
    source: OS_DOC("networking/secGroup", "security group"),
  },
  "openstack:networking/secGroupRule:SecGroupRule": {
    paths: [
      "description",
      "direction",
      "ethertype",
      "portRangeMax",
      "portRangeMin",
      "protocol",
      "region",
      "remoteGroupId",
      "remoteIpPrefix",
      "securityGroupId",
      "tenantId",
    ],
    source: OS_DOC("networking/secGroupRule", "security group rule"),
  },
  "openstack:networking/subnet:Subnet": {
    paths: ["ipVersion", "networkId", "prefixLength", "region", "tenantId"],
    source: OS_DOC("networking/subnet", "subnet"),
  },
  "digitalocean:index/droplet:Droplet": {
    // ipv6 replaces only when turned off (a CustomizeDiff); not listed, so turning it on is no false alarm.
    paths: ["userData", "image", "region", "sshKeys", "vpcUuid", "monitoring", "dropletAgent"],
    source:
      '@pulumi/digitalocean 4.80.1 droplet.d.ts: userData "Changing this forces a new resource to be created"; ' +
      "all of them ForceNew in terraform-provider-digitalocean digitalocean/droplet/resource_droplet.go " +
      `(read at ${TF_DO_COMMIT}, the newest stored snapshot; the SDK bridges that provider)`,
  },
  "digitalocean:index/vpc:Vpc": { paths: ["region", "ipRange"], source: TF_DO("digitalocean_vpc") },
  "digitalocean:index/kubernetesCluster:KubernetesCluster": {
    paths: ["region", "vpcUuid", "clusterSubnet", "serviceSubnet"],
    source: TF_DO("digitalocean_kubernetes_cluster"),
    conditional: [
      {
        // The default pool is part of the cluster's schema; its size is ForceNew there.
        path: "nodePool.size",
        replaces: () => true,
        source:
          "the default node pool's size is ForceNew in terraform-provider-digitalocean's shared node pool schema, " +
          "so changing it replaces the whole cluster (terraform-provider-digitalocean#424, open: the maintainer's " +
          'note "The ForceNew behavior for the cluster is inherited from the shared node pool schema"; ' +
          "pulumi/pulumi#5049: changing nodePool.size replaced the cluster, nodeCount did not)",
      },
      {
        path: "version",
        replaces: isDowngrade,
        source:
          '@pulumi/digitalocean 4.80.1 kubernetesCluster.d.ts, version: "A cluster may only be upgraded to newer ' +
          'versions in-place. If the version is decreased, a new resource will be created."',
      },
    ],
  },
  "digitalocean:index/reservedIp:ReservedIp": {
    paths: ["region"],
    source: TF_DO("digitalocean_reserved_ip"),
  },
  "digitalocean:index/reservedIpAssignment:ReservedIpAssignment": {
    paths: ["ipAddress", "dropletId"],
    source:
      "ForceNew (the resource has no update) in terraform-provider-digitalocean " +
      `digitalocean/reservedip/resource_reserved_ip_assignment.go (read at ${TF_DO_ASSIGNMENT_COMMIT})`,
  },
  "digitalocean:index/vpcNatGateway:VpcNatGateway": {
    paths: ["vpcs.vpcUuid"],
    source:
      "the ingress VPC's vpc_uuid is the only ForceNew argument in terraform-provider-digitalocean " +
      `digitalocean/vpcnatgateway/resource_vpc_nat_gateway.go (read at ${TF_DO_NAT_COMMIT}, one stored version; ` +
      "name, size and the timeouts update in place; vpcNatGateway.d.ts states nothing)",
  },
  "digitalocean:index/firewall:Firewall": {
    paths: [],
    source: NONE_DOC("@pulumi/digitalocean 4.80.1", "firewall"),
  },
  "digitalocean:index/uptimeAlert:UptimeAlert": {
    paths: [],
    source: NONE_DOC("@pulumi/digitalocean 4.80.1", "uptimeAlert"),
  },
  "digitalocean:index/uptimeCheck:UptimeCheck": {
    paths: [],
    source: NONE_DOC("@pulumi/digitalocean 4.80.1", "uptimeCheck"),
  },
  "gcp:compute/firewall:Firewall": {
    paths: ["name", "network", "project"],
    source: TF_GCP("google_compute_firewall"),
  },
  "gcp:compute/globalAddress:GlobalAddress": {
    paths: ["name", "address", "addressType", "ipVersion", "network", "prefixLength", "project", "purpose"],
    source: TF_GCP("google_compute_global_address"),
  },
  "gcp:compute/managedSslCertificate:ManagedSslCertificate": {
    paths: ["name", "managed", "project", "type"],
    source: TF_GCP("google_compute_managed_ssl_certificate"),
  },
  "gcp:container/cluster:Cluster": {
    paths: ["name", "location", "network", "project"],
    source: TF_GCP("google_container_cluster"),
  },
  "gcp:gkehub/feature:Feature": {
    paths: ["name", "location", "project"],
    source: TF_GCP("google_gke_hub_feature"),
  },
  "gcp:gkehub/membership:Membership": {
    paths: ["membershipId", "location", "project"],
    source: TF_GCP("google_gke_hub_membership"),
  },
  "gcp:projects/iAMMember:IAMMember": {
    paths: ["member", "project", "role", "condition"],
    source: TF_GCP("google_project_iam_member"),
  },
  "gcp:projects/service:Service": { paths: ["project", "service"], source: TF_GCP("google_project_service") },
  "gcp:projects/serviceIdentity:ServiceIdentity": {
    paths: ["project", "service"],
    source: TF_GCP("google_project_service_identity"),
  },
  "kubernetes:helm.sh/v3:Release": {
    paths: ["name", "namespace"],
    source:
      "Helm cannot rename or move a release, so @pulumi/kubernetes 4.34.2 replaces it when name or namespace " +
      "changes (provider behaviour; helm/v3/release.d.ts does not state it)",
  },
  "pulumi:providers:kubernetes": {
    paths: [],
    source:
      "a provider is not replaced by an input change this table can see (its DiffConfig compares the cluster " +
      "identity, which is not modelled here)",
  },
  "pulumi-nodejs:dynamic/failover:SettleDelay": {
    paths: [...SETTLE_REPLACE_KEYS],
    source:
      "its own dynamic provider's diff and replaceOnChanges (SETTLE_REPLACE_KEYS, components/digitalocean/settle-delay.ts)",
  },
};

/** Kubernetes objects whose immutable fields the API server refuses to change, so Pulumi replaces. */
const KUBERNETES_IMMUTABLE: Readonly<Record<string, readonly string[]>> = {
  "apps/v1:Deployment": ["spec.selector"],
  "apps/v1:DaemonSet": ["spec.selector"],
  "core/v1:Service": ["spec.clusterIP", "spec.clusterIPs"],
  "rbac.authorization.k8s.io/v1:RoleBinding": ["roleRef"],
  "rbac.authorization.k8s.io/v1:ClusterRoleBinding": ["roleRef"],
  "discovery.k8s.io/v1:EndpointSlice": ["addressType"],
};

const KUBERNETES_SOURCE =
  "@pulumi/kubernetes 4.34.2: an object is identified by metadata.name and metadata.namespace, so a change " +
  "of either replaces it";
const IMMUTABLE_SOURCE =
  "and fields the Kubernetes API declares immutable (the API server rejects an update)";

/** The rule for a type, or undefined when the table has no row: the test treats that as a failure. */
export function replaceRuleFor(type: string): ReplaceRule | undefined {
  const row = REPLACE_ON_CHANGE[type];
  if (row) return row;
  if (type.startsWith("failover:")) {
    return {
      paths: [],
      source: "a ComponentResource has no provider: it is never replaced, its children are",
    };
  }
  if (type.startsWith("kubernetes:")) {
    const immutable = KUBERNETES_IMMUTABLE[type.slice("kubernetes:".length)] ?? [];
    return {
      paths: ["metadata.name", "metadata.namespace", ...immutable],
      source: immutable.length > 0 ? `${KUBERNETES_SOURCE}, ${IMMUTABLE_SOURCE}` : KUBERNETES_SOURCE,
    };
  }
  return undefined;
}

/** Drops list indices and quotes: `networks[0].port` -> `networks.port`, `a["b.c"]` -> `a.b.c`. */
export function normalizePath(path: string): string {
  return path
    .replace(/\["([^"]*)"\]/g, ".$1")
    .replace(/\[\d+\]/g, "")
    .replace(/^\./, "");
}

/** Whether a change at `changed` touches the replace-on-change path `rule` (at, below or above it). */
export function touches(changed: string, rule: string): boolean {
  if (rule === "*") return true;
  const path = normalizePath(changed);
  return path === rule || path.startsWith(`${rule}.`) || rule.startsWith(`${path}.`);
}
