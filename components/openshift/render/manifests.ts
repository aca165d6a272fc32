/**
 * The Kubernetes objects of one ipfailover instance, as plain data. The component passes them to
 * typed @pulumi/kubernetes resources unchanged; tests validate them against the OpenAPI schemas.
 */
import { createHash } from "node:crypto";
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { IpFailoverInstance } from "../config";
import { imageIptablesChrootsToHost, imageRelease } from "../image-rules";
import { renderIpFailoverEnv, SCRIPT_DIR, type EnvVar } from "./env";
import { renderScripts } from "./scripts";
import { productionLabels } from "../../shared/production-label";

type Plain<T> = pulumi.Unwrap<T>;
export type NamespaceManifest = Plain<k8s.types.input.core.v1.Namespace>;
export type ServiceAccountManifest = Plain<k8s.types.input.core.v1.ServiceAccount>;
export type RoleBindingManifest = Plain<k8s.types.input.rbac.v1.RoleBinding>;
export type ConfigMapManifest = Plain<k8s.types.input.core.v1.ConfigMap>;
export type DeploymentManifest = Plain<k8s.types.input.apps.v1.Deployment>;

/** The SCCs the image needs, granted through their OpenShift cluster roles. */
export const SCC_CLUSTER_ROLES = {
  privileged: "system:openshift:scc:privileged",
  hostnetwork: "system:openshift:scc:hostnetwork",
} as const;

/** Pod template annotation whose change rolls the pods (keepalived.conf is generated at start). */
export const CONFIG_HASH_ANNOTATION = "failover-stacks/config-hash";
export const MANAGED_BY = "failover-stacks";
/** Hex digits of the scripts' hash in the ConfigMap's name. */
export const SCRIPTS_HASH_LENGTH = 10;
/**
 * Where the host's root goes when iptablesChain is set on an image whose iptables chroots there
 * (see imageIptablesChrootsToHost): without this mount the rule never lands and nothing says so.
 */
export const HOST_ROOT_MOUNT = "/host";

export interface IpFailoverManifests {
  readonly serviceAccount: ServiceAccountManifest;
  readonly roleBindings: readonly RoleBindingManifest[];
  /** Present when the instance has a check or notify script. */
  readonly configMap?: ConfigMapManifest;
  readonly deployment: DeploymentManifest;
}

/** Object name prefix; also the service account name the policy recognises. */
export function objectName(instance: Pick<IpFailoverInstance, "name">): string {
  return `ipfailover-${instance.name}`;
}

export function podLabels(instance: Pick<IpFailoverInstance, "name">): Record<string, string> {
  return { "app.kubernetes.io/name": "ipfailover", "app.kubernetes.io/instance": instance.name };
}

export function imageReference(image: IpFailoverInstance["image"]): string {
  const tagged = `${image.repository}:${image.tag}`;
  return image.digest ? `${tagged}@${image.digest}` : tagged;
}

/**
 * The scripts ConfigMap's name: immutable, so a change of script makes a new one (and rolls the
 * pods through the volume reference) instead of editing the one running pods read.
 */
export function scriptsConfigMapName(
  instance: Pick<IpFailoverInstance, "name">,
  scripts: Record<string, string>,
): string {
  const hash = createHash("sha256").update(JSON.stringify(scripts)).digest("hex");
  return `${objectName(instance)}-scripts-${hash.slice(0, SCRIPTS_HASH_LENGTH)}`;
}

/** Hash of everything keepalived.conf and the scripts are generated from. */
export function configHash(env: readonly EnvVar[], scripts: Record<string, string>, image: string): string {
  return createHash("sha256").update(JSON.stringify({ env, scripts, image })).digest("hex");
}

/** A namespace that admits privileged, host-network pods (Pod Security labels, no SCC label sync). */
export function renderNamespace(name: string): NamespaceManifest {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name,
      labels: {
        "app.kubernetes.io/managed-by": MANAGED_BY,
        "pod-security.kubernetes.io/enforce": "privileged",
        "pod-security.kubernetes.io/audit": "privileged",
        "pod-security.kubernetes.io/warn": "privileged",
        "security.openshift.io/scc.podSecurityLabelSync": "false",
      },
    },
  };
}

