/**
 * The `kubernetesServices` system: internal load balancers, external services behind Ingress,
 * MetalLB layer 2 pools and ingress-nginx, all through one explicit Kubernetes provider.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ExternalService } from "./external-service";
import { IngressNginx } from "./ingress-nginx";
import { InternalLoadBalancer } from "./internal-load-balancer";
import { MetalLbL2Pool } from "./metallb";
import { renderNamespace, type ExternalBackend } from "./render/external-service";
import type { IngressLoadBalancer } from "./render/ingress-nginx-values";
import {
  servicePatternsSchema,
  type ExternalServiceConfig,
  type IngressNginxConfig,
  type ServicePatternsConfig,
} from "./service-patterns-config";
import { problem } from "../shared/config-errors";
import { defineSystem, type CrossCheckIssue } from "../../stacks/system";

export interface ServiceRef {
  readonly namespace: pulumi.Output<string>;
  readonly serviceName: pulumi.Output<string>;
}

export interface KubernetesServicesOutputs {
  /** `namespace/name` -> the Service and the private address the cloud assigned. */
  kubernetesInternalLoadBalancers: Record<string, ServiceRef & { address: pulumi.Output<string> }>;
  /** `namespace/name` -> the backend Service, its Ingress, the host and how the backend is reached. */
  kubernetesExternalServices: Record<
    string,
    ServiceRef & { ingressName: pulumi.Output<string>; host: string; backendKind: string }
  >;
  /** Pool name -> address ranges. */
  kubernetesMetallbPools: Record<string, pulumi.Output<string[]>>;
  /** The controller's Service, IngressClass and address; absent when ingress-nginx is off. */
  kubernetesIngressNginx?: ServiceRef & { className: pulumi.Output<string>; address: pulumi.Output<string> };
}

function toBackend(config: ExternalServiceConfig["backend"]): ExternalBackend {
  return config.dnsName !== undefined
    ? { kind: "dns", dnsName: config.dnsName, port: config.port, protocol: config.protocol }
    : { kind: "address", address: config.address ?? "", port: config.port, protocol: config.protocol };
}

function toIngressLoadBalancer(lb: IngressNginxConfig["loadBalancer"]): IngressLoadBalancer {
  if (lb.metallbPool !== undefined)
    return { kind: "metallb", pool: lb.metallbPool, address: lb.address, sourceRanges: lb.sourceRanges };
  // The schema guarantees exactly one of the two; never fall back to some cloud silently.
  if (lb.internalCloud === undefined) throw new Error("ingressNginx.loadBalancer has neither pool nor cloud");
  return { kind: "internal", cloud: lb.internalCloud, sourceRanges: lb.sourceRanges };
}

export function kubernetesServicesCrossCheck(
  config: ServicePatternsConfig,
  settings: { production: boolean },
): CrossCheckIssue[] {
  const issues: CrossCheckIssue[] = [];
  if (settings.production && config.ingressNginx?.enabled && config.ingressNginx.replicas < 2) {
    issues.push({
      path: ["ingressNginx", "replicas"],
      message: problem(
        "production needs at least 2 ingress-nginx replicas (one node loss would stop every Ingress)",
        "set ingressNginx.replicas to 2 or more",
      ),
    });
  }
  return issues;
}

function deployExternalServices(
  config: ServicePatternsConfig,
  opts: pulumi.ComponentResourceOptions,
): KubernetesServicesOutputs["kubernetesExternalServices"] {
  const result: KubernetesServicesOutputs["kubernetesExternalServices"] = {};
  const namespaces = new Map<string, k8s.core.v1.Namespace>();
  for (const namespace of new Set(config.externalServices.map((s) => s.namespace))) {
    const manifest = renderNamespace(namespace);
    namespaces.set(
      namespace,
      new k8s.core.v1.Namespace(
        `ns-${namespace}`,
        { metadata: manifest.metadata },
        { provider: opts.provider },
      ),
    );
  }
  const defaultClass = config.ingressNginx?.enabled ? config.ingressNginx.className : undefined;
  for (const service of config.externalServices) {
    const component = new ExternalService(
      `ext-${service.namespace}-${service.name}`,
      {
        serviceName: service.name,
        namespace: service.namespace,
        host: service.host,
        backend: toBackend(service.backend),
        path: service.path,
        pathType: service.pathType,
        tlsSecret: service.tlsSecret,
        ingressClass: service.ingressClass ?? defaultClass,
      },
      { ...opts, dependsOn: namespaces.get(service.namespace) },
    );
    result[`${service.namespace}/${service.name}`] = {
      namespace: component.namespace,
      serviceName: component.serviceName,
      ingressName: component.ingressName,
      host: service.host,
      backendKind: component.backendKind,
    };
  }
  return result;
}

