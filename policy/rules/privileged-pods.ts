/**
 * Host-level privileges in pod specs go only to the workloads this repository renders for them,
 * matched by identity (namespace and service account as rendered), and only as much as each one
 * renders:
 * - ipfailover: a Deployment created by the failover:openshift:IpFailover component (its URN says
 *   so) that runs under its own service account (`ipfailover-<instance>`, the Deployment's name) in
 *   its namespace: privileged containers, hostNetwork, a hostPath of /lib/modules, and the host's /
 *   only read-only and only when iptablesChain is set (that image's iptables runs `chroot /host`).
 * - host-network agents, `namespace/serviceaccount` in the rule's `hostNetworkAccounts` config
 *   (default: the k8s-staticroute-operator): hostNetwork and the NET_ADMIN capability.
 * Nothing gets hostPID or hostIPC. Every other pod may add only the capabilities of the Pod
 * Security Standards' baseline profile, and mounts no hostPath. A value unknown during preview is
 * not counted as a privilege; `pulumi up` checks it again once it is known.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isUnknown, peek } from "../unknowns";
import { IPFAILOVER_SERVICE_ACCOUNT, podSpecOf, serviceAccountOf } from "./pod-specs";

type Props = Record<string, unknown>;

/** Default `hostNetworkAccounts`: DigitalOcean's static-route operator DaemonSet. */
export const DEFAULT_HOST_NETWORK_ACCOUNTS = ["static-routes/k8s-staticroute-operator"];

/** Host paths the IpFailover component mounts: kernel modules, always. */
const IPFAILOVER_HOST_PATHS: readonly string[] = ["/lib/modules"];
/**
 * The host's root, which the component mounts read-only at /host only when iptablesChain is set
 * (that image's iptables wrapper runs `chroot /host`): allowed exactly then, and read-only.
 */
const HOST_ROOT = "/";
const IPTABLES_CHAIN_ENV = "OPENSHIFT_HA_IPTABLES_CHAIN";

/** The component whose children are the ipfailover workloads. */
export const IPFAILOVER_COMPONENT = "failover:openshift:IpFailover";

/** Capabilities the Pod Security Standards' baseline profile lets any pod add. */
const BASELINE_CAPABILITIES = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

