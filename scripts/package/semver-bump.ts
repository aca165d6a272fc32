/**
 * The version bump a package's change requires, derived from what consumers depend on: the outputs
 * contract (each key's JSON Schema, stacks/contract.ts) for `@failover-stacks/contract`, and the
 * Pulumi package schema (components/schema.json) for `@failover-stacks/failover`. Pure functions of
 * two released surfaces; test/packages/versioning.test.ts applies them to the last release.
 *
 * Breaking (major): a removed or retyped output key, component, argument, output or type field; a new
 * required argument or type field; an output that may now be absent. Additive (minor): new keys,
 * components, optional arguments, outputs, enum values. Documentation only: patch.
 */
import { isDeepStrictEqual } from "node:util";
import { narrowing } from "../review/contract-diff";

export type Bump = "none" | "patch" | "minor" | "major";
const ORDER: readonly Bump[] = ["none", "patch", "minor", "major"];

export interface Change {
  readonly bump: Exclude<Bump, "none">;
  readonly what: string;
}

export const highest = (changes: readonly Change[]): Bump =>
  changes.reduce<Bump>((max, c) => (ORDER.indexOf(c.bump) > ORDER.indexOf(max) ? c.bump : max), "none");

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const objectAt = (v: unknown, key: string): Json => (isObject(v) && isObject(v[key]) ? v[key] : {});
const listAt = (v: unknown, key: string): string[] =>
  isObject(v) && Array.isArray(v[key]) ? v[key].map(String) : [];
const sortedUnion = (a: Json, b: Json): string[] =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

/** The schema without its documentation, so a text change alone is not a retype. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== "description")
      .map(([k, v]) => [k, shape(v)]),
  );
}

export interface ContractSurface {
  readonly contractVersion: number;
  readonly keys: Record<string, unknown>;
}

/** Outputs flow to consumers: a removed or narrowed key breaks them, a new key or field does not. */
export function contractChanges(before: ContractSurface, after: ContractSurface): Change[] {
  const changes: Change[] = [];
  for (const key of sortedUnion(before.keys, after.keys)) {
    const was = before.keys[key];
    const now = after.keys[key];
    if (now === undefined) changes.push({ bump: "major", what: `output key ${key} removed` });
    else if (was === undefined) changes.push({ bump: "minor", what: `output key ${key} added` });
    else if (!isDeepStrictEqual(shape(was), shape(now))) {
      const why = narrowing(shape(was), shape(now));
      changes.push(
        why
          ? { bump: "major", what: `output key ${key} retyped (${why})` }
          : { bump: "minor", what: `output key ${key} widened` },
      );
    } else if (!isDeepStrictEqual(was, now))
      changes.push({ bump: "patch", what: `output key ${key} redocumented` });
  }
  if (after.contractVersion !== before.contractVersion)
    changes.push({
      bump: "major",
      what: `contractVersion ${before.contractVersion} -> ${after.contractVersion}`,
    });
  return changes;
}

/** Types may be used both as arguments and as outputs, so both directions' rules apply to a field. */
type Role = "input" | "output" | "field";

/**
 * One property map: `inputProperties` + `requiredInputs` or `properties` + `required`. A new required
 * input breaks callers; an output that is no longer required may be absent, which breaks readers.
 */
function propertyChanges(
  where: string,
  role: Role,
  before: { props: Json; required: string[] },
  after: { props: Json; required: string[] },
): Change[] {
  const changes: Change[] = [];
  for (const name of sortedUnion(before.props, after.props)) {
    const was = before.props[name];
    const now = after.props[name];
    const at = `${where}.${name}`;
    const nowRequired = after.required.includes(name);
    const wasRequired = before.required.includes(name);
    if (now === undefined) changes.push({ bump: "major", what: `${role} ${at} removed` });
    else if (was === undefined)
      changes.push(
        role === "input" && nowRequired
          ? { bump: "major", what: `required ${role} ${at} added` }
          : { bump: "minor", what: `${role} ${at} added` },
      );
    else {
      if (!isDeepStrictEqual(shape(was), shape(now)))
        changes.push({ bump: "major", what: `${role} ${at} retyped` });
      else if (!isDeepStrictEqual(was, now))
        changes.push({ bump: "patch", what: `${role} ${at} redocumented` });
      if (wasRequired !== nowRequired) {
        const breaks = role === "field" || (role === "input" ? nowRequired : !nowRequired);
        changes.push({
          bump: breaks ? "major" : "minor",
          what: `${role} ${at} ${nowRequired ? "now required" : "now optional"}`,
        });
      }
    }
  }
  return changes;
}

