/**
 * One ipfailover instance: ServiceAccount, the two SCC RoleBindings, the scripts ConfigMap and the
 * keepalived Deployment. Thin: every object comes from render/manifests.ts; this only wires them.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { routerIdRange, type IpFailoverInstance } from "./config";
import type { ipfailoverOutputSchema } from "./outputs";
import { renderIpFailoverManifests } from "./render/manifests";
import { expandVips } from "./vips";

export interface IpFailoverArgs {
  /** The validated instance (plain data: it decides which objects exist). */
  readonly instance: IpFailoverInstance;
  /** A resource every object waits for, usually the instance's Namespace. @default none */
  readonly after?: pulumi.Resource;
  /** Marks the Deployment as production's, for the images-by-digest policy. @default false */
  readonly production?: boolean;
}

/** What consumers (and the stack outputs) learn about an instance; shape in outputs.ts. */
export type IpFailoverSummary = z.output<typeof ipfailoverOutputSchema>[number];

export function summarize(instance: IpFailoverInstance): IpFailoverSummary {
  return {
    name: instance.name,
    namespace: instance.namespace,
    vips: expandVips(instance.virtualIps),
    routerIds: routerIdRange(instance),
    interface: instance.interface,
    nodeSelector: { ...instance.nodeSelector },
    unicast: instance.unicastPeers.length > 0,
  };
}

/** One OpenShift ipfailover instance: ServiceAccount, SCC RoleBindings, the scripts ConfigMap and the keepalived Deployment. */
export class IpFailover extends pulumi.ComponentResource {
  readonly summary: IpFailoverSummary;
  readonly deploymentName: pulumi.Output<string>;

  constructor(name: string, args: IpFailoverArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:openshift:IpFailover", name, {}, opts);
    const manifests = renderIpFailoverManifests(args.instance, { production: args.production });
    // The k8s provider given in opts reaches the children through `parent`.
    const child = { parent: this, dependsOn: args.after ? [args.after] : [] };

    const serviceAccount = new k8s.core.v1.ServiceAccount(`${name}-sa`, manifests.serviceAccount, child);
    const bindings = manifests.roleBindings.map(
      (binding) =>
        // roleRef is system:openshift:scc:<scc>
        new k8s.rbac.v1.RoleBinding(`${name}-scc-${binding.roleRef.name.split(":").pop()}`, binding, {
          ...child,
          dependsOn: [...child.dependsOn, serviceAccount],
        }),
    );
    // Stable resource name (stable URN); metadata.name carries the scripts' hash, so a script
    // change replaces the immutable ConfigMap: the new one exists before the Deployment points to it.
    const configMap = manifests.configMap
      ? [new k8s.core.v1.ConfigMap(`${name}-scripts`, manifests.configMap, child)]
      : [];
    // SCC admission happens when the pods are created: the grants must exist first.
    const deployment = new k8s.apps.v1.Deployment(name, manifests.deployment, {
      ...child,
      dependsOn: [...child.dependsOn, serviceAccount, ...bindings, ...configMap],
    });

    this.summary = summarize(args.instance);
    this.deploymentName = deployment.metadata.name;
    this.registerOutputs({ summary: this.summary, deploymentName: this.deploymentName });
  }
}
