/** The command line of `npm run review`: arguments to a request. Pure. */
import { parseArgs } from "node:util";

export const USAGE = [
  "usage: npm run review -- <base-ref> [<head-ref>] [--stacks a,b] [--out FILE]",
  "",
  "Renders every example stack at both commits with the offline synth (no credentials; NOT a pulumi",
  "preview) and prints a markdown review: resources added, removed and changed (replacements flagged),",
  "a unified diff per generated file, outputs-contract changes and the policy rules that ran.",
  "",
  "  <base-ref>       the commit to compare against (e.g. origin/main)",
  "  <head-ref>       the commit under review (default: HEAD)",
  "  --stacks a,b     only these stacks (default: every stacks/Pulumi.<stack>.yaml at either ref)",
  "  --out FILE       write the markdown to FILE instead of stdout",
  "  -h, --help       print this help",
].join("\n");

export type ReviewRequest =
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly message: string }
  | {
      readonly kind: "run";
      readonly base: string;
      readonly head: string;
      readonly stacks?: readonly string[];
      readonly out?: string;
    };

const OPTIONS = {
  stacks: { type: "string" },
  out: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export function parseReviewCli(argv: readonly string[]): ReviewRequest {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    if (err instanceof Error) return { kind: "error", message: err.message.split("\n")[0] };
    throw err;
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (positionals.length < 1 || positionals.length > 2)
    return {
      kind: "error",
      message: `give a base ref and at most a head ref: got ${positionals.length} refs`,
    };
  const stacks = values.stacks
    ?.split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (stacks && stacks.length === 0) return { kind: "error", message: "--stacks: no stack named" };
  return { kind: "run", base: positionals[0], head: positionals[1] ?? "HEAD", stacks, out: values.out };
}
