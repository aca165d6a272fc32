/**
 * `npm run release -- <contract|components>`: records the current version of a package as its last
 * release (releases/<id>.json), after checking that the version covers what changed since the
 * previous release and that CHANGELOG.md has its entry. Publishing the tarball is a separate step.
 */
import * as fs from "node:fs";
import { changelogHas, changesSinceRelease, lastRelease, PACKAGES, versionOf } from "./package/releases";
import { bumpSuffices, highest } from "./package/semver-bump";

function main(argv: readonly string[]): number {
  const pkg = PACKAGES.find((p) => p.id === argv[0]);
  if (!pkg) {
    console.error(`usage: npm run release -- <${PACKAGES.map((p) => p.id).join("|")}>`);
    return 2;
  }
  const previous = fs.existsSync(pkg.snapshot) ? lastRelease(pkg) : undefined;
  const version = versionOf(pkg);
  if (previous) {
    const changes = changesSinceRelease(pkg);
    const required = highest(changes);
    for (const change of changes) console.log(`${change.bump.padEnd(5)} ${change.what}`);
    if (!bumpSuffices(required, previous.version, version)) {
      console.error(
        `${pkg.name}: ${previous.version} -> ${version} is not enough for a ${required} change. Fix: raise "version" in ${pkg.manifest}.`,
      );
      return 1;
    }
  }
  if (!changelogHas(pkg.name, version)) {
    console.error(`CHANGELOG.md has no "## ${pkg.name} ${version}" entry. Fix: add one saying what changed.`);
    return 1;
  }
  fs.writeFileSync(pkg.snapshot, `${JSON.stringify({ version, surface: pkg.surface() }, null, 2)}\n`);
  console.log(`recorded ${pkg.name} ${version} in ${pkg.snapshot}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
