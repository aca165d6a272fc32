/** Renders MetalLB (0.13 or later) custom resources: an IPAddressPool and its L2Advertisement. */
import { standardLabels, type KubernetesObject } from "./manifest";

export const METALLB_API_VERSION = "metallb.io/v1beta1";
/** The Service annotation that picks a pool (honoured by MetalLB 0.13 and later). */
export const METALLB_POOL_ANNOTATION = "metallb.universe.tf/address-pool";
/** The Service annotation that requests specific addresses (MetalLB 0.13 and later). */
export const METALLB_IPS_ANNOTATION = "metallb.universe.tf/loadBalancerIPs";

export interface MetallbPoolSpec {
  name: string;
  namespace: string;
  addresses: readonly string[];
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  interfaces: readonly string[];
  nodeSelectors: ReadonlyArray<Readonly<Record<string, string>>>;
}

export interface IpAddressPoolManifest extends KubernetesObject {
  apiVersion: typeof METALLB_API_VERSION;
  kind: "IPAddressPool";
  spec: { addresses: string[]; autoAssign: boolean; avoidBuggyIPs: boolean };
}

export interface L2AdvertisementManifest extends KubernetesObject {
  apiVersion: typeof METALLB_API_VERSION;
  kind: "L2Advertisement";
  spec: {
    ipAddressPools: string[];
    interfaces?: string[];
    nodeSelectors?: Array<{ matchLabels: Record<string, string> }>;
  };
}

export function renderIpAddressPool(spec: MetallbPoolSpec): IpAddressPoolManifest {
  return {
    apiVersion: METALLB_API_VERSION,
    kind: "IPAddressPool",
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: standardLabels("metallb-pool", spec.name),
    },
    spec: { addresses: [...spec.addresses], autoAssign: spec.autoAssign, avoidBuggyIPs: spec.avoidBuggyIPs },
  };
}

export function renderL2Advertisement(spec: MetallbPoolSpec): L2AdvertisementManifest {
  return {
    apiVersion: METALLB_API_VERSION,
    kind: "L2Advertisement",
    metadata: {
      name: `${spec.name}-l2`,
      namespace: spec.namespace,
      labels: standardLabels("metallb-pool", spec.name),
    },
    spec: {
      ipAddressPools: [spec.name],
      // Empty lists mean "all" to MetalLB; leave them out so the rendered object says what it means.
      ...(spec.interfaces.length > 0 ? { interfaces: [...spec.interfaces] } : {}),
      ...(spec.nodeSelectors.length > 0
        ? { nodeSelectors: spec.nodeSelectors.map((labels) => ({ matchLabels: { ...labels } })) }
        : {}),
    },
  };
}
