/**
 * Argument types of the kubernetes components in the shape the component analyzer accepts (named
 * interfaces, const-object enums, no unions of objects), and their conversion to the renderers'
 * types. The renderers keep their discriminated unions; each conversion names the bad argument.
 */
import type { ExternalBackend, ExternalServiceSpec } from "./render/external-service";
import type { IngressLoadBalancer } from "./render/ingress-nginx-values";
import type { ServicePortSpec } from "./render/internal-load-balancer";
import type { InternalLbCloud } from "./internal-lb-cloud";

/** Protocol the proxy speaks to an external backend. */
export const BackendProtocol = { http: "HTTP", https: "HTTPS" } as const;
export type BackendProtocol = (typeof BackendProtocol)[keyof typeof BackendProtocol];

/** Where an ExternalService's traffic goes: exactly one of `dnsName` and `address`. */
export interface ExternalBackendArgs {
  /** DNS name of the backend: rendered as a Service of type ExternalName. @default none (set address) */
  dnsName?: string;
  /** IP address of the backend: a selector-less Service plus an EndpointSlice. @default none (set dnsName) */
  address?: string;
  /** Backend port. */
  port: number;
  /** Protocol the proxy speaks to the backend; HTTPS sets SNI and Host to dnsName. */
  protocol: BackendProtocol;
}

/** How an external backend is reached. */
export const BackendKind = { externalName: "ExternalName", endpointSlice: "EndpointSlice" } as const;
export type BackendKind = (typeof BackendKind)[keyof typeof BackendKind];

/** The Ingress path match. */
export const IngressPathType = {
  prefix: "Prefix",
  exact: "Exact",
  implementationSpecific: "ImplementationSpecific",
} as const;
export type IngressPathType = (typeof IngressPathType)[keyof typeof IngressPathType];
// The renderer's path types and the enum are the same set (each assignable to the other).
const pathTypeIsSpec = (t: IngressPathType): ExternalServiceSpec["pathType"] => t;
const specIsPathType = (t: ExternalServiceSpec["pathType"]): IngressPathType => t;
void pathTypeIsSpec;
void specIsPathType;

export function toExternalBackend(component: string, backend: ExternalBackendArgs): ExternalBackend {
  const { dnsName, address, port, protocol } = backend;
  if ((dnsName === undefined) === (address === undefined))
    throw new Error(`${component}: backend needs exactly one of dnsName and address`);
  return dnsName !== undefined
    ? { kind: "dns", dnsName, port, protocol }
    : { kind: "address", address: address ?? "", port, protocol };
}

export function backendKindOf(backend: ExternalBackendArgs): BackendKind {
  return backend.dnsName !== undefined ? BackendKind.externalName : BackendKind.endpointSlice;
}

/** Transport protocol of a Service port. */
export const PortProtocol = { tcp: "TCP", udp: "UDP" } as const;
export type PortProtocol = (typeof PortProtocol)[keyof typeof PortProtocol];

/** One port of an InternalLoadBalancer's Service. */
export interface LoadBalancerPort {
  /** Port name; required when the Service has several ports. @default none */
  name?: string;
  /** Service port. */
  port: number;
  /** Container port number. @default the same as port (unless targetPortName is set) */
  targetPort?: number;
  /** Container port name, instead of targetPort. @default none */
  targetPortName?: string;
  /** Transport protocol. */
  protocol: PortProtocol;
}

export function toServicePort(component: string, port: LoadBalancerPort): ServicePortSpec {
  if (port.targetPort !== undefined && port.targetPortName !== undefined)
    throw new Error(`${component}: ports[].targetPort and targetPortName are exclusive`);
  const targetPort = port.targetPortName ?? port.targetPort;
  return {
    ...(port.name !== undefined ? { name: port.name } : {}),
    port: port.port,
    ...(targetPort !== undefined ? { targetPort } : {}),
    protocol: port.protocol,
  };
}

/** Where an ingress controller Service's address comes from: a MetalLB pool or a cloud's internal LB. */
export interface ControllerLoadBalancer {
  /** MetalLB pool the Service takes its address from; set this or internalCloud. @default none */
  metallbPool?: string;
  /** Fixed address from the pool. @default any address of the pool */
  address?: string;
  /** Cloud whose internal load balancer the Service becomes; set this or metallbPool. @default none */
  internalCloud?: InternalLbCloud;
  /** Client networks allowed in (loadBalancerSourceRanges). @default [] (everyone) */
  sourceRanges?: string[];
}

export function toIngressLoadBalancer(component: string, lb: ControllerLoadBalancer): IngressLoadBalancer {
  const sourceRanges = lb.sourceRanges ?? [];
  if (lb.metallbPool !== undefined)
    return { kind: "metallb", pool: lb.metallbPool, address: lb.address, sourceRanges };
  // Never fall back to some cloud silently: without its annotation the Service would be public.
  if (lb.internalCloud === undefined)
    throw new Error(`${component}: loadBalancer has neither metallbPool nor internalCloud`);
  return { kind: "internal", cloud: lb.internalCloud, sourceRanges };
}
