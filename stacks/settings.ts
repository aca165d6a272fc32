/** Stack-wide settings: `failover-stacks:environment` and `failover-stacks:production`. */
import { z } from "zod";
import { problem } from "../components/shared/config-errors";
import { dnsLabel } from "../components/shared/zod-net";

export const globalSettingsSchema = z
  .object({
    /** Environment name, used in resource tags and names. @default "dev" */
    environment: dnsLabel.default("dev"),
    /** Turns on production-only checks (for example, at least two NAT gateways). @default false */
    production: z
      .boolean({ error: problem("expected true or false", "write production: true or production: false") })
      .default(false),
  })
  .strict();

export type GlobalSettings = z.output<typeof globalSettingsSchema>;
