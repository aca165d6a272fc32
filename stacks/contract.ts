/**
 * The stack outputs contract that other teams read through StackReference: its version and one zod
 * schema per output key, from which the TypeScript type is derived (one definition). The program
 * refuses to export a key that is not here (outputs.ts); consumers validate what they read
 * (consumer.ts); a test validates every example stack's outputs; docs/outputs.md describes each key.
 * Objects are not strict: adding a field is compatible, removing or renaming one needs a
 * CONTRACT_VERSION bump.
 */
import { z } from "zod";
import { ipfailoverOutputSchema } from "../components/openshift/outputs";

/** Bump whenever a key is removed, renamed or changes meaning (docs/outputs.md). */
export const CONTRACT_VERSION = 1;

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
  /** The static address; without one (`staticIp.create: false`, no name), the status VIP below. */
  ingressVip: z.string(),
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
  kubernetesIngressTraefik: serviceRef.extend({ className: z.string(), address: z.string() }),
};

/** Every output key any system may export, with its shape. */
export const outputSchemas = {
  ...baseOutputSchemas,
  ...openstackOutputSchemas,
  ...digitaloceanOutputSchemas,
  ...openshiftOutputSchemas,
  ...gkeOutputSchemas,
  ...kubernetesServicesOutputSchemas,
};

export type OutputKey = keyof typeof outputSchemas;

/** The typed outputs: base keys always, a system's keys when that system is enabled. */
export type ContractOutputs = {
  [K in keyof typeof baseOutputSchemas]: z.output<(typeof outputSchemas)[K]>;
} & {
  [K in Exclude<OutputKey, keyof typeof baseOutputSchemas>]?: z.output<(typeof outputSchemas)[K]>;
};

export function isOutputKey(key: string): key is OutputKey {
  return Object.prototype.hasOwnProperty.call(outputSchemas, key);
}
