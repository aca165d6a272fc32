/**
 * Installs a packed tarball into an empty folder as another team would (`npm install <tarball>`),
 * from the npm cache that `npm ci` filled where it can. Peer dependencies (the Pulumi SDK and providers)
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
  // The consumer's own package.json names the peers too; npm must not fetch those, so the install
  // runs against a bare manifest and the consumer's is put back afterwards.
  const manifest = path.join(dir, "package.json");
  const own = fs.existsSync(manifest) ? fs.readFileSync(manifest) : undefined;
  fs.writeFileSync(manifest, `${JSON.stringify({ name: "consumer", private: true })}\n`);
  try {
    // --prefer-offline: the tarballs come from the cache `npm ci` filled; the registry is asked only
    // for metadata the cache lacks (`npm ci` stores tarballs, not package documents).
    execFileSync(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--legacy-peer-deps", "--no-save", tarball],
      { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
    );
  } finally {
    if (own) fs.writeFileSync(manifest, own);
  }
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
    execFileSync(process.execPath, [tsc, "-p", projectDir], {
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${projectDir} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}
