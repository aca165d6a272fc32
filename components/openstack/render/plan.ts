/**
 * Parses one LB's LbRenderInput into the LbRenderPlan every renderer takes: checked once (zod),
 * path defaults applied, the timing profile resolved. The config schema validates user input
 * with clear messages long before this; the parse here guarantees that nothing the renderers put
 * into keepalived.conf / haproxy.cfg / a shell script can break their syntax (defence in depth).
 * Only planLbRender makes a plan (a branded type), so no renderer can take unparsed input and
 * none checks it again.
 */
import { z } from "zod";
import { formatValue, plural, problem, valueAt, type ConfigProblem } from "../../shared/config-errors";
import { interfaceName, ipv4Address, repeatedEntries, repeatMessage } from "../../shared/zod-net";
import type { LbPaths, LbRenderInput } from "./model";
import { TIMING_PROFILE_NAMES, timingProfile, type TimingProfile } from "./timing";

export const DEFAULT_SCRIPT_USER = "keepalived_script";
export const DEFAULT_API_PORT = 6443;

export const DEFAULT_LB_PATHS: LbPaths = {
  keepalivedConf: "/etc/keepalived/keepalived.conf",
  haproxyCfg: "/etc/haproxy/haproxy.cfg",
  checkScript: "/etc/keepalived/check_haproxy_frontend.sh",
  haproxyStatsSocket: "/run/haproxy/admin.sock",
  haproxyBinary: "/usr/sbin/haproxy",
  haproxyChroot: "/var/lib/haproxy",
  haproxyPidFile: "/run/haproxy.pid",
  haproxyMasterSocket: "/run/haproxy-master.sock",
  processFeedProbe: "/etc/keepalived/failover-stacks/process-feed-probe.py",
  trackProcessSourceDir: "/etc/keepalived/failover-stacks",
  trackProcessActiveDir: "/run/keepalived-failover-stacks",
};

declare const parsedByPlanLbRender: unique symbol;

/** One LB's render input after planLbRender: checked, every path set, the timing profile resolved. */
export interface LbRenderPlan extends Omit<LbRenderInput, "paths" | "timing"> {
  readonly paths: LbPaths;
  readonly timing: TimingProfile;
  /** Brand: only planLbRender returns a plan. */
  readonly [parsedByPlanLbRender]: true;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const PASSWORD = /^[A-Za-z0-9]{1,8}$/;
const PATH = /^\/[A-Za-z0-9_./+-]*$/;

const simpleName = z.string().regex(NAME, {
  error: problem(
    "not a simple name",
    "use 1 to 63 letters, digits, '_', '.' or '-', starting with a letter or digit",
  ),
});

function wholeNumber(min: number, max: number, what: string) {
  return z.number().refine((n) => Number.isInteger(n) && n >= min && n <= max, {
    error: problem(`not ${what}`, `use a whole number from ${min} to ${max}`),
  });
}

const lb = z.object({
  name: simpleName,
  address: ipv4Address,
  priority: wholeNumber(1, 254, "a VRRP priority in 1..254 (255 is reserved for the address owner)"),
});

const path = z.string().refine((value) => value === "" || PATH.test(value), {
  error: problem("not a plain absolute path", "use / followed by letters, digits and _ . / + -"),
});
const paths = z.object(
  Object.fromEntries(Object.keys(DEFAULT_LB_PATHS).map((key) => [key, path])) as Record<
    keyof LbPaths,
    typeof path
  >,
);

const schema = z
  .object({
    clusterName: simpleName,
    vip: ipv4Address,
    interfaceName,
    virtualRouterId: wholeNumber(1, 255, "a VRRP virtual_router_id in 1..255"),
    self: lb,
    peers: z.array(lb).min(1, {
      error: problem("a pair needs at least one peer", "list every other LB of the pair as a peer"),
    }),
    apiServers: z.array(z.object({ name: simpleName, address: ipv4Address })).min(1, {
      error: problem("no API servers", "list the control-plane API servers HAProxy forwards to"),
    }),
    apiPort: wholeNumber(1, 65535, "a TCP port"),
    timing: z.enum(TIMING_PROFILE_NAMES).transform(timingProfile),
    authPassword: z
      .string()
      .regex(PASSWORD, {
        error: problem(
          "not a VRRP PASS secret",
          "use 1 to 8 characters [A-Za-z0-9] (RandomPassword { length: 8, special: false })",
        ),
      })
      .optional(),
    scriptUser: z.string().regex(USER, {
      error: problem(
        "not a user name",
        "use 1 to 32 lowercase letters, digits, '_' or '-', starting with a letter or '_'",
      ),
    }),
    paths,
  })
  .superRefine((input, ctx) => {
    // self is LB [0] of the pair, peer i is LB [i + 1].
    const pair = [input.self, ...input.peers];
    const at = (index: number) => (index === 0 ? ["self"] : ["peers", index - 1]);
    for (const field of ["address", "priority"] as const) {
      for (const repeat of repeatedEntries(pair, (peer) => String(peer[field]))) {
        ctx.addIssue({
          code: "custom",
          path: [...at(repeat.index), field],
          message: problem(
            `the same ${field} as ${pathText(at(repeat.first))} (${repeat.canonical})`,
            `give every LB of the pair its own ${field}`,
          ),
        });
      }
    }
    pair.forEach((peer, index) => {
      if (peer.address !== input.vip) return;
      ctx.addIssue({
        code: "custom",
        path: [...at(index), "address"],
        message: problem("the VIP equals an LB address", "give the VIP an address no LB has"),
      });
    });
    for (const repeat of repeatedEntries(input.apiServers, (server) => server.name)) {
      ctx.addIssue({
        code: "custom",
        path: ["apiServers", repeat.index, "name"],
        message: repeatMessage(repeat, "HAProxy needs distinct server names"),
      });
    }
  });

/** One problem of an LB render input: the field (as `key`), the value, what is wrong and the fix. */
export type LbRenderProblem = ConfigProblem;

export class LbRenderInputError extends Error {
  constructor(readonly problems: readonly LbRenderProblem[]) {
    super(
      `LB render input: ${plural(problems.length, "problem", "problems")}:\n` +
        problems.map((p) => `  - ${p.key} = ${p.value}: ${p.message}`).join("\n"),
    );
    this.name = "LbRenderInputError";
  }
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i ? "." : ""}${String(part)}`))
    .join("");
}

/**
 * The plan of one LB, parsed once (the component calls it once per LB). Throws an
 * LbRenderInputError listing every problem (field, value, fix) when the input could produce a
 * broken or ambiguous config.
 */
export function planLbRender(input: LbRenderInput): LbRenderPlan {
  const raw = { ...input, paths: { ...DEFAULT_LB_PATHS, ...input.paths } };
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new LbRenderInputError(
      result.error.issues.map((issue) => ({
        key: pathText(issue.path),
        value: formatValue(valueAt(raw, issue.path), issue.path),
        message: issue.message,
      })),
    );
  }
  const checked: Omit<LbRenderPlan, typeof parsedByPlanLbRender> = result.data;
  return checked as LbRenderPlan;
}