function typeChanges(token: string, was: Json, now: Json): Change[] {
  if (was.type !== now.type) return [{ bump: "major", what: `type ${token} retyped` }];
  const changes: Change[] = [];
  const values = (t: Json): unknown[] =>
    Array.isArray(t.enum) ? t.enum.map((e: unknown) => (isObject(e) ? e.value : e)) : [];
  const removed = values(was).filter((v) => !values(now).some((n) => isDeepStrictEqual(n, v)));
  const added = values(now).filter((v) => !values(was).some((n) => isDeepStrictEqual(n, v)));
  if (removed.length > 0) changes.push({ bump: "major", what: `type ${token} lost ${removed.join(", ")}` });
  if (added.length > 0) changes.push({ bump: "minor", what: `type ${token} gained ${added.join(", ")}` });
  const fields = (t: Json) => ({ props: objectAt(t, "properties"), required: listAt(t, "required") });
  changes.push(...propertyChanges(token, "field", fields(was), fields(now)));
  if (changes.length === 0 && !isDeepStrictEqual(was, now))
    changes.push({ bump: "patch", what: `type ${token} redocumented` });
  return changes;
}

/** Changes between two Pulumi package schemas (`version` itself is not part of the surface). */
export function schemaChanges(before: Json, after: Json): Change[] {
  const changes: Change[] = [];
  const resourcesBefore = objectAt(before, "resources");
  const resourcesAfter = objectAt(after, "resources");
  for (const token of sortedUnion(resourcesBefore, resourcesAfter)) {
    const was = resourcesBefore[token];
    const now = resourcesAfter[token];
    if (now === undefined) changes.push({ bump: "major", what: `component ${token} removed` });
    else if (was === undefined) changes.push({ bump: "minor", what: `component ${token} added` });
    else {
      const inputs = (r: unknown) => ({
        props: objectAt(r, "inputProperties"),
        required: listAt(r, "requiredInputs"),
      });
      const outputs = (r: unknown) => ({ props: objectAt(r, "properties"), required: listAt(r, "required") });
      changes.push(...propertyChanges(token, "input", inputs(was), inputs(now)));
      changes.push(...propertyChanges(token, "output", outputs(was), outputs(now)));
      if (isObject(was) && isObject(now) && was.description !== now.description)
        changes.push({ bump: "patch", what: `component ${token} redocumented` });
    }
  }
  const typesBefore = objectAt(before, "types");
  const typesAfter = objectAt(after, "types");
  for (const token of sortedUnion(typesBefore, typesAfter)) {
    const was = typesBefore[token];
    const now = typesAfter[token];
    if (now === undefined) changes.push({ bump: "major", what: `type ${token} removed` });
    else if (was === undefined) changes.push({ bump: "minor", what: `type ${token} added` });
    else if (isObject(was) && isObject(now)) changes.push(...typeChanges(token, was, now));
  }
  const rest = (s: Json) =>
    Object.fromEntries(Object.entries(s).filter(([k]) => !["resources", "types", "version"].includes(k)));
  if (!isDeepStrictEqual(rest(before), rest(after)))
    changes.push({ bump: "minor", what: "package metadata or provider dependencies changed" });
  return changes;
}

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

export function parseVersion(text: string): Version {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!match) throw new Error(`${JSON.stringify(text)} is not a release version (MAJOR.MINOR.PATCH)`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** The bump from one version to the next; below 1.0.0 the minor is the breaking digit (npm's caret). */
export function bumpBetween(from: string, to: string): Bump | "downgrade" {
  const a = parseVersion(from);
  const b = parseVersion(to);
  const order = [b.major - a.major, b.minor - a.minor, b.patch - a.patch];
  const first = order.findIndex((d) => d !== 0);
  if (first < 0) return "none";
  if ((order[first] ?? 0) < 0) return "downgrade";
  const bump: Bump = first === 0 ? "major" : first === 1 ? "minor" : "patch";
  if (a.major === 0 && b.major === 0) return bump === "minor" ? "major" : bump === "patch" ? "minor" : bump;
  return bump;
}

/** Whether going `from` -> `to` is enough for changes that require `required`. */
export function bumpSuffices(required: Bump, from: string, to: string): boolean {
  const actual = bumpBetween(from, to);
  if (actual === "downgrade") return false;
  return ORDER.indexOf(actual) >= ORDER.indexOf(required);
}
