"use strict";
/**
 * One loader everywhere: `node scripts/pulumi-node.cjs <node args and script…>` runs node with
 * Pulumi.yaml's nodeargs, the way Pulumi's language host starts the program. `pulumi up`,
 * `npm run synth`, every test (`npm run test:unit`) and the cold-start benchmark all start node
 * through this, so a broken loader set-up in Pulumi.yaml fails `npm test` instead of the first real
 * preview. The options themselves are read by offline/runtime-options.cjs.
 *
 * Plain CommonJS on purpose: it must run before any TypeScript loader exists (Node 20 included, to
 * fail loudly there).
 */
const { loaderProblems, nodeVersionProblem, readRuntimeOptions } = require("../offline/runtime-options.cjs");

function main(argv) {
  const tooOld = nodeVersionProblem();
  if (tooOld) {
    console.error(tooOld);
    return 1;
  }
  let options;
  try {
    options = readRuntimeOptions();
  } catch (err) {
    const missing = err && err.code === "MODULE_NOT_FOUND";
    console.error(
      missing
        ? "error: the npm dependencies are not installed. Fix: run `npm test` or `npm run synth -- dev` (they run npm ci on first use)."
        : `error: cannot read Pulumi.yaml: ${err.message}`,
    );
    return 1;
  }
  const problems = loaderProblems(options);
  if (problems.length > 0) {
    console.error(problems.map((p) => `error: ${p}`).join("\n"));
    return 1;
  }
  const { spawnSync } = require("node:child_process");
  const child = spawnSync(process.execPath, [...options.nodeargs, ...argv], { stdio: "inherit" });
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  return child.status ?? 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
