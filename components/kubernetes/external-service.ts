/**
 * Puts a backend that runs outside the cluster behind the cluster's Ingress: an ExternalName
 * Service for a DNS name, or a selector-less Service with an EndpointSlice for an IP address, and
 * the Ingress rule (host, path, TLS secret, class). See docs/kubernetes-service-patterns.md.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  renderBackendService,
  renderEndpointSlice,
  renderIngress,
  type ExternalServiceSpec,
} from "./render/external-service";
import {
  backendKindOf,
  toExternalBackend,
  type BackendKind,
  type ExternalBackendArgs,
  type IngressPathType,
} from "./component-args";
import {
  DEFAULT_INGRESS_PATH,
  DEFAULT_PATH_TYPE,
  EXTERNAL_SERVICES_NAMESPACE,
} from "./service-patterns-defaults";

export interface ExternalServiceArgs {
  /** Service and Ingress name. @default the component name */
  serviceName?: string;
  /** Namespace; it must exist (the system creates it). @default "external-services" */
  namespace?: string;
  /** Host name the Ingress rule matches. */
  host: pulumi.Input<string>;
  /** Where the traffic goes: a DNS name (ExternalName) or an IP address (EndpointSlice). */
  backend: ExternalBackendArgs;
  /** Path the Ingress rule matches. @default "/" */
  path?: pulumi.Input<string>;
  /** How the path matches. @default "Prefix" */
  pathType?: IngressPathType;
  /** kubernetes.io/tls Secret in the namespace; enables TLS for the host. @default none (HTTP only) */
  tlsSecret?: pulumi.Input<string>;
  /** IngressClass name. @default the cluster's default class */
  ingressClass?: pulumi.Input<string>;
}

/** A backend outside the cluster behind the cluster's Ingress: an ExternalName Service for a DNS name, or a selector-less Service with an EndpointSlice for an IP address. */
export class ExternalService extends pulumi.ComponentResource {
  /** Name of the backend Service. */
  readonly serviceName: pulumi.Output<string>;
  /** Namespace of the Service and the Ingress. */
  readonly namespace: pulumi.Output<string>;
  /** Name of the Ingress. */
  readonly ingressName: pulumi.Output<string>;
  /** `ExternalName` or `EndpointSlice`: how the backend is reached. */
  readonly backendKind: pulumi.Output<BackendKind>;

  constructor(name: string, args: ExternalServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:kubernetes:ExternalService", name, {}, opts);
    const backend = toExternalBackend(name, args.backend);
    const spec = pulumi
      .output({
        host: args.host,
        path: args.path ?? DEFAULT_INGRESS_PATH,
        tlsSecret: args.tlsSecret,
        ingressClass: args.ingressClass,
      })
      .apply((values): ExternalServiceSpec => ({
        name: args.serviceName ?? name,
        namespace: args.namespace ?? EXTERNAL_SERVICES_NAMESPACE,
        backend,
        pathType: args.pathType ?? DEFAULT_PATH_TYPE,
        ...values,
      }));
    const serviceManifest = spec.apply(renderBackendService);
    const service = new k8s.core.v1.Service(
      name,
      { metadata: serviceManifest.metadata, spec: serviceManifest.spec },
      // A component's dependsOn does not hold back its children; pass it on (e.g. the namespace).
      { parent: this, dependsOn: opts?.dependsOn },
    );
    const dependsOn: pulumi.Resource[] = [service];
    // Topology is plain: an IP backend always gets its EndpointSlice, a DNS backend never does.
    if (backend.kind === "address") {
      const slice = spec.apply((s) => {
        const rendered = renderEndpointSlice(s);
        if (!rendered) throw new Error("an address backend always renders an EndpointSlice");
        return rendered;
      });
      dependsOn.push(
        new k8s.discovery.v1.EndpointSlice(
          `${name}-endpoints`,
          {
            metadata: slice.metadata,
            addressType: slice.addressType,
            endpoints: slice.endpoints,
            ports: slice.ports,
          },
          { parent: this, dependsOn: [service] },
        ),
      );
    }
    const ingressManifest = spec.apply(renderIngress);
    const ingress = new k8s.networking.v1.Ingress(
      `${name}-ingress`,
      { metadata: ingressManifest.metadata, spec: ingressManifest.spec },
      { parent: this, dependsOn },
    );
    this.serviceName = service.metadata.name;
    this.namespace = service.metadata.namespace;
    this.ingressName = ingress.metadata.name;
    this.backendKind = pulumi.output(backendKindOf(args.backend));
    this.registerOutputs({
      serviceName: this.serviceName,
      namespace: this.namespace,
      ingressName: this.ingressName,
      backendKind: this.backendKind,
    });
  }
}
