/**
 * The `gke` system: one global anycast VIP in front of an app served from several fleet
 * clusters, through MultiClusterIngress or the multi-cluster Gateway API (docs/gke-multicluster-ingress.md).
 */
import { problem } from "../components/shared/config-errors";
import { gkeSchema, type GkeConfig } from "../components/gcp/config";
import type { GlobalSettings } from "./settings";
import { defineSystem, type CrossCheckIssue } from "./system";

/** Production must survive the loss of a cluster, so it needs two members that receive traffic. */
export function gkeProductionIssues(config: GkeConfig, settings: GlobalSettings): CrossCheckIssue[] {
  if (!settings.production) return [];
  const serving = config.clustersSubset?.length ?? config.clusters.length;
  if (serving >= 2) return [];
  return [
    {
      path: [config.clustersSubset ? "clustersSubset" : "clusters"],
      message: problem(
        "production needs at least two serving clusters: one cluster is no failover",
        "add a member cluster (at least two in different regions)",
      ),
    },
  ];
}

export const gkeSystem = defineSystem({
  section: "gke",
  title: "GKE multi-cluster ingress (MCI or multi-cluster Gateway)",
  schema: gkeSchema,
  crossCheck: gkeProductionIssues,
  deploy: (): Record<string, unknown> => {
    throw new Error("gke deploy is not wired yet");
  },
});
