/**
 * StaticRoute objects (k8s-staticroute-operator) route only safe destinations: IPv4 addresses or
 * networks without host bits, never the default route (the operator refuses exactly 0.0.0.0/0 and
 * nothing else), loopback, link-local / the metadata address, or multicast; the gateway is an IPv4
 * address; no destination twice. A bad route fails on every node with no retry, so it is blocked.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { STATIC_ROUTE_TYPE } from "../../components/digitalocean/constants";
import { addressOrNetwork, parseIpv4, specialRange } from "../../components/shared/ip";
import { isUnknown, peek } from "../unknowns";

function destinationProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return "is not a string";
  const parsed = addressOrNetwork(value);
  if (!parsed.ok)
    return parsed.reason === "host-bits" ? `has host bits (use ${parsed.network})` : "is malformed";
  if (parsed.cidr.address.kind() !== "ipv4") return "is not IPv4";
  const special = specialRange(parsed.cidr);
  return special ? `covers a ${special} range` : undefined;
}

export const staticRouteDestinations: ResourceValidationPolicy = {
  name: "static-route-destinations",
  description: "StaticRoute destinations are IPv4 partner addresses or networks, never special ranges.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    // Custom resources have no SDK class: compare the type string.
    if (args.type !== STATIC_ROUTE_TYPE) return;
    const spec = peek(peek(args.props).spec) as { destinations?: unknown; gateway?: unknown };
    // Unknown in a first preview (computed from another resource): judged when Analyze runs again
    // before the update, with the real value.
    const destinations = Array.isArray(spec.destinations) ? spec.destinations : [];
    if (destinations.length === 0 && !isUnknown(spec.destinations))
      reportViolation(`${args.name} has no destinations.`);
    const seen = new Set<string>();
    for (const destination of destinations) {
      if (isUnknown(destination)) continue;
      const problem = destinationProblem(destination);
      if (problem) {
        reportViolation(
          `${args.name}: destination ${JSON.stringify(destination)} ${problem}. Route only the partner's ` +
            `public addresses (digitalocean.routeSets).`,
        );
        continue;
      }
      const key = addressOrNetwork(destination as string);
      const text = key.ok ? key.cidr.text : String(destination);
      if (seen.has(text))
        reportViolation(`${args.name}: destination ${text} is listed twice ("File exists" on nodes).`);
      seen.add(text);
    }
    const gateway = typeof spec.gateway === "string" ? parseIpv4(spec.gateway) : undefined;
    // Only a known gateway is judged: unknown in a preview, or the synth's `<assigned:...>` placeholder.
    if (
      typeof spec.gateway === "string" &&
      !isUnknown(spec.gateway) &&
      !spec.gateway.startsWith("<") &&
      !gateway
    ) {
      reportViolation(`${args.name}: gateway ${JSON.stringify(spec.gateway)} is not an IPv4 address.`);
    }
  },
};

/**
 * Across StaticRoute objects: one destination in two objects makes the second fail on every node
 * ("File exists"), which is exactly what a hand-made failover (create the standby before deleting
 * the primary) produces.
 */
export const staticRouteUniqueDestinations: StackValidationPolicy = {
  name: "static-route-unique-destinations",
  description: "No destination appears in two StaticRoute objects.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const owner = new Map<string, string>();
    for (const resource of args.resources) {
      if (resource.type !== STATIC_ROUTE_TYPE) continue;
      const spec = peek(peek(resource.props).spec) as { destinations?: unknown };
      for (const destination of Array.isArray(spec.destinations) ? spec.destinations : []) {
        const parsed = typeof destination === "string" ? addressOrNetwork(destination) : undefined;
        if (!parsed?.ok) continue; // the resource rule reports malformed ones
        const first = owner.get(parsed.cidr.text);
        if (first !== undefined && first !== resource.name) {
          reportViolation(
            `${parsed.cidr.text} is routed by both ${first} and ${resource.name}; the second fails on every ` +
              `node with "File exists". Keep each destination in one route set.`,
            resource.urn,
          );
        } else owner.set(parsed.cidr.text, resource.name);
      }
    }
  },
};
