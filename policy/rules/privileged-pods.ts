/**
 * Privileged containers and host networking are allowed only in pods that run under an ipfailover
 * service account (`ipfailover`, `ipfailover-<instance>`), the ones granted the privileged and
 * hostnetwork SCCs. Host networking alone is also allowed for the node-level agents this repository
 * deploys on purpose, listed as `namespace/serviceaccount` in the rule's `hostNetworkAccounts`
 * config (default: the k8s-staticroute-operator, which must edit each node's routing table).
 * Anything else that asks for them is a mistake or an escalation.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isUnknown, peek } from "../unknowns";
import { containersOf, IPFAILOVER_SERVICE_ACCOUNT, podSpecOf, serviceAccountOf } from "./pod-specs";

/** Default `hostNetworkAccounts`: DigitalOcean's static-route operator DaemonSet. */
export const DEFAULT_HOST_NETWORK_ACCOUNTS = ["static-routes/k8s-staticroute-operator"];

/** `namespace/serviceaccount`, both DNS labels (RFC 1123) as Kubernetes names them. */
const HOST_NETWORK_ACCOUNT_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$";

export const privilegedPodsIpfailoverOnly: ResourceValidationPolicy = {
  name: "privileged-pods-ipfailover-only",
  description:
    "Privileged pods must run under an ipfailover service account; hostNetwork pods under one, or under an " +
    "account listed in hostNetworkAccounts.",
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
    const privileged = containersOf(podSpec)
      .filter((c) => c.privileged)
      .map((c) => c.name ?? "?");
    const hostNetwork = podSpec.hostNetwork === true;
    if (privileged.length === 0 && !hostNetwork) return;
    const account = serviceAccountOf(podSpec);
    const metadata = props.metadata as { namespace?: string } | undefined;
    // An account or namespace computed from another resource: judged at update, when known.
    if (isUnknown(account) || isUnknown(metadata?.namespace)) return;
    if (IPFAILOVER_SERVICE_ACCOUNT.test(account)) return;
    const { hostNetworkAccounts = DEFAULT_HOST_NETWORK_ACCOUNTS } = args.getConfig<{
      hostNetworkAccounts?: string[];
    }>();
    const qualified = `${metadata?.namespace ?? "default"}/${account}`;
    if (privileged.length === 0 && hostNetworkAccounts.includes(qualified)) return;
    const asks = [
      ...(hostNetwork ? ["hostNetwork"] : []),
      ...privileged.map((name) => `privileged container ${name}`),
    ].join(" and ");
    reportViolation(
      `${args.name} asks for ${asks} under service account ${account}. Only ipfailover service accounts ` +
        `(ipfailover, ipfailover-<instance>) may, and hostNetwork alone only the accounts in the rule's ` +
        `hostNetworkAccounts config (${hostNetworkAccounts.join(", ")}); drop the privilege or use the ` +
        `failover:openshift:IpFailover component.`,
    );
  },
};
