/** Reads a LoadBalancer Service's address from its status: an IP on most clouds, a DNS name on AWS. */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

export function loadBalancerAddress(
  status: pulumi.Output<k8s.types.output.core.v1.ServiceStatus>,
): pulumi.Output<string> {
  return status.apply((s) => {
    const ingress = s?.loadBalancer?.ingress?.[0];
    // Empty until the cloud (or MetalLB) assigns one; the provider waits for it on `up`.
    return ingress?.ip ?? ingress?.hostname ?? "";
  });
}
