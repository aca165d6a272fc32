/**
 * The input of the NAT gateway renderers, parsed once. The renderers embed these values in shell and
 * Python source, so they take only a parsed NatGatewayRenderInput: the type is branded, so a plain
 * object literal does not type-check, and they never re-check it. The plan (../plan.ts) parses one
 * per gateway droplet from the validated config, with the same zod-net types the config schema uses;
 * the real-tool tests and the network-namespace tests parse their own.
 */
import { z } from "zod";
import { formatValue, plural, problem, valueAt } from "../../shared/config-errors";
import { dnsLabel, networkCidr } from "../../shared/zod-net";

const healthPort = z.number().superRefine((value, ctx) => {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    ctx.addIssue({
      code: "custom",
      message: problem("not a TCP port", "use an integer between 1 and 65535, such as 8080"),
    });
  }
});

export const natGatewayRenderSchema = z
  .object({
    /** Gateway name, e.g. `prod-egress-gw-1` (the droplet's host name). */
    name: dnsLabel,
    /** The VPC CIDR whose traffic is masqueraded (and the only source allowed to be forwarded). */
    vpcCidr: networkCidr,
    /** Extra source CIDRs to masquerade, e.g. the DOKS pod CIDR when pods route without SNAT. */
    extraSourceCidrs: z.array(networkCidr).readonly(),
    /** TCP port of the health endpoint served on the VPC address. */
    healthPort,
    /** Networks the host input filter admits to SSH (port 22); empty means no SSH at all. @default [] */
    adminCidrs: z.array(networkCidr).readonly().optional(),
    /** Networks the host input filter admits to the health endpoint. @default [vpcCidr] */
    healthCidrs: z.array(networkCidr).readonly().optional(),
    /**
     * Send egress through the droplet's anchor gateway so that it leaves with the reserved IP
     * assigned to the droplet (DigitalOcean only uses a reserved IP for outbound traffic when the
     * default route points at the anchor gateway). Only switched when the metadata service reports
     * the reserved IP as active. @default false
     */
    egressViaReservedIp: z.boolean().optional(),
  })
  .strict()
  // Frozen and branded: a parsed input can be neither changed nor written by hand.
  .readonly()
  .brand<"NatGatewayRenderInput">();

/** What a caller writes: plain data, not yet checked. */
export type NatGatewayRenderData = z.input<typeof natGatewayRenderSchema>;
/** What the renderers take: checked data (only natGatewayRenderInput makes one). */
export type NatGatewayRenderInput = z.output<typeof natGatewayRenderSchema>;

/**
 * The same data as a named interface with mutable arrays, the shape a component argument can have
 * (NatGatewayPool's `gateways[].nat`): not yet checked, natGatewayRenderInput parses it.
 */
export interface NatGatewaySetup {
  /** Gateway name, e.g. `prod-egress-gw-1` (the droplet's host name). */
  name: string;
  /** The VPC CIDR whose traffic is masqueraded (and the only source allowed to be forwarded). */
  vpcCidr: string;
  /** Extra source CIDRs to masquerade, e.g. the DOKS pod CIDR when pods route without SNAT. */
  extraSourceCidrs: string[];
  /** TCP port of the health endpoint served on the VPC address. */
  healthPort: number;
  /** Networks the host input filter admits to SSH (port 22); empty means no SSH at all. @default [] */
  adminCidrs?: string[];
  /** Networks the host input filter admits to the health endpoint. @default [vpcCidr] */
  healthCidrs?: string[];
  /** Egress through the anchor gateway, so it leaves with the droplet's reserved IP. @default false */
  egressViaReservedIp?: boolean;
}

// The interface and the schema cannot drift: every setup parses as render data, and both have
// exactly the same keys (a new schema field fails here until the interface has it).
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const setupIsRenderData = (s: NatGatewaySetup): NatGatewayRenderData => s;
const setupHasSchemaKeys: SameKeys<NatGatewaySetup, NatGatewayRenderData> = true;
void setupIsRenderData;
void setupHasSchemaKeys;

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i > 0 ? "." : ""}${String(part)}`))
    .join("");
}

/** Parses renderer input once; every problem is listed, each with its field, value and fix. */
export function natGatewayRenderInput(data: NatGatewayRenderData): NatGatewayRenderInput {
  const result = natGatewayRenderSchema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues;
  throw new Error(
    `NAT gateway render input ${JSON.stringify(data.name)}: ${plural(issues.length, "problem", "problems")}\n` +
      issues
        .map(
          (issue) =>
            `  - ${formatPath(issue.path)} = ${formatValue(valueAt(data, issue.path))}: ${issue.message}`,
        )
        .join("\n"),
  );
}
