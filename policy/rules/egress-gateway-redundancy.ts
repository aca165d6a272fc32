/**
 * Production egress has a standby: every pool of NAT gateway droplets tagged as production has at
 * least two droplets. The stack's `production` flag reaches the policy as the droplet tag
 * `failover-production:true`; `failover-pool:<name>` groups a pool's droplets (see
 * components/digitalocean/constants.ts and docs/digitalocean-egress.md).
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import {
  DROPLET_TYPE,
  TAG_GATEWAY,
  TAG_POOL_PREFIX,
  TAG_PRODUCTION_PREFIX,
} from "../../components/digitalocean/constants";
import { containsUnknown, peek } from "../unknowns";

const MIN_GATEWAYS = 2;

function tagsOf(props: Record<string, unknown>): string[] {
  return Array.isArray(props.tags) ? props.tags.filter((t): t is string => typeof t === "string") : [];
}

export const egressGatewayRedundancy: StackValidationPolicy = {
  name: "egress-gateway-redundancy",
  description: `Production NAT gateway pools have at least ${MIN_GATEWAYS} gateway droplets.`,
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const droplets = args.resources.filter((r) => r.type === DROPLET_TYPE);
    // A droplet whose tags are not known yet may belong to any pool: judged at update.
    if (droplets.some((r) => containsUnknown(peek(r.props).tags))) return;
    const pools = new Map<string, number>();
    for (const resource of args.resources) {
      if (resource.type !== DROPLET_TYPE) continue;
      const tags = tagsOf(peek(resource.props));
      if (!tags.includes(TAG_GATEWAY) || !tags.includes(`${TAG_PRODUCTION_PREFIX}true`)) continue;
      const pool = tags.find((t) => t.startsWith(TAG_POOL_PREFIX)) ?? `${TAG_POOL_PREFIX}(untagged)`;
      pools.set(pool, (pools.get(pool) ?? 0) + 1);
    }
    for (const [pool, count] of pools) {
      if (count < MIN_GATEWAYS) {
        reportViolation(
          `${pool.slice(TAG_POOL_PREFIX.length)} has ${count} production NAT gateway(s); a failover needs a ` +
            `standby. Set digitalocean.gateways.count to ${MIN_GATEWAYS} or more.`,
        );
      }
    }
  },
};
