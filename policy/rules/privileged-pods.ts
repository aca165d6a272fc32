/**
 * Privileged containers and host networking are allowed only in pods that run under an ipfailover
 * service account (`ipfailover`, `ipfailover-<instance>`), the ones granted the privileged and
 * hostnetwork SCCs. Anything else that asks for them is a mistake or an escalation.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { containersOf, IPFAILOVER_SERVICE_ACCOUNT, podSpecOf, serviceAccountOf } from "./pod-specs";

export const privilegedPodsIpfailoverOnly: ResourceValidationPolicy = {
  name: "privileged-pods-ipfailover-only",
  description: "Privileged or hostNetwork pods must run under an ipfailover service account.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const podSpec = podSpecOf(args.type, args.props as Record<string, unknown>);
    if (!podSpec) return;
    const privileged = containersOf(podSpec)
      .filter((c) => c.privileged)
      .map((c) => c.name ?? "?");
    const hostNetwork = podSpec.hostNetwork === true;
    if (privileged.length === 0 && !hostNetwork) return;
    const account = serviceAccountOf(podSpec);
    if (IPFAILOVER_SERVICE_ACCOUNT.test(account)) return;
    const asks = [
      ...(hostNetwork ? ["hostNetwork"] : []),
      ...privileged.map((name) => `privileged container ${name}`),
    ].join(" and ");
    reportViolation(
      `${args.name} asks for ${asks} under service account ${account}. Only ipfailover service accounts ` +
        `(ipfailover, ipfailover-<instance>) may; drop the privilege or use the failover:openshift:IpFailover component.`,
    );
  },
};
