/**
 * Host-level privileges in pod specs go only to the workloads this repository renders for them,
 * matched by identity (namespace and service account as rendered), and only as much as each one
 * renders:
 * - ipfailover: a Deployment created by the failover:openshift:IpFailover component (its URN says
 *   so) that runs under its own service account (`ipfailover-<instance>`, the Deployment's name) in
 *   its namespace: privileged containers, hostNetwork and a hostPath of /lib/modules.
 * - host-network agents, `namespace/serviceaccount` in the rule's `hostNetworkAccounts` config
 *   (default: the k8s-staticroute-operator): hostNetwork and the NET_ADMIN capability.
 * Nothing gets hostPID or hostIPC. Every other pod may add only the capabilities of the Pod
 * Security Standards' baseline profile, and mounts no hostPath. A value unknown during preview is
 * not counted as a privilege; `pulumi up` checks it again once it is known.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { known, knownItems } from "./known";
import { IPFAILOVER_SERVICE_ACCOUNT, podSpecOf, serviceAccountOf } from "./pod-specs";

type Props = Record<string, unknown>;

/** Default `hostNetworkAccounts`: DigitalOcean's static-route operator DaemonSet. */
export const DEFAULT_HOST_NETWORK_ACCOUNTS = ["static-routes/k8s-staticroute-operator"];

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
    return { identity, privileged: true, hostNetwork: true, capabilities: [], hostPaths: ["/lib/modules"] };
  if (accounts.includes(identity))
    return { identity, privileged: false, hostNetwork: true, capabilities: ["NET_ADMIN"], hostPaths: [] };
  return { identity, privileged: false, hostNetwork: false, capabilities: [], hostPaths: [] };
}

/** Everything in the pod spec that goes beyond the allowance, as readable phrases. */
function excess(podSpec: Props, allowed: Allowance): string[] {
  const asks: string[] = [];
  if (known(() => podSpec.hostNetwork) === true && !allowed.hostNetwork) asks.push("hostNetwork");
  if (known(() => podSpec.hostPID) === true) asks.push("hostPID");
  if (known(() => podSpec.hostIPC) === true) asks.push("hostIPC");
  for (const key of ["initContainers", "containers", "ephemeralContainers"]) {
    for (const raw of knownItems(() => podSpec[key])) {
      const container = obj(raw) ?? {};
      const name = known(() => container.name);
      const label = typeof name === "string" ? name : "?";
      const security = obj(known(() => container.securityContext));
      if (known(() => security?.privileged) === true && !allowed.privileged)
        asks.push(`privileged container ${label}`);
      for (const capability of knownItems(() => obj(security?.capabilities)?.add)) {
        if (typeof capability !== "string") continue;
        const bare = capability.replace(/^CAP_/, "");
        if (!BASELINE_CAPABILITIES.has(bare) && !allowed.capabilities.includes(bare))
          asks.push(`capability ${bare} in ${label}`);
      }
    }
  }
  for (const raw of knownItems(() => podSpec.volumes)) {
    const volume = obj(raw) ?? {};
    const hostPath = obj(known(() => volume.hostPath));
    if (!hostPath) continue;
    const path = known(() => hostPath.path);
    if (typeof path === "string" && allowed.hostPaths.includes(path)) continue;
    asks.push(`hostPath ${typeof path === "string" ? path : "?"}`);
  }
  return asks;
}

export const privilegedPodsIpfailoverOnly: ResourceValidationPolicy = {
  name: "privileged-pods-ipfailover-only",
  description:
    "Privileged containers, hostNetwork, hostPath and added capabilities only for the workloads rendered for " +
    "them (ipfailover; the hostNetworkAccounts agents), matched by namespace and service account; never hostPID.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const props = args.props as Props;
    const podSpec = podSpecOf(args.type, props);
    if (!podSpec) return;
    const { hostNetworkAccounts = DEFAULT_HOST_NETWORK_ACCOUNTS } = args.getConfig<{
      hostNetworkAccounts?: string[];
    }>();
    const metadata = obj(known(() => props.metadata));
    const namespace = known(() => metadata?.namespace);
    const account = serviceAccountOf(podSpec);
    const allowed = allowanceOf(
      args.urn,
      typeof namespace === "string" ? namespace : "default",
      account,
      known(() => metadata?.name),
      hostNetworkAccounts,
    );
    const asks = excess(podSpec, allowed);
    if (asks.length === 0) return;
    reportViolation(
      `${args.name} asks for ${asks.join(", ")} under service account ${allowed.identity}. Only the ipfailover Deployments the ` +
        `${IPFAILOVER_COMPONENT} component renders (their own account in their namespace) may run privileged ` +
        `with hostNetwork and /lib/modules, and only the hostNetworkAccounts (${hostNetworkAccounts.join(", ")}) ` +
        "may use hostNetwork with NET_ADMIN; nothing may use hostPID or hostIPC. Drop the privilege, or use the " +
        "component that renders the workload.",
    );
  },
};