/** `production` marks the Deployment for the policy pack (images-by-digest). */
export function renderIpFailoverManifests(
  instance: IpFailoverInstance,
  { production = false }: { production?: boolean } = {},
): IpFailoverManifests {
  const name = objectName(instance);
  const labels = { ...podLabels(instance), "app.kubernetes.io/managed-by": MANAGED_BY };
  // Fresh label objects per manifest, so YAML dumps carry no anchors.
  const metadata = (objectSuffix = "") => ({
    name: `${name}${objectSuffix}`,
    namespace: instance.namespace,
    labels: { ...labels },
  });
  const env = renderIpFailoverEnv(instance);
  const scripts = renderScripts(instance);
  const hasScripts = Object.keys(scripts).length > 0;
  const image = imageReference(instance.image);

  const serviceAccount: ServiceAccountManifest = {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: metadata(),
  };
  const roleBindings = Object.entries(SCC_CLUSTER_ROLES).map(([scc, clusterRole]): RoleBindingManifest => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: metadata(`-scc-${scc}`),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterRole },
    subjects: [{ kind: "ServiceAccount", name, namespace: instance.namespace }],
  }));
  const scriptsName = scriptsConfigMapName(instance, scripts);
  // Whoever can edit these scripts runs code as root on the nodes (docs say so): immutable.
  const configMap: ConfigMapManifest | undefined = hasScripts
    ? {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { ...metadata(), name: scriptsName },
        immutable: true,
        data: scripts,
      }
    : undefined;
  const hostRoot =
    instance.iptablesChain !== undefined && imageIptablesChrootsToHost(imageRelease(instance.image.tag));

  const deployment: DeploymentManifest = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { ...metadata(), labels: { ...labels, ...productionLabels(production) } },
    spec: {
      replicas: instance.replicas,
      // keepalived.conf is generated once at start, and old and new pods must never both hold VIPs.
      strategy: { type: "Recreate" },
      selector: { matchLabels: podLabels(instance) },
      template: {
        metadata: {
          labels: { ...labels },
          annotations: { [CONFIG_HASH_ANNOTATION]: configHash(env, scripts, image) },
        },
        spec: {
          serviceAccountName: name,
          // keepalived never talks to the API server; a token would only be loot.
          automountServiceAccountToken: false,
          hostNetwork: true,
          nodeSelector: { ...instance.nodeSelector },
          affinity: {
            // One pod per node for this instance; other instances may share the node (no hostPort).
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                {
                  labelSelector: { matchLabels: podLabels(instance) },
                  topologyKey: "kubernetes.io/hostname",
                },
              ],
            },
            ...(instance.nodes
              ? {
                  nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                      nodeSelectorTerms: [
                        {
                          matchFields: [
                            { key: "metadata.name", operator: "In", values: [...instance.nodes] },
                          ],
                        },
                      ],
                    },
                  },
                }
              : {}),
          },
          containers: [
            {
              name: "keepalived",
              image,
              imagePullPolicy: "IfNotPresent",
              env: env.map((e) => ({ ...e })),
              // Container level: `privileged` is not a pod-level field (the docs' example has it there).
              securityContext: { privileged: true },
              volumeMounts: [
                // The image runs `modprobe ip_vs`.
                { name: "lib-modules", mountPath: "/lib/modules", readOnly: true },
                ...(hasScripts ? [{ name: "scripts", mountPath: SCRIPT_DIR, readOnly: true }] : []),
                // Read-only: iptables-nft only execs from it and talks netlink.
                ...(hostRoot ? [{ name: "host-root", mountPath: HOST_ROOT_MOUNT, readOnly: true }] : []),
              ],
              livenessProbe: {
                exec: { command: ["pgrep", "-x", "keepalived"] },
                initialDelaySeconds: 10,
                periodSeconds: 10,
              },
              resources: { requests: { cpu: "10m", memory: "32Mi" } },
            },
          ],
          volumes: [
            { name: "lib-modules", hostPath: { path: "/lib/modules", type: "Directory" } },
            ...(hasScripts
              ? [{ name: "scripts", configMap: { name: scriptsName, defaultMode: 0o755 } }]
              : []),
            ...(hostRoot ? [{ name: "host-root", hostPath: { path: "/", type: "Directory" } }] : []),
          ],
          ...(instance.pullSecret ? { imagePullSecrets: [{ name: instance.pullSecret }] } : {}),
        },
      },
    },
  };
  return { serviceAccount, roleBindings, configMap, deployment };
}
