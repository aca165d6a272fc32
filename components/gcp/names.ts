/**
 * Pure helpers for GCP resource names and fleet membership paths. The fleet API, the
 * `multiclusteringress` feature and `cluster.fleet` spell the same membership three ways; these
 * functions turn every spelling into `projects/P/locations/L/memberships/M`.
 */

/** Compute Engine resource names (RFC 1035 label). */
export const GCP_NAME_PATTERN = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** GCP's limit on a Compute Engine resource name (cloud.google.com/compute/docs/naming-resources). */
export const GCP_NAME_MAX = 63;

/** Suffixes edge.ts appends to the base `name`: the VIP, the managed certificate, the firewall. */
export const DERIVED_NAME_SUFFIXES = ["-vip", "-managed-cert", "-lb-health-checks"] as const;

/** The longest base name whose every derived Compute name stays within GCP_NAME_MAX (46). */
export const BASE_NAME_MAX = GCP_NAME_MAX - Math.max(...DERIVED_NAME_SUFFIXES.map((s) => s.length));

/** The prefix `cluster.fleet[0].membership` carries: a full resource name, not a relative one. */
export const GKEHUB_PREFIX = "//gkehub.googleapis.com/";

const MEMBERSHIP_PATH = /^projects\/[^/]+\/locations\/[^/]+\/memberships\/[^/]+$/;

/**
 * Normalises a membership reference to `projects/P/locations/L/memberships/M`, which the
 * feature's `configMembership` expects. Strips the `//gkehub.googleapis.com/` prefix that
 * `cluster.fleet` returns, and the `https://gkehub.googleapis.com/v1/` self-link form.
 * Throws on anything else: a wrong config membership would silently break the whole ingress.
 */
export function normaliseMembership(reference: string): string {
  let path = reference.trim();
  for (const prefix of [
    GKEHUB_PREFIX,
    "https://gkehub.googleapis.com/v1/",
    "https://gkehub.googleapis.com/v1beta1/",
  ]) {
    if (path.startsWith(prefix)) path = path.slice(prefix.length);
  }
  if (!MEMBERSHIP_PATH.test(path)) {
    throw new Error(
      `not a fleet membership name: ${JSON.stringify(reference)}; expected projects/P/locations/L/memberships/M`,
    );
  }
  return path;
}

/** True for any spelling normaliseMembership accepts. */
export function isMembershipPath(reference: string): boolean {
  try {
    normaliseMembership(reference);
    return true;
  } catch {
    return false;
  }
}

export function membershipPath(project: string, location: string, id: string): string {
  return `projects/${project}/locations/${location}/memberships/${id}`;
}

/** The membership ID (last path segment) of a normalised membership name. */
export function membershipIdOf(path: string): string {
  return normaliseMembership(path).split("/").pop() as string;
}

/** GKE cluster resource link for `Membership.endpoint.gkeCluster.resourceLink`. */
export function clusterResourceLink(project: string, location: string, name: string): string {
  return `//container.googleapis.com/${clusterId(project, location, name)}`;
}

/** The cluster ID that `gcp.container.Cluster.get` takes. */
export function clusterId(project: string, location: string, name: string): string {
  return `projects/${project}/locations/${location}/clusters/${name}`;
}

/** The MCS `spec.clusters[].link` form: `<location>/<cluster name>`. */
export function clusterLink(location: string, name: string): string {
  return `${location}/${name}`;
}
