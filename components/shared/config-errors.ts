/**
 * Turns zod issues into messages that name the full config key, the bad value and the fix, and
 * collects every problem of every section into one error thrown before any resource exists.
 */
import type { z } from "zod";

/** The project's config namespace: keys in Pulumi.<stack>.yaml are `failover-stacks:<section>`. */
export const CONFIG_NAMESPACE = "failover-stacks";

const FIX_MARKER = " Fix: ";

/** Builds a refinement message in the house style: what is wrong, then how to fix it. */
export function problem(what: string, fix: string): string {
  return `${what}.${FIX_MARKER}${fix}`;
}

export interface ConfigProblem {
  /** Full key, e.g. `failover-stacks:openstack.loadBalancers.count`. */
  readonly key: string;
  /** The offending value as written in config (JSON), or `(missing)`. */
  readonly value: string;
  readonly message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid stack configuration: ${problems.length} problem(s); nothing was registered.\n` +
        problems.map((p) => `  - ${p.key} = ${p.value}: ${p.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Renders a path the way it is written in YAML: `section.list[2].field`. */
export function formatKey(section: string, path: ReadonlyArray<PropertyKey>): string {
  let key = `${CONFIG_NAMESPACE}:${section}`;
  for (const part of path) {
    key += typeof part === "number" ? `[${part}]` : `.${String(part)}`;
  }
  return key;
}

export function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** Keys whose values never appear in an error message (kubeconfigs, passwords, webhook URLs, ...). */
const SECRET_KEY = /(kubeconfig|password|passwd|secret|token|webhook|credential|private.?key|api.?key)/i;

function isSecretPath(path: ReadonlyArray<PropertyKey>): boolean {
  const names = path.filter((p): p is string => typeof p === "string");
  const last = names[names.length - 1] ?? "";
  return SECRET_KEY.test(last) || (last === "url" && names.includes("slack"));
}

/**
 * The bad value as printed in an error. Objects show only their keys and long lists only their
 * length, so a section-level problem never prints a nested secret; secret-looking keys are redacted.
 */
export function formatValue(value: unknown, path: ReadonlyArray<PropertyKey> = []): string {
  if (value === undefined) return "(missing)";
  if (isSecretPath(path)) return "[redacted]";
  const text = JSON.stringify(value);
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    // A small flat object reads best whole; anything nested or secret-keyed shows its keys only.
    const entries = Object.entries(value);
    const flat = entries.every(([k, v]) => (v === null || typeof v !== "object") && !SECRET_KEY.test(k));
    return flat && text.length <= 120 ? text : `{${entries.map(([k]) => k).join(", ")}}`;
  }
  if (Array.isArray(value) && (value.some((v) => v !== null && typeof v === "object") || text.length > 120)) {
    return `[${value.length} item(s)]`;
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** A fix for zod's built-in issues, which carry no advice of their own. */
function genericFix(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return value === undefined
        ? `add this required key (${issue.expected})`
        : `set it to a ${issue.expected}`;
    case "too_small":
      return `use at least ${String(issue.minimum)}${issue.origin === "number" ? "" : " item(s)/character(s)"}`;
    case "too_big":
      return `use at most ${String(issue.maximum)}${issue.origin === "number" ? "" : " item(s)/character(s)"}`;
    case "unrecognized_keys":
      return `remove ${issue.keys.join(", ")} or correct the spelling (see the docs/ page of this section)`;
    case "invalid_value":
      return `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_format":
      return `use the ${issue.format} format`;
    case "not_multiple_of":
      return `use a multiple of ${String(issue.divisor)}`;
    default:
      return "see the docs/ page of this section for the accepted values";
  }
}

/** Converts zod issues for one config section (parsed from `raw`) into config problems. */
export function toProblems(
  section: string,
  raw: unknown,
  issues: readonly z.core.$ZodIssue[],
): ConfigProblem[] {
  return issues.map((issue) => {
    const value = valueAt(raw, issue.path);
    const message = issue.message.includes(FIX_MARKER)
      ? issue.message
      : `${issue.message}.${FIX_MARKER}${genericFix(issue, value)}.`;
    return { key: formatKey(section, issue.path), value: formatValue(value, issue.path), message };
  });
}

/** Parses one section; returns the typed value or the problems. */
export function parseSection<S extends z.ZodType>(
  section: string,
  schema: S,
  raw: unknown,
): { ok: true; value: z.output<S> } | { ok: false; problems: ConfigProblem[] } {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: toProblems(section, raw, result.error.issues) };
}