export function deployKubernetesServices(config: ServicePatternsConfig): KubernetesServicesOutputs {
  const provider = new k8s.Provider("kubernetes-services", {
    ...(config.kubeconfig !== undefined ? { kubeconfig: pulumi.secret(config.kubeconfig) } : {}),
    ...(config.context !== undefined ? { context: config.context } : {}),
  });
  const opts: pulumi.ComponentResourceOptions = { provider };

  const internalLoadBalancers: KubernetesServicesOutputs["kubernetesInternalLoadBalancers"] = {};
  for (const lb of config.internalLoadBalancers) {
    const component = new InternalLoadBalancer(
      `ilb-${lb.namespace}-${lb.name}`,
      {
        serviceName: lb.name,
        namespace: lb.namespace,
        cloud: lb.cloud,
        ports: lb.ports,
        selector: lb.selector,
        sourceRanges: lb.sourceRanges,
      },
      opts,
    );
    internalLoadBalancers[`${lb.namespace}/${lb.name}`] = {
      namespace: component.namespace,
      serviceName: component.serviceName,
      address: component.address,
    };
  }

  const pools: KubernetesServicesOutputs["kubernetesMetallbPools"] = {};
  const poolComponents: pulumi.Resource[] = [];
  const metallb = config.metallb;
  for (const pool of metallb?.pools ?? []) {
    const component = new MetalLbL2Pool(
      `metallb-${pool.name}`,
      {
        poolName: pool.name,
        namespace: metallb?.namespace,
        addresses: pool.addresses,
        autoAssign: pool.autoAssign,
        avoidBuggyIPs: pool.avoidBuggyIPs,
        interfaces: metallb?.interfaces,
        nodeSelectors: metallb?.nodeSelectors,
      },
      opts,
    );
    poolComponents.push(component);
    pools[pool.name] = component.addresses;
  }

  const outputs: KubernetesServicesOutputs = {
    kubernetesInternalLoadBalancers: internalLoadBalancers,
    kubernetesExternalServices: deployExternalServices(config, opts),
    kubernetesMetallbPools: pools,
  };

  const ingress = config.ingressNginx;
  if (ingress?.enabled) {
    const controller = new IngressNginx(
      "ingress-nginx",
      {
        chartVersion: ingress.chartVersion,
        repository: ingress.repository,
        namespace: ingress.namespace,
        className: ingress.className,
        defaultClass: ingress.defaultClass,
        replicas: ingress.replicas,
        externalTrafficPolicy: ingress.externalTrafficPolicy,
        loadBalancer: toIngressLoadBalancer(ingress.loadBalancer),
      },
      // The pool must exist before the controller's Service asks MetalLB for an address.
      { ...opts, dependsOn: poolComponents },
    );
    outputs.kubernetesIngressNginx = {
      namespace: controller.namespace,
      serviceName: controller.serviceName,
      className: controller.className,
      address: controller.address,
    };
  }
  return outputs;
}

export const kubernetesServicesSystem = defineSystem({
  section: "kubernetesServices",
  title: "Kubernetes service patterns: internal load balancers, external services, MetalLB L2, ingress-nginx",
  schema: servicePatternsSchema,
  crossCheck: kubernetesServicesCrossCheck,
  deploy: (config) => deployKubernetesServices(config),
});
