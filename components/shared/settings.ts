/** Stack-wide settings: `failover-stacks:environment` and `failover-stacks:production`. */
import { z } from "zod";
import { problem } from "./config-errors";
import { dnsLabel } from "./zod-net";

/** Room for the longest name derived from it: `<environment>-egress-<gateway>` is a 63-character host name. */
export const ENVIRONMENT_MAX = 32;

export const globalSettingsSchema = z
  .object({
    /** Environment name, used in resource tags and names; at most 32 characters. @default "dev" */
    environment: dnsLabel
      .refine((value) => value.length <= ENVIRONMENT_MAX, {
        error: problem(
          `the environment is longer than ${ENVIRONMENT_MAX} characters; names derived from it (droplets <environment>-egress-gw-10, their uptime checks) must stay 63-character host names`,
          `shorten it to at most ${ENVIRONMENT_MAX} characters`,
        ),
      })
      .default("dev"),
    /** Turns on production-only checks (for example, at least two NAT gateways). @default false */
    production: z
      .boolean({ error: problem("expected true or false", "write production: true or production: false") })
      .default(false),
  })
  .strict();

export type GlobalSettings = z.output<typeof globalSettingsSchema>;
