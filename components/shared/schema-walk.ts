/**
 * Reads a zod schema as a tree, so error messages can name the keys a section really has ("did you
 * mean ...") and the secret check can find every secret-typed value in a section, from the same
 * schema the section is parsed with (no second list to keep in step).
 */
import { z } from "zod";

/** Marks a schema whose value is a secret (kubeconfig, private key, webhook URL, password). */
export const secretRegistry = z.registry<{ readonly secret: true }>();

interface WalkDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly valueType?: z.ZodType;
  readonly getter?: () => z.ZodType;
}

const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "nonoptional", "readonly", "catch"]);

function defOf(schema: z.ZodType): WalkDef {
  return (schema as unknown as { _zod: { def: WalkDef } })._zod.def;
}

/** The schema and every wrapper inside it, down to the schema that parses the value itself. */
function layers(schema: z.ZodType): z.ZodType[] {
  const result: z.ZodType[] = [];
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 20; depth++) {
    result.push(current);
    const def = defOf(current);
    if (WRAPPERS.has(def.type)) current = def.innerType;
    else if (def.type === "pipe") current = def.in;
    else if (def.type === "lazy") current = def.getter?.();
    else break;
  }
  return result;
}

/** The schemas that parse the value itself (several for a union). */
function cores(schema: z.ZodType): z.ZodType[] {
  const core = layers(schema).at(-1);
  if (!core) return [];
  const def = defOf(core);
  return def.type === "union" ? (def.options ?? []).flatMap(cores) : [core];
}

function children(schema: z.ZodType, part: PropertyKey): z.ZodType[] {
  return cores(schema).flatMap((core) => {
    const def = defOf(core);
    if (def.type === "object" && typeof part === "string") {
      const child = def.shape?.[part];
      return child ? [child] : [];
    }
    if (def.type === "array" && typeof part === "number") return def.element ? [def.element] : [];
    if (def.type === "record" && typeof part === "string") return def.valueType ? [def.valueType] : [];
    return [];
  });
}

/** The keys an object at `path` accepts, or [] when the path holds no object schema. */
export function objectKeysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let current: z.ZodType[] = [schema];
  for (const part of path) current = current.flatMap((s) => children(s, part));
  const keys = current.flatMap(cores).flatMap((core) => {
    const def = defOf(core);
    return def.type === "object" ? Object.keys(def.shape ?? {}) : [];
  });
  return [...new Set(keys)];
}

function isSecret(schema: z.ZodType): boolean {
  return layers(schema).some((layer) => secretRegistry.has(layer));
}

/** Paths of every value in `raw` that a secret-typed schema would parse. */
export function secretPathsIn(schema: z.ZodType, raw: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (raw === undefined || raw === null) return [];
  if (isSecret(schema)) return [path];
  if (Array.isArray(raw)) {
    return raw.flatMap((item, i) => children(schema, i).flatMap((c) => secretPathsIn(c, item, [...path, i])));
  }
  if (typeof raw !== "object") return [];
  const found = Object.entries(raw as Record<string, unknown>).flatMap(([key, value]) =>
    children(schema, key).flatMap((c) => secretPathsIn(c, value, [...path, key])),
  );
  // A union may reach one value through several options; report each path once.
  const seen = new Set<string>();
  return found.filter((p) => {
    const key = JSON.stringify(p.map(String));
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Edit distance with swaps of neighbours counted once (`cuont` is one step from `count`). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** The known key a misspelt one most likely meant, if any is close enough to suggest. */
export function closestKey(unknown: string, known: readonly string[]): string | undefined {
  const lower = unknown.toLowerCase();
  let best: { key: string; score: number } | undefined;
  for (const key of known) {
    const score = key.toLowerCase() === lower ? 0 : distance(lower, key.toLowerCase());
    const limit = Math.max(1, Math.floor(Math.max(key.length, unknown.length) / 3));
    if (score <= limit && (!best || score < best.score)) best = { key, score };
  }
  return best?.key;
}
