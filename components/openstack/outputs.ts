/** The `openstack` system's stack outputs, one schema per key (part of stacks/contract.ts). */
import { z } from "zod";
import { outputAddress } from "../shared/output-schemas";

export const openstackOutputSchemas = {
  apiVip: outputAddress,
  apiEndpoint: z.string().startsWith("https://"),
  floatingIp: outputAddress.nullable(),
  loadBalancerIps: z.array(outputAddress).min(2),
  controlPlaneIps: z.array(outputAddress).min(1),
};