interface Allowance {
  readonly identity: string;
  readonly privileged: boolean;
  readonly hostNetwork: boolean;
  readonly capabilities: readonly string[];
  readonly hostPaths: readonly string[];
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const obj = (value: unknown): Props | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : undefined;

/** The type of the resource's parent, from the URN's `parent$child` type chain. */
function parentType(urn: string): string | undefined {
  const qualified = urn.split("::")[2] ?? "";
  const chain = qualified.split("$");
  return chain.length > 1 ? chain[chain.length - 2] : undefined;
}

function allowanceOf(
  urn: string,
  namespace: string,
  account: string,
  name: unknown,
  accounts: string[],
): Allowance {
  const identity = `${namespace}/${account}`;
  if (
    parentType(urn) === IPFAILOVER_COMPONENT &&
    IPFAILOVER_SERVICE_ACCOUNT.test(account) &&
    account === name
  )
    return {
      identity,
      privileged: true,
      hostNetwork: true,
      capabilities: [],
      hostPaths: IPFAILOVER_HOST_PATHS,
    };
  if (accounts.includes(identity))
    return { identity, privileged: false, hostNetwork: true, capabilities: ["NET_ADMIN"], hostPaths: [] };
  return { identity, privileged: false, hostNetwork: false, capabilities: [], hostPaths: [] };
}

/** Some container sets iptablesChain, and every mount of the volume `name` is read-only. */
function hostRootForIptables(podSpec: Props, name: unknown): boolean {
  const containers = ["initContainers", "containers"].flatMap((key) =>
    list(podSpec[key]).map((c) => obj(c) ?? {}),
  );
  const setsChain = containers.some((c) =>
    list(c.env).some(
      (e) => obj(e)?.name === IPTABLES_CHAIN_ENV && typeof obj(e)?.value === "string" && obj(e)?.value !== "",
    ),
  );
  const mounts = containers
    .flatMap((c) => list(c.volumeMounts).map((m) => obj(m) ?? {}))
    .filter((m) => m.name === name);
  return setsChain && mounts.length > 0 && mounts.every((m) => m.readOnly === true);
}

/**
 * Everything in the pod spec that goes beyond the allowance, as readable phrases. Inputs are plain
 * (peeked): a value unknown in preview is a sentinel string, never counted as a privilege.
 */
function excess(podSpec: Props, allowed: Allowance): string[] {
  const asks: string[] = [];
  if (podSpec.hostNetwork === true && !allowed.hostNetwork) asks.push("hostNetwork");
  if (podSpec.hostPID === true) asks.push("hostPID");
  if (podSpec.hostIPC === true) asks.push("hostIPC");
  for (const key of ["initContainers", "containers", "ephemeralContainers"]) {
    for (const raw of list(podSpec[key])) {
      const container = obj(raw) ?? {};
      const label = typeof container.name === "string" ? container.name : "?";
      const security = obj(container.securityContext);
      if (security?.privileged === true && !allowed.privileged) asks.push(`privileged container ${label}`);
      for (const capability of list(obj(security?.capabilities)?.add)) {
        if (typeof capability !== "string" || isUnknown(capability)) continue;
        const bare = capability.replace(/^CAP_/, "");
        if (!BASELINE_CAPABILITIES.has(bare) && !allowed.capabilities.includes(bare))
          asks.push(`capability ${bare} in ${label}`);
      }
    }
  }
  for (const raw of list(podSpec.volumes)) {
    const hostPath = obj(obj(raw)?.hostPath);
    if (!hostPath) continue;
    const path = hostPath.path;
    if (typeof path === "string" && allowed.hostPaths.includes(path)) continue;
    if (path === HOST_ROOT && allowed.privileged && hostRootForIptables(podSpec, obj(raw)?.name)) continue;
    // An unknown path is judged at update, unless this pod may mount no hostPath at all.
    if (isUnknown(path) && allowed.hostPaths.length > 0) continue;
    asks.push(`hostPath ${typeof path === "string" && !isUnknown(path) ? path : "?"}`);
  }
  return asks;
}

/** `namespace/serviceaccount`, both DNS labels (RFC 1123) as Kubernetes names them. */
const HOST_NETWORK_ACCOUNT_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$";

export const privilegedPodsIpfailoverOnly: ResourceValidationPolicy = {
  name: "privileged-pods-ipfailover-only",
  description:
    "Privileged containers, hostNetwork, hostPath and added capabilities only for the workloads rendered for " +
    "them (ipfailover; the hostNetworkAccounts agents), matched by namespace and service account; never hostPID.",
  enforcementLevel: "mandatory",
  // The engine validates `--policy-pack-config` against this before the pack sees it.
  configSchema: {
    properties: {
      hostNetworkAccounts: {
        type: "array",
        description: "namespace/serviceaccount of pods allowed hostNetwork (not privileged containers).",
        items: { type: "string", pattern: HOST_NETWORK_ACCOUNT_PATTERN },
        default: DEFAULT_HOST_NETWORK_ACCOUNTS,
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const props = peek(args.props);
    const podSpec = podSpecOf(args.type, props);
    if (!podSpec) return;
    const { hostNetworkAccounts = DEFAULT_HOST_NETWORK_ACCOUNTS } = args.getConfig<{
      hostNetworkAccounts?: string[];
    }>();
    const metadata = obj(props.metadata);
    const account = serviceAccountOf(podSpec);
    // An account or namespace computed from another resource: judged at update, when known.
    if (isUnknown(account) || isUnknown(metadata?.namespace) || isUnknown(metadata?.name)) return;
    const namespace = metadata?.namespace;
    const allowed = allowanceOf(
      args.urn,
      typeof namespace === "string" ? namespace : "default",
      account,
      metadata?.name,
      hostNetworkAccounts,
    );
    const asks = excess(podSpec, allowed);
    if (asks.length === 0) return;
    reportViolation(
      `${args.name} asks for ${asks.join(", ")} under service account ${allowed.identity}. Only the ipfailover Deployments the ` +
        `${IPFAILOVER_COMPONENT} component renders (their own account in their namespace) may run privileged ` +
        `with hostNetwork and /lib/modules (the host's / read-only only with iptablesChain), and only the hostNetworkAccounts (${hostNetworkAccounts.join(", ")}) ` +
        "may use hostNetwork with NET_ADMIN; nothing may use hostPID or hostIPC. Drop the privilege, or use the " +
        "component that renders the workload.",
    );
  },
};
