/**
 * Builds the components package (`@failover-stacks/failover`) the way it is published: a staging
 * folder with the TypeScript sources (the SDK's component analyzer reads them to answer GetSchema),
 * the compiled JS and `.d.ts` under dist/ (what a TypeScript consumer and the plugin load),
 * package.json, tsconfig.json, PulumiPlugin.yaml and schema.json; then `npm pack` of that folder.
 * The folder components/ is the package's source root: nothing outside it goes in.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../../offline/stack-file";

export const COMPONENTS_DIR = path.join(REPO_ROOT, "components");
/** Files of the package root besides the sources (package.json `files` lists the same). */
const PACKAGE_FILES = ["package.json", "tsconfig.json", "PulumiPlugin.yaml", "schema.json", "README.md"];

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !path.relative(dir, f).split(path.sep).includes("dist"));
}

/**
 * Compiles `rootNames` (and what they import) into `outDir` with the tsconfig at `configPath`,
 * emitting JS and `.d.ts` laid out from `rootDir`; throws on any diagnostic.
 */
export function compilePackage(
  configPath: string,
  rootNames: readonly string[],
  rootDir: string,
  outDir: string,
): void {
  const config = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(configPath));
  const program = ts.createProgram({
    rootNames,
    options: { ...parsed.options, noEmit: false, declaration: true, outDir, rootDir },
  });
  const result = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (diagnostics.length > 0) {
    const host: ts.FormatDiagnosticsHost = {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => REPO_ROOT,
      getNewLine: () => "\n",
    };
    throw new Error(`compiling ${rootNames.join(", ")}:\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
}

/** Writes the package folder into `stageDir` (emptied first) and returns it. */
export function stageComponents(stageDir: string): string {
  fs.rmSync(stageDir, { recursive: true, force: true });
  fs.mkdirSync(stageDir, { recursive: true });
  for (const file of sourceFiles(COMPONENTS_DIR)) {
    const target = path.join(stageDir, path.relative(COMPONENTS_DIR, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  for (const file of PACKAGE_FILES) {
    const from = path.join(COMPONENTS_DIR, file);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(stageDir, file));
  }
  compilePackage(
    path.join(COMPONENTS_DIR, "tsconfig.json"),
    ["index.ts", "plugin.ts"].map((f) => path.join(COMPONENTS_DIR, f)),
    COMPONENTS_DIR,
    path.join(stageDir, "dist"),
  );
  return stageDir;
}

/** `npm pack` of a package folder into `destination`; returns the tarball's path. */
export function npmPack(packageDir: string, destination: string): string {
  fs.mkdirSync(destination, { recursive: true });
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", destination], {
    cwd: packageDir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [entry] = JSON.parse(out) as { filename: string }[];
  if (!entry) throw new Error(`npm pack printed no package: ${out}`);
  return path.join(destination, entry.filename);
}

/** Stages and packs the components package; returns the tarball's path. */
export function packComponents(workDir: string): string {
  const stage = stageComponents(path.join(workDir, "stage"));
  return npmPack(stage, workDir);
}
