/**
 * Builds the contract package (`@failover-stacks/contract`, packages/contract/) as it is published:
 * stacks/consumer.ts and what it imports (stacks/contract.ts, the systems' outputs.ts: zod only),
 * compiled to CommonJS and `.d.ts` under dist/, with the package's manifest, README and CHANGELOG;
 * then `npm pack`. No provider SDK is compiled in: contract.ts imports none (see contract-systems.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../offline/stack-file";
import { compilePackage, npmPack } from "./components";

export const CONTRACT_DIR = path.join(REPO_ROOT, "packages", "contract");
export const CONTRACT_ENTRY = path.join(REPO_ROOT, "stacks", "consumer.ts");

export function stageContract(stageDir: string): string {
  fs.rmSync(stageDir, { recursive: true, force: true });
  fs.mkdirSync(stageDir, { recursive: true });
  for (const file of ["package.json", "README.md"]) {
    fs.copyFileSync(path.join(CONTRACT_DIR, file), path.join(stageDir, file));
  }
  fs.copyFileSync(path.join(REPO_ROOT, "CHANGELOG.md"), path.join(stageDir, "CHANGELOG.md"));
  compilePackage(
    path.join(REPO_ROOT, "tsconfig.json"),
    [CONTRACT_ENTRY],
    REPO_ROOT,
    path.join(stageDir, "dist"),
  );
  return stageDir;
}

/** Stages and packs the contract package; returns the tarball's path. */
export function packContract(workDir: string): string {
  return npmPack(stageContract(path.join(workDir, "stage")), workDir);
}
