/**
 * ipfailover Deployments: the replica count the image is told must be the replicas that run, and
 * the VRRP router ids of all instances in the stack must be disjoint and within 1-255. Ids are
 * derived from the env exactly as the image derives them (components/openshift/image-rules.ts).
 */
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { imageRouterIdCount } from "../../components/openshift/image-rules";
import { isUnknown, peek } from "../unknowns";
import { containersOf, isIpFailoverContainer, podSpecOf, type Container } from "./pod-specs";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

/** The image's own default when OPENSHIFT_HA_REPLICA_COUNT is unset (conf/settings.sh). */
const IMAGE_DEFAULT_REPLICA_COUNT = "1";

function ipfailoverContainer(type: string, props: Record<string, unknown>): Container | undefined {
  if (type !== DEPLOYMENT) return undefined;
  const podSpec = podSpecOf(type, props);
  return podSpec ? containersOf(podSpec).find(isIpFailoverContainer) : undefined;
}

export const ipfailoverReplicaCount: ResourceValidationPolicy = {
  name: "ipfailover-replica-count",
  description: "An ipfailover Deployment's replicas must equal its OPENSHIFT_HA_REPLICA_COUNT.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const props = peek(args.props);
    const container = ipfailoverContainer(args.type, props);
    if (!container) return;
    const count = container.env.get("OPENSHIFT_HA_REPLICA_COUNT") ?? IMAGE_DEFAULT_REPLICA_COUNT;
    const replicas = (props.spec as { replicas?: unknown } | undefined)?.replicas ?? 1;
    if (typeof count !== "string" || isUnknown(count) || typeof replicas !== "number") return; // unknown until apply
    if (String(replicas) !== count.trim()) {
      reportViolation(
        `${args.name} runs ${replicas} replica(s) but tells keepalived OPENSHIFT_HA_REPLICA_COUNT=${count}; ` +
          `the image assigns initial MASTER roles from that count. Set both to the number of selected nodes.`,
      );
    }
  },
};

interface IdRange {
  readonly urn: string;
  readonly name: string;
  readonly first: number;
  readonly last: number;
}

function idRangeOf(
  resource: PolicyResource,
  report: (message: string, urn: string) => void,
): IdRange | undefined {
  const container = ipfailoverContainer(resource.type, peek(resource.props));
  if (!container) return undefined;
  const offset = container.env.get("OPENSHIFT_HA_VRRP_ID_OFFSET");
  const vips = container.env.get("OPENSHIFT_HA_VIRTUAL_IPS");
  const groups = container.env.get("OPENSHIFT_HA_VIP_GROUPS");
  if (offset === undefined) {
    report(
      `${resource.name} leaves OPENSHIFT_HA_VRRP_ID_OFFSET unset; the image's default changed between releases ` +
        `(0, then 10). Set it explicitly.`,
      resource.urn,
    );
    return undefined;
  }
  if (
    typeof offset !== "string" ||
    typeof vips !== "string" ||
    !(groups === undefined || typeof groups === "string") ||
    [offset, vips, groups].some(isUnknown)
  )
    return undefined; // unknown until apply
  if (!/^\d+$/.test(offset.trim())) {
    report(
      `${resource.name} has a non-numeric OPENSHIFT_HA_VRRP_ID_OFFSET ${JSON.stringify(offset)}.`,
      resource.urn,
    );
    return undefined;
  }
  const count = imageRouterIdCount(vips, groups);
  if (count === 0) {
    report(
      `${resource.name}: OPENSHIFT_HA_VIRTUAL_IPS expands to no address the image accepts.`,
      resource.urn,
    );
    return undefined;
  }
  const first = Number(offset) + 1;
  return { urn: resource.urn, name: resource.name, first, last: first + count - 1 };
}

export const ipfailoverRouterIds: StackValidationPolicy = {
  name: "ipfailover-router-ids",
  description: "VRRP router ids of all ipfailover Deployments are disjoint and within 1-255.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const ranges = args.resources
      .map((r) => idRangeOf(r, reportViolation))
      .filter((r): r is IdRange => r !== undefined);
    ranges.forEach((range, i) => {
      if (range.last > 255) {
        reportViolation(
          `${range.name} uses router ids ${range.first}-${range.last}; keepalived accepts 1-255. Lower ` +
            `OPENSHIFT_HA_VRRP_ID_OFFSET or group the VIPs (OPENSHIFT_HA_VIP_GROUPS).`,
          range.urn,
        );
      }
      for (const other of ranges.slice(0, i)) {
        if (range.first <= other.last && other.first <= range.last) {
          reportViolation(
            `${range.name} (router ids ${range.first}-${range.last}) overlaps ${other.name} ` +
              `(${other.first}-${other.last}); VRRP instances with one id fight over their VIPs. Move one offset.`,
            range.urn,
          );
        }
      }
    });
  },
};
