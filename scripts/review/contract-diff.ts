/**
 * Changes to the outputs contract between two synths of a stack: keys the stack exports that were
 * added or removed, and keys whose schema (contract.json, from the zod schemas in stacks/contract.ts)
 * changed. Removing a key or narrowing its shape breaks StackReference readers, so it needs a
 * CONTRACT_VERSION bump; adding a key or an object field is compatible (objects are not strict).
 */
import { isDeepStrictEqual } from "node:util";
import { changedPaths, type PathChange } from "./paths";
import type { SynthTree } from "./tree";

export interface KeyChange {
  readonly key: string;
  readonly change: "added" | "removed" | "retyped";
  readonly breaking: boolean;
  readonly detail: string;
}

export interface ContractDiff {
  readonly versionBefore?: number;
  readonly versionAfter?: number;
  readonly changes: readonly KeyChange[];
  /** Values of keys both sides export (secrets are redacted in exports.json). */
  readonly valueChanges: readonly PathChange[];
  /** A breaking change with the same CONTRACT_VERSION on both sides. */
  readonly needsBump: boolean;
}

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Schema => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Why `after` breaks readers of `before`, or undefined when it does not: a new object field (even
 * a required one) is compatible, as the contract says; anything else that changed is not.
 */
export function narrowing(before: unknown, after: unknown, at = "$"): string | undefined {
  if (isDeepStrictEqual(before, after)) return undefined;
  if (!isObject(before) || !isObject(after)) return `${at} changed`;
  const oldProps = isObject(before.properties) ? before.properties : {};
  for (const name of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (name === "properties" && isObject(after.properties)) {
      for (const prop of Object.keys(oldProps).sort()) {
        if (!(prop in after.properties)) return `${at}.${prop} removed`;
        const inner = narrowing(oldProps[prop], after.properties[prop], `${at}.${prop}`);
        if (inner) return inner;
      }
      continue;
    }
    if (name === "required") {
      const was = new Set(Array.isArray(before.required) ? before.required : []);
      const now = Array.isArray(after.required) ? after.required : [];
      const newlyRequired = now.filter((r) => !was.has(r) && String(r) in oldProps);
      if (newlyRequired.length > 0) return `${at}.${newlyRequired.join(", ")} now required`;
      continue;
    }
    const inner = narrowing(before[name], after[name], name === "items" ? `${at}[]` : `${at}.${name}`);
    if (inner) return inner;
  }
  return undefined;
}

function describe(schema: unknown): string {
  if (!isObject(schema)) return "?";
  if (Array.isArray(schema.anyOf)) return schema.anyOf.map(describe).join(" | ");
  if (schema.type === "array") return `${describe(schema.items)}[]`;
  if (schema.type === "object" && isObject(schema.additionalProperties))
    return `record<string, ${describe(schema.additionalProperties)}>`;
  if (schema.type === "object" && isObject(schema.properties))
    return `{ ${Object.keys(schema.properties).join(", ")} }`;
  return typeof schema.type === "string" ? schema.type : JSON.stringify(schema.type ?? "?");
}

export function diffContract(base: SynthTree | undefined, head: SynthTree | undefined): ContractDiff {
  const versionBefore = base?.contract?.contractVersion ?? numberOr(base?.exports.contractVersion);
  const versionAfter = head?.contract?.contractVersion ?? numberOr(head?.exports.contractVersion);
  if (!base || !head) return { versionBefore, versionAfter, changes: [], valueChanges: [], needsBump: false };
  const changes: KeyChange[] = [];
  const before = Object.keys(base.exports);
  const after = Object.keys(head.exports);
  const schemaOf = (tree: SynthTree, key: string): unknown => tree.contract?.keys[key];
  for (const key of [...new Set([...before, ...after])].sort()) {
    if (!after.includes(key)) {
      changes.push({
        key,
        change: "removed",
        breaking: true,
        detail: `was ${describe(schemaOf(base, key))}`,
      });
    } else if (!before.includes(key)) {
      changes.push({ key, change: "added", breaking: false, detail: describe(schemaOf(head, key)) });
    } else if (
      base.contract &&
      head.contract &&
      !isDeepStrictEqual(schemaOf(base, key), schemaOf(head, key))
    ) {
      const why = narrowing(schemaOf(base, key), schemaOf(head, key));
      changes.push({
        key,
        change: "retyped",
        breaking: why !== undefined,
        detail: `${describe(schemaOf(base, key))} -> ${describe(schemaOf(head, key))}${why ? ` (${why})` : " (widened)"}`,
      });
    }
  }
  const needsBump = changes.some((c) => c.breaking) && versionBefore === versionAfter;
  const shared = (tree: SynthTree) =>
    Object.fromEntries(Object.entries(tree.exports).filter(([k]) => before.includes(k) && after.includes(k)));
  const valueChanges = changedPaths(shared(base), shared(head));
  return { versionBefore, versionAfter, changes, valueChanges, needsBump };
}

const numberOr = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
