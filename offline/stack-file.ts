/** Reads `stacks/Pulumi.<stack>.yaml` into the string map that Pulumi would hand the program. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { encodeConfigValue } from "../stacks/config";

export const REPO_ROOT = path.resolve(__dirname, "..");

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

/** A stack file that is not valid YAML (or not a config mapping), as one `file:line:column: what` line. */
export class StackFileError extends Error {
  constructor(file: string, line: number, column: number, what: string) {
    super(`${file}:${line}:${column}: ${what}`);
    this.name = "StackFileError";
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Parses the YAML as the Pulumi CLI would accept it: one mapping, `config:` a mapping too. */
function parseStackYaml(text: string, file: string): { config?: Record<string, unknown> } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) {
    const at = error.linePos?.[0] ?? { line: 1, col: 1 };
    // The message repeats the position and quotes the source below it; keep only what is wrong.
    const what = error.message.split(/ at line \d+, column \d+/)[0].split("\n")[0];
    throw new StackFileError(file, at.line, at.col, what);
  }
  const root: unknown = doc.toJS() ?? {};
  if (!isMapping(root)) throw new StackFileError(file, 1, 1, "a stack file is a mapping (config: ...)");
  if (root.config !== undefined && root.config !== null && !isMapping(root.config)) {
    throw new StackFileError(file, 1, 1, "config: must be a mapping of failover-stacks:<key> entries");
  }
  return { config: isMapping(root.config) ? root.config : undefined };
}

export function configFromYaml(text: string, file = "<stack file>"): StackFile {
  const doc = parseStackYaml(text, file);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    config[key] = encodeConfigValue(encode(key, value, secretKeys));
  }
  return { config, secretKeys: [...new Set(secretKeys)] };
}

export function stackFilePath(stack: string): string {
  return path.join(REPO_ROOT, "stacks", `Pulumi.${stack}.yaml`);
}

export function readStackFile(stack: string): StackFile {
  const file = stackFilePath(stack);
  return configFromYaml(readFileSync(file, "utf8"), path.relative(process.cwd(), file));
}
