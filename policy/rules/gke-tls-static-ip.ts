/**
 * TLS on a multi-cluster ingress uses a reserved static IP. Certificates are issued for a DNS name;
 * with an ephemeral VIP, rebuilding the load balancer moves the address and the name breaks.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isUnknown } from "../unknowns";
import { GATEWAY_TYPE, MCI_TYPE, list, metadataOf, propsOf, record } from "./gke-objects";

type Props = Record<string, unknown>;

function mciViolation(props: Props): boolean {
  const { annotations } = metadataOf(props);
  const tls =
    typeof annotations["networking.gke.io/pre-shared-certs"] === "string" ||
    list(record(record(record(props.spec).template).spec).tls).length > 0;
  return tls && !annotations["networking.gke.io/static-ip"];
}

function gatewayViolation(props: Props): boolean {
  const spec = record(props.spec);
  const tls = list(spec.listeners).some((l) => record(l).protocol === "HTTPS");
  return tls && !isUnknown(spec.addresses) && list(spec.addresses).length === 0;
}

export const gkeTlsStaticIp: ResourceValidationPolicy = {
  name: "gke-tls-static-ip",
  description: "A MultiClusterIngress or multi-cluster Gateway that terminates TLS uses a static IP.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    // An unknown static-ip annotation or address is the reserved address before it exists: set.
    const props = propsOf(args);
    if (
      (args.type === MCI_TYPE && mciViolation(props)) ||
      (args.type === GATEWAY_TYPE && gatewayViolation(props))
    ) {
      reportViolation(
        `${args.name} terminates TLS without a static IP: set the networking.gke.io/static-ip annotation ` +
          `(MCI) or spec.addresses (Gateway) to a reserved global address (gke.staticIp in config).`,
      );
    }
  },
};
