/**
 * DigitalOcean's k8s-staticroute-operator (v1.0.0) as typed resources: namespace, CRD, RBAC and the
 * DaemonSet, rendered by ./render/static-route-operator.ts. Routes depend on `daemonSet`, so a
 * destroy removes them while the operator still runs (without it, deletion hangs on the finalizer).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { OPERATOR_IMAGE } from "./constants";
import { renderStaticRouteOperator } from "./render/static-route-operator";

export interface StaticRouteOperatorArgs {
  /** Operator image, pinned. @default "digitalocean/k8s-staticroute-operator:v1.0.0" */
  image?: string;
  /** Optional `sha256:` digest that pins the image bytes (required in production). @default none */
  digest?: string;
  /** Marks the DaemonSet as production's, for the images-by-digest policy. @default false */
  production?: boolean;
}

/** DigitalOcean's k8s-staticroute-operator as typed resources: namespace, CRD, RBAC and the DaemonSet. */
export class StaticRouteOperator extends pulumi.ComponentResource {
  /** The StaticRoute CustomResourceDefinition. */
  readonly crd: k8s.apiextensions.v1.CustomResourceDefinition;
  /** The operator's DaemonSet: routes depend on it (pass it in their `dependsOn`). */
  readonly daemonSet: k8s.apps.v1.DaemonSet;

  constructor(name: string, args: StaticRouteOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
    // Token kept from components/kubernetes/: a new one would change every URN below (test/baselines).
    super("failover:kubernetes:StaticRouteOperator", name, {}, opts);
    const m = renderStaticRouteOperator({
      image: args.image ?? OPERATOR_IMAGE,
      digest: args.digest,
      production: args.production,
    });
    const namespace = new k8s.core.v1.Namespace(`${name}-ns`, m.namespace, {
      parent: this,
    });
    this.crd = new k8s.apiextensions.v1.CustomResourceDefinition(`${name}-crd`, m.crd, { parent: this });
    const serviceAccount = new k8s.core.v1.ServiceAccount(`${name}-sa`, m.serviceAccount, {
      parent: this,
      dependsOn: [namespace],
    });
    const role = new k8s.rbac.v1.ClusterRole(`${name}-role`, m.clusterRole, {
      parent: this,
    });
    const binding = new k8s.rbac.v1.ClusterRoleBinding(`${name}-binding`, m.clusterRoleBinding, {
      parent: this,
      dependsOn: [role, serviceAccount],
    });
    this.daemonSet = new k8s.apps.v1.DaemonSet(`${name}-ds`, m.daemonSet, {
      parent: this,
      dependsOn: [namespace, serviceAccount, binding, this.crd],
    });
    this.registerOutputs({ daemonSet: this.daemonSet.metadata.name });
  }
}
