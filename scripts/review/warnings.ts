/**
 * The changes a reviewer must not miss, found in a stack's diff: one update that replaces every LB
 * of a VIP pair (no VRRP peer is left to hold the VIP), every NAT gateway (no egress at all), or
 * moves an egress route to another gateway (the runbook's settle step applies).
 */
import {
  DROPLET_TYPE,
  MANAGED_NAT_GATEWAY_TYPE,
  NAT_GATEWAY_POOL_TYPE,
  STATIC_ROUTE_TYPE,
  VPC_NAT_GATEWAY_TYPE,
} from "../../components/digitalocean/constants";
import { LOAD_BALANCER_PAIR_TYPE } from "../../components/openstack/load-balancer-pair";
import { OS_INSTANCE } from "../../policy/rules/openstack-resources";
import type { ResourceChange, StackDiff } from "./diff";
import { normalizePath } from "./replace-on-change";
import type { ResourceRow } from "./tree";

export interface LoudWarning {
  readonly stack: string;
  readonly kind: "vip-pair" | "nat-gateways" | "egress-route";
  readonly message: string;
}

/** NAT gateway groups: the droplets of a pool, the one VPC NAT gateway of managed mode. */
const NAT_GROUPS = [
  [NAT_GATEWAY_POOL_TYPE, DROPLET_TYPE, "pool"],
  [MANAGED_NAT_GATEWAY_TYPE, VPC_NAT_GATEWAY_TYPE, "managed gateway"],
] as const;

/** The type token of a URN (`urn:pulumi:<stack>::<project>::<parent$>type::name`), without parents. */
export function typeOfUrn(urn: string): string {
  const parts = urn.split("::");
  return (parts[2] ?? "").split("$").pop() ?? "";
}
const nameOfUrn = (urn: string): string => urn.split("::").slice(3).join("::");

/** Groups whose every member this update replaces: children of `parentType` of type `childType`. */
function wholeGroupsReplaced(
  diff: StackDiff,
  headResources: readonly ResourceRow[],
  parentType: string,
  childType: string,
): Array<{ parent: string; members: ResourceChange[] }> {
  const replaced = diff.changed.filter((c) => c.replacedBy.length > 0 && c.resource.type === childType);
  const parents = [...new Set(replaced.map((c) => c.resource.parent ?? ""))].filter(
    (p) => p && typeOfUrn(p) === parentType,
  );
  return parents
    .map((parent) => ({
      parent,
      members: replaced.filter((c) => c.resource.parent === parent),
      all: headResources.filter((r) => r.parent === parent && r.type === childType).length,
    }))
    .filter((g) => g.members.length === g.all && g.all > 0)
    .map(({ parent, members }) => ({ parent, members }));
}

/** Groups whose every member (in the base) this update deletes, with what it creates of that type. */
function wholeGroupsRemoved(
  diff: StackDiff,
  baseResources: readonly ResourceRow[],
  parentType: string,
  childType: string,
) {
  const removed = diff.removed.filter(
    (r) => r.type === childType && r.parent && typeOfUrn(r.parent) === parentType,
  );
  return [...new Set(removed.map((r) => r.parent ?? ""))]
    .map((parent) => ({
      parent,
      members: removed.filter((r) => r.parent === parent),
      all: baseResources.filter((r) => r.parent === parent && r.type === childType).length,
    }))
    .filter((g) => g.members.length === g.all && g.all > 0)
    .map(({ parent, members }) => ({
      parent,
      members,
      created: diff.added.filter(
        (r) => r.type === childType && r.parent && typeOfUrn(r.parent) === parentType,
      ),
    }));
}

function removedMessage(
  group: ReturnType<typeof wholeGroupsRemoved>[number],
  what: string,
  consequence: string,
): string {
  const created = group.created.map((r) => `\`${r.name}\``).join(", ");
  return (
    `deletes EVERY ${what} \`${nameOfUrn(group.parent)}\` (${group.members.map((r) => `\`${r.name}\``).join(", ")})` +
    (created ? ` and creates ${created} under new names` : "") +
    `. ${consequence} A renamed environment or cluster is a new set of resources: add aliases to keep the old ` +
    "ones, or plan the cut-over."
  );
}

const names = (members: readonly ResourceChange[]): string =>
  members.map((m) => `\`${m.resource.name}\``).join(", ");
const causes = (members: readonly ResourceChange[]): string =>
  [...new Set(members.flatMap((m) => m.replacedBy.map((r) => `\`${normalizePath(r.path)}\``)))].join(", ");

export function loudWarnings(
  diff: StackDiff,
  headResources: readonly ResourceRow[],
  baseResources: readonly ResourceRow[] = [],
): LoudWarning[] {
  const warnings: LoudWarning[] = [];
  for (const group of wholeGroupsRemoved(diff, baseResources, LOAD_BALANCER_PAIR_TYPE, OS_INSTANCE))
    warnings.push({
      stack: diff.stack,
      kind: "vip-pair",
      message: removedMessage(
        group,
        "load balancer of VIP pair",
        "Nobody holds the VIP once the last old LB is gone.",
      ),
    });
  for (const [parentType, childType, what] of NAT_GROUPS)
    for (const group of wholeGroupsRemoved(diff, baseResources, parentType, childType))
      warnings.push({
        stack: diff.stack,
        kind: "nat-gateways",
        message: removedMessage(
          group,
          `NAT gateway of ${what}`,
          "Routed destinations lose egress, and partners must allowlist the new egress addresses.",
        ),
      });
  for (const group of wholeGroupsReplaced(diff, headResources, LOAD_BALANCER_PAIR_TYPE, OS_INSTANCE)) {
    warnings.push({
      stack: diff.stack,
      kind: "vip-pair",
      message:
        `replaces EVERY load balancer of VIP pair \`${nameOfUrn(group.parent)}\` (${names(group.members)}; ` +
        `changed: ${causes(group.members)}). The engine replaces them in order but waits only for Nova's ACTIVE, ` +
        "not for keepalived: nobody may hold the VIP in between. Roll them one at a time with targeted updates " +
        '(docs/openstack-api-vip.md, "What a config change does to a running pair").',
    });
  }
  for (const [parentType, childType, what] of NAT_GROUPS) {
    for (const group of wholeGroupsReplaced(diff, headResources, parentType, childType)) {
      warnings.push({
        stack: diff.stack,
        kind: "nat-gateways",
        message:
          `replaces EVERY NAT gateway of ${what} \`${nameOfUrn(group.parent)}\` (${names(group.members)}; ` +
          `changed: ${causes(group.members)}). Routed destinations lose egress while the active gateway is ` +
          "rebuilt, and the new gateways get new VPC and egress addresses (docs/digitalocean-egress.md).",
      });
    }
  }
  for (const change of diff.changed) {
    if (change.resource.type !== STATIC_ROUTE_TYPE) continue;
    const moved = change.changes.find((c) => normalizePath(c.path) === "spec.gateway");
    if (!moved) continue;
    warnings.push({
      stack: diff.stack,
      kind: "egress-route",
      message:
        `moves egress route \`${change.resource.name}\` from gateway \`${String(moved.before)}\` to ` +
        `\`${String(moved.after)}\`. ` +
        "The old StaticRoute is deleted, the settle wait runs, then the new one is created: follow the failover " +
        'runbook, step 3 "Preview and apply" (docs/digitalocean-egress.md).',
    });
  }
  return warnings;
}
