/**
 * Child-process entry for the program-cost benchmark: synthesizes one stack file and prints its wall
 * time and peak RSS as JSON. A fresh process per run, so memory is the program's own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { synth } from "../../scripts/synth/run";

async function main(): Promise<void> {
  const [stack, stackFile] = process.argv.slice(2);
  const out = mkdtempSync(path.join(tmpdir(), "fs-bench-synth-"));
  try {
    const start = process.hrtime.bigint();
    const result = await synth(stack, out, stackFile);
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    console.log(
      JSON.stringify({ wallMs, peakRssMiB, resources: result.evaluation.recorder.resources.length }),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
