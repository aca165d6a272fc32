/**
 * The k8s-staticroute-operator v1.0.0 install, as plain Kubernetes objects: namespace, CRD,
 * ServiceAccount, ClusterRole, ClusterRoleBinding and DaemonSet. Written here from the release's
 * parameters, so nothing is fetched at deploy time and the image is pinned.
 */
import type { input } from "@pulumi/kubernetes/types";
import { productionLabels } from "../../shared/production-label";

export const OPERATOR_NAMESPACE = "static-routes";
export const OPERATOR_NAME = "k8s-staticroute-operator";
export const STATIC_ROUTE_GROUP = "networking.digitalocean.com";
export const STATIC_ROUTE_API_VERSION = `${STATIC_ROUTE_GROUP}/v1`;
export const STATIC_ROUTE_CRD_NAME = `staticroutes.${STATIC_ROUTE_GROUP}`;
/** The image's USER (upstream Dockerfile); the python binary carries cap_net_admin as a file capability. */
const OPERATOR_UID = 405;

/** Upstream's own patterns: a dotted quad, optionally with a /0-/32 prefix. */
const ADDRESS_PATTERN = "^([0-9]{1,3}\\.){3}[0-9]{1,3}$";
const DESTINATION_PATTERN = "^([0-9]{1,3}\\.){3}[0-9]{1,3}(\\/([0-9]|[1-2][0-9]|3[0-2]))?$";

export interface OperatorRenderInput {
  /** Pinned image reference, `repository:tag`. */
  readonly image: string;
  /** Optional `sha256:...` digest appended to the image reference. */
  readonly digest?: string;
  /** Marks the DaemonSet as production's, for the images-by-digest policy. */
  readonly production?: boolean;
}

// Plain objects typed with the SDK's input shapes (which accept plain values), so the component
// passes them to typed resources unchanged and tests validate them as manifests.
type Namespace = input.core.v1.Namespace;
type Crd = input.apiextensions.v1.CustomResourceDefinition & { spec: unknown };
type ServiceAccount = input.core.v1.ServiceAccount;
type ClusterRole = input.rbac.v1.ClusterRole;
type ClusterRoleBinding = input.rbac.v1.ClusterRoleBinding & { roleRef: unknown };
type DaemonSet = input.apps.v1.DaemonSet & { spec: unknown };
type PolicyRule = input.rbac.v1.PolicyRule;

export interface OperatorManifests {
  readonly namespace: Namespace;
  readonly crd: Crd;
  readonly serviceAccount: ServiceAccount;
  readonly clusterRole: ClusterRole;
  readonly clusterRoleBinding: ClusterRoleBinding;
  readonly daemonSet: DaemonSet;
}

const labels = { "app.kubernetes.io/name": OPERATOR_NAME, "app.kubernetes.io/managed-by": "pulumi" };

export function imageReference(input: OperatorRenderInput): string {
  return input.digest ? `${input.image}@${input.digest}` : input.image;
}

export function renderStaticRouteCrd(): Crd {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: STATIC_ROUTE_CRD_NAME, labels },
    spec: {
      group: STATIC_ROUTE_GROUP,
      scope: "Cluster",
      names: { kind: "StaticRoute", plural: "staticroutes", singular: "staticroute", shortNames: ["sr"] },
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          // Destinations and Gateway have priority 1: `kubectl get staticroutes -o wide` shows them.
          additionalPrinterColumns: [
            { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
            { name: "Destinations", type: "string", priority: 1, jsonPath: ".spec.destinations" },
            { name: "Gateway", type: "string", priority: 1, jsonPath: ".spec.gateway" },
          ],
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                spec: {
                  type: "object",
                  required: ["destinations", "gateway"],
                  properties: {
                    destinations: {
                      type: "array",
                      minItems: 1,
                      description: "Destination hosts or networks routed through the gateway (required)",
                      items: { type: "string", pattern: DESTINATION_PATTERN },
                    },
                    gateway: {
                      type: "string",
                      description: "Gateway to route through (required)",
                      pattern: ADDRESS_PATTERN,
                    },
                  },
                },
                // The SDK spells x-kubernetes-preserve-unknown-fields with underscores; the provider maps it.
                status: { type: "object", x_kubernetes_preserve_unknown_fields: true },
              },
            },
          },
        },
      ],
    },
  };
}

/**
 * Least privilege for the operator (a kopf controller): watch and patch StaticRoutes (kopf's
 * finalizer and status live on the object, the CRD has no status subresource), discover the CRD,
 * list namespaces, post events, and its peering objects. No wildcards, no secrets.
 */
export function renderOperatorRbacRules(): PolicyRule[] {
  return [
    {
      apiGroups: [STATIC_ROUTE_GROUP],
      resources: ["staticroutes"],
      verbs: ["get", "list", "watch", "patch"],
    },
    {
      apiGroups: [STATIC_ROUTE_GROUP],
      resources: ["clusterkopfpeerings"],
      verbs: ["get", "list", "watch", "patch"],
    },
    {
      apiGroups: ["apiextensions.k8s.io"],
      resources: ["customresourcedefinitions"],
      verbs: ["list", "watch"],
    },
    { apiGroups: [""], resources: ["namespaces"], verbs: ["list", "watch"] },
    { apiGroups: [""], resources: ["events"], verbs: ["create"] },
  ];
}

export function renderOperatorDaemonSet(operator: OperatorRenderInput): DaemonSet {
  const selector = { "app.kubernetes.io/name": OPERATOR_NAME };
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: {
      name: OPERATOR_NAME,
      namespace: OPERATOR_NAMESPACE,
      labels: { ...labels, ...productionLabels(operator.production) },
    },
    spec: {
      selector: { matchLabels: selector },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: OPERATOR_NAME,
          // Routes are written into each node's own routing table.
          hostNetwork: true,
          // Every node needs its routes, whatever its taints.
          tolerations: [{ operator: "Exists" }],
          containers: [
            {
              name: OPERATOR_NAME,
              image: imageReference(operator),
              imagePullPolicy: "IfNotPresent",
              env: [
                { name: "OPERATOR_NAME", value: OPERATOR_NAME },
                { name: "NODE_HOSTNAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
              ],
              resources: { requests: { cpu: "10m", memory: "100Mi" }, limits: { memory: "150Mi" } },
              // NET_ADMIN only. allowPrivilegeEscalation stays at its default on purpose: the image
              // runs as UID 405 and gets NET_ADMIN from a file capability, which no_new_privs blocks.
              securityContext: {
                capabilities: { drop: ["ALL"], add: ["NET_ADMIN"] },
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                runAsUser: OPERATOR_UID,
                seccompProfile: { type: "RuntimeDefault" },
              },
            },
          ],
        },
      },
    },
  };
}

export function renderStaticRouteOperator(operator: OperatorRenderInput): OperatorManifests {
  return {
    namespace: { apiVersion: "v1", kind: "Namespace", metadata: { name: OPERATOR_NAMESPACE, labels } },
    crd: renderStaticRouteCrd(),
    serviceAccount: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: OPERATOR_NAME, namespace: OPERATOR_NAMESPACE, labels },
    },
    clusterRole: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: OPERATOR_NAME, labels },
      rules: renderOperatorRbacRules(),
    },
    clusterRoleBinding: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: OPERATOR_NAME, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: OPERATOR_NAME },
      subjects: [{ kind: "ServiceAccount", name: OPERATOR_NAME, namespace: OPERATOR_NAMESPACE }],
    },
    daemonSet: renderOperatorDaemonSet(operator),
  };
}
