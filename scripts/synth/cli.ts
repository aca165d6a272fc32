/**
 * The command line of `npm run synth`: arguments to a request, and the failures a user can act on
 * (bad arguments, an unknown stack, a broken stack file, invalid config) to one short message each
 * instead of a stack trace. Pure apart from listing the stacks directory.
 */
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../../components/shared/config-errors";
import { StackFileError } from "../../offline/stack-file";

export const USAGE = [
  "usage: npm run synth -- <stack> [--out DIR] [--stack-file FILE]",
  "",
  "Evaluates stacks/Pulumi.<stack>.yaml offline (mock runtime, NOT a pulumi preview) and writes",
  "resources.json, exports.json, policy.json and the generated artifacts.",
  "",
  "  <stack>             a stack of stacks/Pulumi.<stack>.yaml",
  "  --out DIR           output directory (default: out/<stack>)",
  "  --stack-file FILE   read the config from FILE instead of stacks/Pulumi.<stack>.yaml",
  "  -h, --help          print this help",
].join("\n");

export type CliRequest =
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly message: string }
  | { readonly kind: "run"; readonly stack: string; readonly outDir: string; readonly stackFile?: string };

/** The stacks that exist: every stacks/Pulumi.<stack>.yaml. */
export function availableStacks(repoRoot: string): string[] {
  const dir = path.join(repoRoot, "stacks");
  return readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

function isParseArgsError(err: unknown): err is Error {
  return err instanceof Error && String((err as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS");
}

export function parseCli(argv: readonly string[], repoRoot: string): CliRequest {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // node:util names the bad option first; the rest is a hint about `--` that misleads here.
    if (isParseArgsError(err)) {
      return { kind: "error", message: err.message.split("\n")[0].split(". To specify")[0] };
    }
    throw err;
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (positionals.length !== 1) {
    return {
      kind: "error",
      message:
        positionals.length === 0
          ? "no stack given"
          : `one stack at a time: got ${positionals.map((p) => JSON.stringify(p)).join(", ")}`,
    };
  }
  const [stack] = positionals;
  const stackFile = values["stack-file"];
  if (stackFile !== undefined && !existsSync(stackFile)) {
    return { kind: "error", message: `--stack-file ${stackFile}: no such file` };
  }
  if (stackFile === undefined && !availableStacks(repoRoot).includes(stack)) {
    return {
      kind: "error",
      message: `unknown stack ${JSON.stringify(stack)}: there is no stacks/Pulumi.${stack}.yaml. The stacks are: ${availableStacks(repoRoot).join(", ")}`,
    };
  }
  const outDir = path.resolve(values.out ?? path.join(repoRoot, "out", stack));
  return { kind: "run", stack, outDir, stackFile };
}

const OPTIONS = {
  out: { type: "string" },
  "stack-file": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The message for a failure the user caused and can fix, or undefined for a bug (rethrow it). */
export function userFailure(err: unknown): string | undefined {
  if (err instanceof ConfigError || err instanceof StackFileError) return err.message;
  return undefined;
}
