/**
 * The `kubernetesServices` system: internal load balancers, external services behind Ingress,
 * MetalLB layer 2 pools and ingress-nginx, all through one explicit Kubernetes provider.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ExternalService } from "./external-service";
import { IngressNginx } from "./ingress-nginx";
import { InternalLoadBalancer } from "./internal-load-balancer";
import { Traefik } from "./traefik";
import { MetalLbL2Pool } from "./metallb";
import {
  backendKindOf,
  type BackendKind,
  type ExternalBackendArgs,
  type LoadBalancerPort,
} from "./component-args";
import { renderNamespace } from "./render/external-service";
import {
  servicePatternsSchema,
  type ExternalServiceConfig,
  type IngressControllerConfig,
  type ServicePatternsConfig,
  type ServicePortConfig,
} from "./service-patterns-config";
import { kubernetesServicesOutputSchemas } from "./service-patterns-outputs";
import { problem, type ConfigIssue } from "../shared/config-errors";
import { parseImageRef, productionDigestMessage, requireImageRef } from "../shared/image-ref";
import { defineSystem } from "../shared/system";

export interface ServiceRef {
  readonly namespace: pulumi.Output<string>;
  readonly serviceName: pulumi.Output<string>;
}

export type IngressControllerRef = ServiceRef & {
  className: pulumi.Output<string>;
  address: pulumi.Output<string>;
};

export interface KubernetesServicesOutputs {
  /** `namespace/name` -> the Service and the private address the cloud assigned. */
  kubernetesInternalLoadBalancers: Record<string, ServiceRef & { address: pulumi.Output<string> }>;
  /** `namespace/name` -> the backend Service, its Ingress, the host and how the backend is reached. */
  kubernetesExternalServices: Record<
    string,
    ServiceRef & {
      ingressName: pulumi.Output<string>;
      host: string;
      backendKind: BackendKind;
    }
  >;
  /** Pool name -> address ranges. */
  kubernetesMetallbPools: Record<string, pulumi.Output<string[]>>;
  /** The controller's Service, IngressClass and address; absent when ingress-nginx is off. */
  kubernetesIngressNginx?: IngressControllerRef;
  /** The same for Traefik; absent when it is off. */
  kubernetesIngressTraefik?: IngressControllerRef;
}

function toBackend(config: ExternalServiceConfig["backend"]): ExternalBackendArgs {
  // The schema guarantees exactly one of dnsName and address (the component checks it again).
  return config.dnsName !== undefined
    ? { dnsName: config.dnsName, port: config.port, protocol: config.protocol }
    : { address: config.address, port: config.port, protocol: config.protocol };
}

/** A config port as the component takes it: a named target port is its own field. */
function toPort(port: ServicePortConfig): LoadBalancerPort {
  const { targetPort, ...rest } = port;
  if (targetPort === undefined) return rest;
  return typeof targetPort === "string" ? { ...rest, targetPortName: targetPort } : { ...rest, targetPort };
}

const CONTROLLERS = [
  { key: "ingressNginx", label: "ingress-nginx" },
  { key: "traefik", label: "Traefik" },
] as const;

/** Production: every enabled controller by digest and with a second replica. */
export function kubernetesServicesCrossCheck(
  config: ServicePatternsConfig,
  settings: { production: boolean },
): ConfigIssue[] {
  if (!settings.production) return [];
  return CONTROLLERS.flatMap(({ key, label }): ConfigIssue[] => {
    const controller = config[key];
    if (!controller?.enabled) return [];
    const image = parseImageRef(controller.image);
    return [
      ...(image.ok && image.ref.digest === undefined
        ? [
            {
              path: [key, "image"],
              message: productionDigestMessage(
                controller.image,
                "in front of every Ingress, with the TLS keys of every host",
              ),
            },
          ]
        : []),
      ...(controller.replicas < 2
        ? [
            {
              path: [key, "replicas"],
              message: problem(
                `production needs at least 2 ${label} replicas (one node loss would stop every Ingress)`,
                `set ${key}.replicas to 2 or more`,
              ),
            },
          ]
        : []),
    ];
  });
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
  // The default class's controller serves services that name none; else the first one enabled.
  const controllers = [config.ingressNginx, config.traefik].filter((c) => c?.enabled === true);
  const defaultClass = (controllers.find((c) => c?.defaultClass) ?? controllers[0])?.className;
  for (const service of config.externalServices) {
    const backend = toBackend(service.backend);
    const component = new ExternalService(
      `ext-${service.namespace}-${service.name}`,
      {
        serviceName: service.name,
        namespace: service.namespace,
        host: service.host,
        backend,
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
      // Plain (known when the program runs), as the stack output always was.
      backendKind: backendKindOf(backend),
    };
  }
  return result;
}

export function deployKubernetesServices(
  config: ServicePatternsConfig,
  settings: { production: boolean } = { production: false },
): KubernetesServicesOutputs {
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
        ports: lb.ports.map(toPort),
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

  // The pool must exist before a controller's Service asks MetalLB for an address.
  const controllerOpts = { ...opts, dependsOn: poolComponents };
  if (config.ingressNginx?.enabled) {
    outputs.kubernetesIngressNginx = refOf(
      new IngressNginx("ingress-nginx", controllerArgs(config.ingressNginx, settings), controllerOpts),
    );
  }
  if (config.traefik?.enabled) {
    outputs.kubernetesIngressTraefik = refOf(
      new Traefik("traefik", controllerArgs(config.traefik, settings), controllerOpts),
    );
  }
  return outputs;
}

function controllerArgs(controller: IngressControllerConfig, settings: { production: boolean }) {
  return {
    chartVersion: controller.chartVersion,
    repository: controller.repository,
    namespace: controller.namespace,
    className: controller.className,
    defaultClass: controller.defaultClass,
    replicas: controller.replicas,
    externalTrafficPolicy: controller.externalTrafficPolicy,
    loadBalancer: {
      metallbPool: controller.loadBalancer.metallbPool,
      address: controller.loadBalancer.address,
      internalCloud: controller.loadBalancer.internalCloud,
      sourceRanges: controller.loadBalancer.sourceRanges,
    },
    image: requireImageRef(controller.image),
    production: settings.production,
  };
}

function refOf(controller: IngressNginx | Traefik): IngressControllerRef {
  return {
    namespace: controller.namespace,
    serviceName: controller.serviceName,
    className: controller.className,
    address: controller.address,
  };
}

export const kubernetesServicesSystem = defineSystem({
  section: "kubernetesServices",
  title:
    "Kubernetes service patterns: internal load balancers, external services, MetalLB L2, Traefik or ingress-nginx",
  schema: servicePatternsSchema,
  outputs: kubernetesServicesOutputSchemas,
  crossCheck: kubernetesServicesCrossCheck,
  deploy: (config, settings) => deployKubernetesServices(config, settings),
});
