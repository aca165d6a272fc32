/**
 * Where the pod spec sits in each Kubernetes workload type (as resource inputs), and the
 * ipfailover containers inside one. Shared by the privileged-pod and ipfailover rules.
 */

type Props = Record<string, unknown>;

const obj = (value: unknown): Props | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : undefined;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Property path from the resource to its pod spec, per type token. */
const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  "kubernetes:core/v1:Pod": ["spec"],
  "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
  "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
  "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
  "kubernetes:apps/v1:ReplicaSet": ["spec", "template", "spec"],
  "kubernetes:batch/v1:Job": ["spec", "template", "spec"],
  "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
  "kubernetes:core/v1:ReplicationController": ["spec", "template", "spec"],
};

export function podSpecOf(type: string, props: Props): Props | undefined {
  const path = POD_SPEC_PATHS[type];
  if (!path) return undefined;
  let current: Props | undefined = props;
  for (const key of path) current = obj(current?.[key]);
  return current;
}

export interface Container {
  readonly name?: string;
  readonly image?: string;
  readonly env: ReadonlyMap<string, unknown>;
  readonly privileged: boolean;
}

export function containersOf(podSpec: Props): Container[] {
  return ["initContainers", "containers", "ephemeralContainers"].flatMap((key) =>
    list(podSpec[key]).map((raw) => {
      const c = obj(raw) ?? {};
      const env = new Map<string, unknown>();
      for (const e of list(c.env)) {
        const entry = obj(e);
        if (typeof entry?.name === "string") env.set(entry.name, entry.value);
      }
      return {
        name: typeof c.name === "string" ? c.name : undefined,
        image: typeof c.image === "string" ? c.image : undefined,
        env,
        privileged: obj(c.securityContext)?.privileged === true,
      };
    }),
  );
}

/** A container that runs the keepalived ipfailover image, or is configured like one. */
export function isIpFailoverContainer(container: Container): boolean {
  return (
    (container.image?.includes("keepalived-ipfailover") ?? false) ||
    [...container.env.keys()].some((name) => name.startsWith("OPENSHIFT_HA_"))
  );
}

/** The service accounts allowed to run privileged, host-network pods: `ipfailover` and `ipfailover-*`. */
export const IPFAILOVER_SERVICE_ACCOUNT = /^ipfailover(-[a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/;

export function serviceAccountOf(podSpec: Props): string {
  const name = podSpec.serviceAccountName ?? podSpec.serviceAccount;
  return typeof name === "string" && name !== "" ? name : "default";
}
