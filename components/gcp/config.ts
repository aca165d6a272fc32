/**
 * The `gke` config section: a global anycast VIP in front of one app (typically an Istio/ASM
 * ingress gateway) that runs in several fleet member clusters. config-fields.ts checks shapes; the
 * free functions in config-checks.ts check the relations between fields (config cluster among
 * members, health port among service ports, names MCI reserves, TLS needing a static IP).
 */
import { gkeRelationIssues } from "./config-checks";
import { gkeFields } from "./config-fields";

export type { GkeCluster, GkeConfig, ServicePort } from "./config-fields";

export const gkeSchema = gkeFields.superRefine((config, ctx) => {
  for (const issue of gkeRelationIssues(config))
    ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message });
});
