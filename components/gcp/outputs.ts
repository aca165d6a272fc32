/** The `gke` system's stack outputs, one schema per key (part of stacks/contract.ts). */
import { z } from "zod";

export const gkeOutputSchemas = {
  /** The static address; without one (`staticIp.create: false`, no name), the status VIP below. */
  ingressVip: z.string(),
  /** Empty until the MCI controller has programmed the load balancer. */
  ingressStatusVip: z.string(),
  configMembership: z.string().min(1),
  memberships: z.record(z.string(), z.string()),
};
