/**
 * The project and fleet side of multi-cluster ingress: APIs, fleet memberships, the
 * `multiclusteringress` feature pointing at the config cluster, and the MCI service agent's role.
 * Plain functions that register children of the calling component.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { clusterId, clusterResourceLink, membershipPath, normaliseMembership } from "./names";
import type { IngressMode } from "./render/plan";

/** APIs both modes need. */
export const INGRESS_APIS = [
  "container.googleapis.com",
  "gkehub.googleapis.com",
  "multiclusteringress.googleapis.com",
  "multiclusterservicediscovery.googleapis.com",
  "trafficdirector.googleapis.com",
  "compute.googleapis.com",
] as const;

/** Extra APIs the multi-cluster Gateway controller uses. */
export const GATEWAY_APIS = [
  "networkservices.googleapis.com",
  "cloudresourcemanager.googleapis.com",
] as const;

/** How a member's fleet membership is obtained. */
export type MembershipSource =
  /** Register the GKE cluster here. `id` defaults to the cluster name. */
  | { readonly source: "create"; readonly id?: string }
  /** Registered at cluster creation: pass `cluster.fleet.membership` (any spelling). */
  | { readonly source: "fleet"; readonly membership: pulumi.Input<string> }
  /** Registered elsewhere: its full name. */
  | { readonly source: "existing"; readonly name: string };

export interface FleetMember {
  /** GKE cluster name. */
  readonly name: string;
  /** Region or zone of the cluster. */
  readonly location: string;
  /** How its fleet membership is obtained. */
  readonly membership: MembershipSource;
}

/** Where the fleet and edge helpers register their resources. */
export interface FleetContext {
  /** Prefix of every resource name (the component's name). */
  readonly prefix: string;
  /** Fleet host project. */
  readonly project: string;
  /** The component that owns the resources. */
  readonly parent: pulumi.Resource;
}

export function enableApis(ctx: FleetContext, mode: IngressMode): gcp.projects.Service[] {
  const apis = mode === "gateway" ? [...INGRESS_APIS, ...GATEWAY_APIS] : [...INGRESS_APIS];
  return apis.map(
    (service) =>
      new gcp.projects.Service(
        `${ctx.prefix}-api-${service.split(".")[0]}`,
        // Disabling an API on destroy would break every other user of the project.
        { project: ctx.project, service, disableOnDestroy: false, disableDependentServices: false },
        { parent: ctx.parent },
      ),
  );
}

export interface FleetMemberships {
  /** Normalised membership name per member cluster. */
  readonly paths: ReadonlyMap<string, pulumi.Output<string>>;
  /** The memberships registered here (the feature waits for them). */
  readonly created: readonly gcp.gkehub.Membership[];
}

export function fleetMemberships(
  ctx: FleetContext,
  members: readonly FleetMember[],
  apis: readonly pulumi.Resource[],
): FleetMemberships {
  const paths = new Map<string, pulumi.Output<string>>();
  const created: gcp.gkehub.Membership[] = [];
  for (const member of members) {
    const source = member.membership;
    if (source.source === "create") {
      const id = source.id ?? member.name;
      const link = clusterResourceLink(ctx.project, member.location, member.name);
      const membership = new gcp.gkehub.Membership(
        `${ctx.prefix}-${member.name}-membership`,
        {
          project: ctx.project,
          location: "global",
          membershipId: id,
          endpoint: { gkeCluster: { resourceLink: link } },
          // Fleet Workload Identity: multi-cluster Services (the MCS importer) authenticate with it.
          authority: {
            issuer: `https://container.googleapis.com/v1/${clusterId(ctx.project, member.location, member.name)}`,
          },
        },
        { parent: ctx.parent, dependsOn: [...apis] },
      );
      created.push(membership);
      paths.set(
        member.name,
        membership.membershipId.apply((m) => membershipPath(ctx.project, "global", m)),
      );
    } else if (source.source === "fleet") {
      paths.set(member.name, pulumi.output(source.membership).apply(normaliseMembership));
    } else {
      paths.set(member.name, pulumi.output(normaliseMembership(source.name)));
    }
  }
  return { paths, created };
}

/**
 * The fleet ingress feature, at `global`, with the config cluster's membership. It waits for every
 * membership: MCI only programs backends in clusters that are members when it reconciles.
 */
export function ingressFeature(
  ctx: FleetContext,
  configMembership: pulumi.Output<string>,
  dependsOn: readonly pulumi.Resource[],
): gcp.gkehub.Feature {
  return new gcp.gkehub.Feature(
    `${ctx.prefix}-mci-feature`,
    {
      project: ctx.project,
      name: "multiclusteringress",
      location: "global",
      spec: { multiclusteringress: { configMembership } },
    },
    { parent: ctx.parent, dependsOn: [...dependsOn] },
  );
}

/** Multi-cluster Services: the Gateway API mode exports Services through it. */
export function serviceDiscoveryFeature(
  ctx: FleetContext,
  dependsOn: readonly pulumi.Resource[],
): { feature: gcp.gkehub.Feature; importerRole: gcp.projects.IAMMember } {
  const feature = new gcp.gkehub.Feature(
    `${ctx.prefix}-mcs-feature`,
    { project: ctx.project, name: "multiclusterservicediscovery", location: "global" },
    { parent: ctx.parent, dependsOn: [...dependsOn] },
  );
  // The MCS importer reads network endpoints through Workload Identity.
  const importerRole = new gcp.projects.IAMMember(
    `${ctx.prefix}-mcs-importer-network-viewer`,
    {
      project: ctx.project,
      role: "roles/compute.networkViewer",
      member: `serviceAccount:${ctx.project}.svc.id.goog[gke-mcs/gke-mcs-importer]`,
    },
    { parent: ctx.parent, dependsOn: [feature] },
  );
  return { feature, importerRole };
}

/** The MCI service agent must manage the member clusters' derived Services and NEGs. */
export function mciServiceAgent(
  ctx: FleetContext,
  apis: readonly pulumi.Resource[],
): { agent: gcp.projects.ServiceIdentity; role: gcp.projects.IAMMember } {
  const agent = new gcp.projects.ServiceIdentity(
    `${ctx.prefix}-mci-agent`,
    { project: ctx.project, service: "multiclusteringress.googleapis.com" },
    { parent: ctx.parent, dependsOn: [...apis] },
  );
  const role = new gcp.projects.IAMMember(
    `${ctx.prefix}-mci-agent-container-admin`,
    { project: ctx.project, role: "roles/container.admin", member: agent.member },
    { parent: ctx.parent },
  );
  return { agent, role };
}
