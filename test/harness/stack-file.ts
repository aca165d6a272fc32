/** Reads `stacks/Pulumi.<stack>.yaml` into the string map that Pulumi would hand the program. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export interface StackFile {
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
}

/** `secure:` values are ciphertext that only the Pulumi CLI can decrypt; offline they become placeholders. */
function encode(key: string, value: unknown, secretKeys: string[]): unknown {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    if (Object.keys(obj).length === 1 && typeof obj.secure === "string") {
      secretKeys.push(key);
      return `<secret:${key}>`;
    }
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) result[k] = encode(key, v, secretKeys);
    return result;
  }
  if (Array.isArray(value)) return value.map((v) => encode(key, v, secretKeys));
  return value;
}

export function configFromYaml(text: string): StackFile {
  const doc = (parse(text) ?? {}) as { config?: Record<string, unknown> };
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    const encoded = encode(key, value, secretKeys);
    config[key] = typeof encoded === "string" ? encoded : JSON.stringify(encoded);
  }
  return { config, secretKeys: [...new Set(secretKeys)] };
}

export function stackFilePath(stack: string): string {
  return path.join(REPO_ROOT, "stacks", `Pulumi.${stack}.yaml`);
}

export function readStackFile(stack: string): StackFile {
  return configFromYaml(readFileSync(stackFilePath(stack), "utf8"));
}
