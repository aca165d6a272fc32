/** `npm run synth -- <stack> [--out DIR]`: the offline render. See scripts/synth/run.ts. */
import { blocking } from "../policy/engine";
import { REPO_ROOT } from "../offline/stack-file";
import { parseCli, USAGE, userFailure } from "./synth/cli";
import { summary, synth } from "./synth/run";

async function main(argv: string[]): Promise<number> {
  const request = parseCli(argv, REPO_ROOT);
  if (request.kind === "help") {
    console.log(USAGE);
    return 0;
  }
  if (request.kind === "error") {
    console.error(`${request.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const result = await synth(request.stack, request.outDir, request.stackFile);
    console.log(summary(result));
    return blocking(result.violations).length > 0 ? 1 : 0;
  } catch (err) {
    const message = userFailure(err);
    if (message === undefined) throw err;
    console.error(message);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
