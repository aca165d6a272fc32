/** `npm run synth -- <stack> [--out DIR]`: the offline render. See scripts/synth/run.ts. */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../components/shared/config-errors";
import { blocking } from "../policy/engine";
import { REPO_ROOT } from "../test/harness/stack-file";
import { summary, synth } from "./synth/run";

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: "string" }, "stack-file": { type: "string" } },
    allowPositionals: true,
  });
  const [stack] = positionals;
  const outArg = values.out;
  if (!stack || positionals.length > 1) {
    console.error(
      "usage: npm run synth -- <stack> [--out DIR] [--stack-file FILE]   (default FILE: stacks/Pulumi.<stack>.yaml)",
    );
    return 2;
  }
  const outDir = path.resolve(outArg ?? path.join(REPO_ROOT, "out", stack));
  try {
    const result = await synth(stack, outDir, values["stack-file"]);
    console.log(summary(result));
    return blocking(result.violations).length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
