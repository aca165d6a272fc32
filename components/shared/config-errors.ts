/**
 * Turns zod issues into messages that name the full config key, the bad value and the fix, and
 * collects every problem of every section into one error thrown before any resource exists.
 */
import { z } from "zod";
import { closestKey, objectKeysAt, secretRegistry } from "./schema-walk";

/** The project's config namespace: keys in Pulumi.<stack>.yaml are `failover-stacks:<section>`. */
export const CONFIG_NAMESPACE = "failover-stacks";

const FIX_MARKER = " Fix: ";

/** Builds a refinement message in the house style: what is wrong, then how to fix it. */
export function problem(what: string, fix: string): string {
  return `${what}.${FIX_MARKER}${fix}`;
}

/**
 * One problem a check finds inside a section: where (the path from the section root, as in zod)
 * and what, in the `problem()` style. Schemas add it as a zod issue; a system's `crossCheck`
 * returns it and validateStackConfig turns it into a ConfigProblem with the full key.
 */
export interface ConfigIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
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
      `Invalid stack configuration: ${plural(problems.length, "problem", "problems")}; nothing was registered.\n` +
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
    return `[a list of ${plural(value.length, "entry", "entries")}]`;
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** How a JSON type reads in a message: "a list", not "a array". */
const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number (an integer)",
  boolean: "true or false",
  object: "a mapping of keys (key: value lines)",
  array: "a list",
  bigint: "a whole number",
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

/** What YAML made of the value, in words. */
function describe(value: unknown): string {
  if (value === null) return "null (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

/** "1 entry", "2 entries": counts in messages read as English, never "entry(s)". */
export function plural(count: number | bigint, one: string, many: string): string {
  return `${String(count)} ${Number(count) === 1 ? one : many}`;
}

function sizeOf(origin: string, bound: number | bigint): string {
  if (origin === "array" || origin === "set") return plural(bound, "entry", "entries");
  if (origin === "string") return plural(bound, "character", "characters");
  return String(bound);
}

/** The last key of a path, to show the YAML line a fix means. */
function lastKey(path: ReadonlyArray<PropertyKey>): string {
  const names = path.filter((p): p is string => typeof p === "string");
  return names[names.length - 1] ?? "value";
}

/** Own wording for zod's built-in issues, which carry English like "expected array, received string". */
function builtIn(issue: z.core.$ZodIssue, value: unknown): { what: string; fix: string } {
  switch (issue.code) {
    case "invalid_type": {
      if (value === undefined) {
        return {
          what: "this required key is missing",
          fix: `add this required key (${typeName(issue.expected)})`,
        };
      }
      const what = `expected ${typeName(issue.expected)}, but YAML read ${describe(value)}`;
      if (issue.expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
        return {
          what,
          fix:
            `quote the value so YAML keeps it as text, e.g. ${lastKey(issue.path)}: "${String(value)}"` +
            (typeof value === "number"
              ? ` (unquoted, YAML reads 4.10 as the number 4.1 and 010 as 10: write the digits you mean inside the quotes)`
              : ` (unquoted, YAML reads true/false as a boolean)`),
        };
      }
      if ((issue.expected === "number" || issue.expected === "boolean") && typeof value === "string") {
        return { what, fix: `remove the quotes: write ${lastKey(issue.path)}: ${value}` };
      }
      return { what, fix: `write ${typeName(issue.expected)} here (see the docs/ page of this section)` };
    }
    case "too_small": {
      const inclusive = issue.inclusive !== false;
      return {
        what: `${issue.origin === "number" ? "the value" : "it"} is too small`,
        fix:
          issue.origin === "number"
            ? `use ${inclusive ? "at least" : "more than"} ${String(issue.minimum)}`
            : `give ${inclusive ? "at least" : "more than"} ${sizeOf(issue.origin, issue.minimum)}`,
      };
    }
    case "too_big": {
      const inclusive = issue.inclusive !== false;
      return {
        what: `${issue.origin === "number" ? "the value" : "it"} is too big`,
        fix:
          issue.origin === "number"
            ? `use ${inclusive ? "at most" : "less than"} ${String(issue.maximum)}`
            : `give ${inclusive ? "at most" : "fewer than"} ${sizeOf(issue.origin, issue.maximum)}`,
      };
    }
    case "invalid_value":
      return {
        what: "not one of the accepted values",
        fix: `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "invalid_format":
      return { what: `not a valid ${issue.format}`, fix: `write a ${issue.format} value` };
    case "not_multiple_of":
      return { what: "not a multiple", fix: `use a multiple of ${String(issue.divisor)}` };
    default:
      return {
        what: "not an accepted value",
        fix: "see the docs/ page of this section for the accepted values",
      };
  }
}

/** One problem per unknown key, at the key itself, with the nearest known key when one is close. */
function unknownKeyProblems(
  section: string,
  raw: unknown,
  path: ReadonlyArray<PropertyKey>,
  keys: readonly string[],
  known: readonly string[],
): ConfigProblem[] {
  return keys.map((key) => {
    const at = [...path, key];
    const guess = closestKey(key, known);
    const fix = guess
      ? `did you mean ${guess}? Rename ${key} to ${guess}`
      : known.length > 0
        ? `remove ${key}; the keys here are ${known.join(", ")}`
        : `remove ${key} (see the docs/ page of this section)`;
    return {
      key: formatKey(section, at),
      value: formatValue(valueAt(raw, at), at),
      message: problem("unknown key", fix),
    };
  });
}

/** Converts zod issues for one config section (parsed from `raw`) into config problems. */
export function toProblems(
  section: string,
  raw: unknown,
  issues: readonly z.core.$ZodIssue[],
  schema?: z.ZodType,
): ConfigProblem[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const known = schema ? objectKeysAt(schema, issue.path) : [];
      return unknownKeyProblems(section, raw, issue.path, issue.keys, known);
    }
    const value = valueAt(raw, issue.path);
    let message = issue.message;
    if (!message.includes(FIX_MARKER)) {
      const { what, fix } = builtIn(issue, value);
      // zod's own messages ("Invalid input: ...") are replaced; a schema's plain message is kept.
      const own = issue.code === "custom" || !/^(Invalid|Too (small|big)|Unrecognized)/.test(message);
      message = problem(own && message.length > 0 ? message : what, fix);
    }
    return [{ key: formatKey(section, issue.path), value: formatValue(value, issue.path), message }];
  });
}

/**
 * A secret config value (kubeconfig, private key, webhook URL, password). It must come from a
 * `secure:` value in the stack file; validateStackConfig refuses it in plain text.
 */
export function secretText(what: string) {
  return z
    .string({ error: problem(`${what} must be text`, "store it with pulumi config set --secret") })
    .min(1, { error: problem(`${what} is empty`, "store it with pulumi config set --secret") })
    .register(secretRegistry, { secret: true });
}

/** Parses one section; returns the typed value or the problems. */
export function parseSection<S extends z.ZodType>(
  section: string,
  schema: S,
  raw: unknown,
): { ok: true; value: z.output<S> } | { ok: false; problems: ConfigProblem[] } {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: toProblems(section, raw, result.error.issues, schema) };
}
