/**
 * Run-time shapes of the stack outputs, one zod schema per output key. Consumers validate what they
 * read against these (consumer.ts); a test validates every example stack's outputs against them, and
 * docs/outputs.md describes each key. Objects are not strict: adding a field is compatible, removing
 * or renaming one needs a CONTRACT_VERSION bump.
 */
import { z } from "zod";
import { ipfailoverOutputSchema } from "../components/openshift/outputs";
import { CONTRACT_VERSION } from "./outputs";

/** Addresses are plain strings here: offline they are `<assigned:...>` placeholders. */
const address = z.string().min(1);
const gateway = z.object({ name: z.string(), privateIp: address, publicIp: address });

export const baseOutputSchemas = {
  contractVersion: z.number().int().positive(),
  environment: z.string().min(1),
  systems: z.array(z.string()),
};

export const openstackOutputSchemas = {
  apiVip: address,
  apiEndpoint: z.string().startsWith("https://"),
  floatingIp: address.nullable(),
  loadBalancerIps: z.array(address).min(2),
  controlPlaneIps: z.array(address).min(1),
};

export const digitaloceanOutputSchemas = {
  egressIps: z.array(address).min(1),
  gateways: z.array(gateway).min(1),
  activeGateway: gateway.nullable(),
  routes: z.array(
    z.object({
      routeSet: z.string(),
      object: z.string(),
      destinations: z.array(z.string()).min(1),
      gateways: z.array(address).min(1),
    }),
  ),
};

export const openshiftOutputSchemas = {
  ipfailover: ipfailoverOutputSchema,
};

export const gkeOutputSchemas = {
  ingressVip: address,
  /** Empty until the MCI controller has programmed the load balancer. */
  ingressStatusVip: z.string(),
  configMembership: z.string().min(1),
  memberships: z.record(z.string(), z.string()),
};

const serviceRef = z.object({ namespace: z.string(), serviceName: z.string() });

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
  kubernetesIngressNginx: serviceRef.extend({ className: z.string(), address: z.string() }),
};

/** Every output key any system may export, with its shape. */
export const outputSchemas: Record<string, z.ZodType> = {
  ...baseOutputSchemas,
  ...openstackOutputSchemas,
  ...digitaloceanOutputSchemas,
  ...openshiftOutputSchemas,
  ...gkeOutputSchemas,
  ...kubernetesServicesOutputSchemas,
};

export { CONTRACT_VERSION };
