/**
 * The last release of each package, as committed under releases/: its version and the surface
 * consumers saw (the contract's key schemas, or the components' Pulumi package schema). The
 * versioning test derives the bump the current sources require from these; `npm run release --
 * <package>` records a new release once CHANGELOG.md has its entry.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../offline/stack-file";
import { contractShape } from "../synth/contract-shape";
import { COMPONENTS_DIR } from "./components";
import { contractChanges, schemaChanges, type Change } from "./semver-bump";

export interface ReleasedPackage {
  readonly id: "contract" | "components";
  readonly name: string;
  readonly manifest: string;
  readonly snapshot: string;
  readonly surface: () => unknown;
  readonly changes: (before: never, after: never) => Change[];
}

const json = (file: string): unknown => JSON.parse(fs.readFileSync(file, "utf8"));

export const PACKAGES: readonly ReleasedPackage[] = [
  {
    id: "contract",
    name: "@failover-stacks/contract",
    manifest: path.join(REPO_ROOT, "packages", "contract", "package.json"),
    snapshot: path.join(REPO_ROOT, "releases", "contract.json"),
    surface: contractShape,
    changes: contractChanges,
  },
  {
    id: "components",
    name: "@failover-stacks/failover",
    manifest: path.join(COMPONENTS_DIR, "package.json"),
    snapshot: path.join(REPO_ROOT, "releases", "components.json"),
    // The committed schema; components-package.test.ts proves it is what the plugin serves.
    surface: () => json(path.join(COMPONENTS_DIR, "schema.json")),
    changes: schemaChanges,
  },
];

export interface Release {
  readonly version: string;
  readonly surface: unknown;
}

export const CHANGELOG = path.join(REPO_ROOT, "CHANGELOG.md");

export function versionOf(pkg: ReleasedPackage): string {
  return (json(pkg.manifest) as { version: string }).version;
}

export function lastRelease(pkg: ReleasedPackage): Release {
  return json(pkg.snapshot) as Release;
}

export function changesSinceRelease(pkg: ReleasedPackage): Change[] {
  const compare = pkg.changes as (before: unknown, after: unknown) => Change[];
  return compare(lastRelease(pkg).surface, pkg.surface());
}

/** The CHANGELOG heading of one release: `## <name> <version>`. */
export function changelogHas(name: string, version: string): boolean {
  const text = fs.readFileSync(CHANGELOG, "utf8");
  return text.split("\n").some((line) => line.trim() === `## ${name} ${version}`);
}
