/** Every rule of the pack. index.ts builds the PolicyPack from this list; tests run the same list. */
import type { Rule } from "../engine";
import { noWorldSsh } from "./no-world-ssh";
import { ipfailoverReplicaCount, ipfailoverRouterIds } from "./ipfailover";
import { privilegedPodsIpfailoverOnly } from "./privileged-pods";

export const allRules: readonly Rule[] = [
  noWorldSsh,
  privilegedPodsIpfailoverOnly,
  ipfailoverReplicaCount,
  ipfailoverRouterIds,
];
