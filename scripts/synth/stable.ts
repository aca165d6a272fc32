/** Deterministic serialisation: sorted keys, so two synth runs give byte-identical files. */
import { stringify } from "yaml";

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      result[key] = sortKeys((value as Record<string, unknown>)[key]);
    return result;
  }
  return value;
}

export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

export function stableYaml(value: unknown): string {
  return stringify(sortKeys(value), { lineWidth: 0 });
}

export const REDACTED = "[secret]";

/** Replaces the values at `paths` (recorder's dotted secret paths) with a marker. */
export function redact(inputs: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  if (paths.length === 0) return inputs;
  const copy = structuredClone(inputs);
  for (const path of paths) {
    if (path === "") return { [REDACTED]: true };
    // Walk the longest key prefix that exists at each level, since keys may contain dots.
    let node: Record<string, unknown> = copy;
    let rest = path;
    while (rest.length > 0) {
      const key = Object.keys(node)
        .filter((k) => rest === k || rest.startsWith(`${k}.`) || rest.startsWith(`${k}[`))
        .sort((a, b) => b.length - a.length)[0];
      if (key === undefined) break;
      rest = rest.slice(key.length).replace(/^\./, "");
      const index = /^\[(\d+)\]\.?/.exec(rest);
      if (rest.length === 0) {
        node[key] = REDACTED;
        break;
      }
      let child = node[key] as Record<string, unknown> | unknown[];
      if (index && Array.isArray(child)) {
        rest = rest.slice(index[0].length);
        if (rest.length === 0) {
          child[Number(index[1])] = REDACTED;
          break;
        }
        child = child[Number(index[1])] as Record<string, unknown>;
      }
      if (child === null || typeof child !== "object") break;
      node = child as Record<string, unknown>;
    }
  }
  return copy;
}
