/** The `kubernetesServices` system's stack outputs, one schema per key (part of stacks/contract.ts). */
import { z } from "zod";

const serviceRef = z.object({ namespace: z.string(), serviceName: z.string() });
const ingressController = serviceRef.extend({ className: z.string(), address: z.string() });

export const kubernetesServicesOutputSchemas = {
  kubernetesInternalLoadBalancers: z.record(z.string(), serviceRef.extend({ address: z.string() })),
  kubernetesExternalServices: z.record(
    z.string(),
    serviceRef.extend({
      backendKind: z.enum(["ExternalName", "EndpointSlice"]),
      host: z.string(),
      ingressName: z.string(),
    }),
  ),
  kubernetesMetallbPools: z.record(z.string(), z.array(z.string())),
  kubernetesIngressNginx: ingressController,
  kubernetesIngressTraefik: ingressController,
};
