/** Where two JSON values differ, as property paths (`spec.gateway`, `networks[0].port`, `a["b.c"]`). */
import { isDeepStrictEqual } from "node:util";

/** `before`/`after` undefined: the path is absent on that side. */
export interface PathChange {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
/** `{ artifact, sha256 }` is one value: its content changes show as the artifact's diff. */
const isArtifactRef = (value: unknown): boolean =>
  isPlainObject(value) && typeof value.artifact === "string" && typeof value.sha256 === "string";
const key = (prefix: string, name: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(name)
    ? prefix
      ? `${prefix}.${name}`
      : name
    : `${prefix}[${JSON.stringify(name)}]`;

/** Every leaf path at which `before` and `after` differ; lists of another length change whole. */
export function changedPaths(before: unknown, after: unknown, prefix = ""): PathChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after) && !isArtifactRef(before) && !isArtifactRef(after)) {
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return names.flatMap((name) => changedPaths(before[name], after[name], key(prefix, name)));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => changedPaths(item, after[i], `${prefix}[${i}]`));
  }
  return [{ path: prefix, before, after }];
}
