/**
 * Cloud-assigned state of the Kubernetes objects the service-pattern components read: the address
 * a LoadBalancer Service gets (an IP, or a DNS name on AWS), and a Helm release's status.
 */
import { assigned, registerCloudAssigned } from "../cloud-assigned";

function isAws(annotations: Record<string, unknown>): boolean {
  return Object.keys(annotations).some((key) => key.startsWith("service.beta.kubernetes.io/aws-"));
}

registerCloudAssigned("kubernetes:core/v1:Service", (name, inputs) => {
  const spec = (inputs.spec ?? {}) as { type?: string };
  const metadata = (inputs.metadata ?? {}) as { annotations?: Record<string, unknown> };
  // A read (`Service.get`) has no inputs; the Services we read are LoadBalancers.
  const read = Object.keys(inputs).length === 0;
  if (!read && spec.type !== "LoadBalancer") return {};
  const ingress = isAws(metadata.annotations ?? {})
    ? { hostname: assigned(name, "status.loadBalancer.ingress[0].hostname") }
    : { ip: assigned(name, "status.loadBalancer.ingress[0].ip") };
  return { status: { loadBalancer: { ingress: [ingress] } } };
});

registerCloudAssigned("kubernetes:helm.sh/v3:Release", (name, inputs) => ({
  status: {
    name: inputs.name ?? name,
    namespace: inputs.namespace ?? "default",
    chart: inputs.chart,
    version: inputs.version,
    status: assigned(name, "status.status"),
  },
}));
