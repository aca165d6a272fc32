/** The `digitalocean` system's stack outputs, one schema per key (part of stacks/contract.ts). */
import { z } from "zod";
import { outputAddress } from "../shared/output-schemas";

const gateway = z.object({ name: z.string(), privateIp: outputAddress, publicIp: outputAddress });

export const digitaloceanOutputSchemas = {
  egressIps: z.array(outputAddress).min(1),
  gateways: z.array(gateway).min(1),
  activeGateway: gateway.nullable(),
  routes: z.array(
    z.object({
      routeSet: z.string(),
      object: z.string(),
      destinations: z.array(z.string()).min(1),
      gateways: z.array(outputAddress).min(1),
    }),
  ),
};
