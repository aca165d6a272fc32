/**
 * Installs a packed tarball into an empty folder as another team would (`npm install <tarball>`),
 * offline from the npm cache that `npm ci` filled. Peer dependencies (the Pulumi SDK and providers)
 * are not fetched (`--legacy-peer-deps`): they are linked from this repository's node_modules, so
 * the consumer, the package and the test's mock runtime share ONE copy of @pulumi/pulumi, as npm's
 * peer resolution gives a real consumer. Only third-party code is linked; the package under test
 * comes from the tarball alone.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../offline/stack-file";

export function installTarball(dir: string, tarball: string, peers: readonly string[]): void {
  if (!fs.existsSync(path.join(dir, "package.json"))) {
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: "consumer", private: true })}\n`);
  }
  execFileSync(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--legacy-peer-deps", "--no-save", tarball],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
  );
  for (const peer of peers) {
    const link = path.join(dir, "node_modules", peer);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", peer), link, "dir");
  }
}

/** Peers of a package.json, for installTarball. */
export function peersOf(packageJsonPath: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(packageJsonPath, "utf8")) as {
    peerDependencies?: Record<string, string>;
  };
  return Object.keys(manifest.peerDependencies ?? {}).sort();
}

/** Runs the repository's tsc on a project folder; returns its output, throwing with it on errors. */
export function typecheck(projectDir: string): void {
  const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", projectDir], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${projectDir} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}
