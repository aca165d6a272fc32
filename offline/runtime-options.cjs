"use strict";
/**
 * Pulumi's Node.js runtime options, read from Pulumi.yaml, and the node command line Pulumi's
 * language host builds from them: what scripts/pulumi-node.cjs starts every process with, and what
 * the offline evaluator and the cold-start benchmark check a process against.
 *
 * Modelled on pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go (parseOptions,
 * execRuntime, constructArguments) and pkg/engine/project.go (getPwdMain), read in the newest stored
 * snapshot (v3.260 dev; the pinned SDK is @pulumi/pulumi 3.270.0, whose cmd/run we load for real).
 *
 * Plain CommonJS on purpose: it must run before any TypeScript loader exists (Node 20 included, to
 * fail loudly there). Types: runtime-options.d.cts.
 */
const fs = require("node:fs");
const path = require("node:path");

const REPO_ROOT = path.resolve(__dirname, "..");
const MIN_NODE_MAJOR = 22;
/** The module the language host runs (defaultRunPath), resolved from the program directory. */
const RUN_PATH_MODULE = "@pulumi/pulumi/cmd/run";
/** The loader this project chose: tsx's ESM + CommonJS hooks (transpile only; tsc type-checks in npm test). */
const FAST_LOADER = ["--import", "tsx"];

const NODE_FIX =
  "Fix: run `npm test` or `npm run synth -- dev`, which install Node 22 into .tools/node22 on first use, " +
  "or put Node 22 first on PATH (export PATH=$PWD/.tools/node22/node_modules/node/bin:$PATH).";

/** Node older than 22 fails here with the fix, not later with a bare glob or syntax error. */
function nodeVersionProblem(version = process.versions.node) {
  const major = Number(version.split(".")[0]);
  if (major >= MIN_NODE_MAJOR) return undefined;
  return `error: node v${version} is too old: this project needs Node ${MIN_NODE_MAJOR} (package.json engines). ${NODE_FIX}`;
}

/** google/shlex-style split, as the language host applies to `nodeargs`: whitespace, quotes, backslash. */
function shlexSplit(text) {
  const words = [];
  let word = "";
  let inWord = false;
  let quote = "";
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = "";
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = "";
      else if (c === "\\" && i + 1 < text.length) word += text[(i += 1)];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < text.length) {
      word += text[(i += 1)];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote)
    throw new Error(`Pulumi.yaml runtime.options.nodeargs: unclosed ${quote} in ${JSON.stringify(text)}`);
  if (inWord) words.push(word);
  return words;
}

/** getPwdMain: a file `main` runs with pwd = its folder and entry point = its base name. */
function pwdMain(root, main) {
  if (!main) return { pwd: root, entryPoint: "." };
  const full = path.resolve(root, main);
  if (fs.existsSync(full) && fs.statSync(full).isDirectory()) return { pwd: full, entryPoint: "." };
  return { pwd: path.dirname(full), entryPoint: path.basename(full) };
}

/**
 * Reads Pulumi.yaml as the language host does (typescript defaults to true) and lists every
 * problem at once. Throws only when the file cannot be parsed at all.
 */
function readRuntimeOptions(root = REPO_ROOT, text) {
  const { parse } = require("yaml");
  const file = path.join(root, "Pulumi.yaml");
  const project = parse(text ?? fs.readFileSync(file, "utf8")) ?? {};
  const runtime = typeof project.runtime === "string" ? { name: project.runtime } : (project.runtime ?? {});
  const options = runtime.options ?? {};
  const problems = [];
  const bad = (key, value, fix) => problems.push(`Pulumi.yaml ${key}: ${JSON.stringify(value)} ${fix}`);
  if (runtime.name !== "nodejs") bad("runtime.name", runtime.name, "is not nodejs. Fix: name: nodejs");
  let typescript = true;
  if ("typescript" in options) {
    if (typeof options.typescript === "boolean") typescript = options.typescript;
    else
      bad(
        "runtime.options.typescript",
        options.typescript,
        "must be a boolean (the language host rejects it)",
      );
  }
  let tsconfig;
  if ("tsconfig" in options) {
    if (typeof options.tsconfig === "string") tsconfig = options.tsconfig;
    else bad("runtime.options.tsconfig", options.tsconfig, "must be a string (the language host rejects it)");
  }
  let nodeargs = [];
  if ("nodeargs" in options) {
    if (typeof options.nodeargs !== "string")
      bad("runtime.options.nodeargs", options.nodeargs, "must be a string (the language host rejects it)");
    else {
      try {
        nodeargs = shlexSplit(options.nodeargs);
      } catch (err) {
        problems.push(err.message);
      }
    }
  }
  const main = typeof project.main === "string" ? project.main : undefined;
  if (main !== undefined && !fs.existsSync(path.resolve(root, main)))
    bad("main", main, "does not exist. Fix: point main at the program entry (stacks/index.ts)");
  return { root, main, typescript, tsconfig, nodeargs, ...pwdMain(root, main), problems };
}

/**
 * The project's loader decision on top of what Pulumi accepts: the program loads through the fast
 * loader in nodeargs, never through Pulumi's vendored ts-node (which type-checks on every run).
 */
function loaderProblems(options) {
  const problems = [...options.problems];
  const hasLoader = options.nodeargs.some((a) => ["--import", "--require", "-r", "--loader"].includes(a));
  if (options.typescript)
    problems.push(
      "Pulumi.yaml runtime.options.typescript: true loads the program through Pulumi's vendored ts-node 7.0.1 " +
        "with full type-checking (12-16 s and about 1 GB per cold run" +
        (hasLoader ? ", on top of the loader in nodeargs" : "") +
        "). Fix: typescript: false and nodeargs: --import tsx (tsc type-checks in npm test).",
    );
  const joined = options.nodeargs.join(" ");
  if (!joined.includes(FAST_LOADER.join(" ")))
    problems.push(
      `Pulumi.yaml runtime.options.nodeargs: ${JSON.stringify(joined)} does not load tsx, so node cannot ` +
        "load stacks/index.ts (and synth and the tests would run under a loader Pulumi does not use). " +
        "Fix: nodeargs: --import tsx",
    );
  return problems;
}

/** The environment the language host adds for the runtime options (execRuntime). */
function runtimeEnv(options) {
  const env = {};
  if (options.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
  return env;
}

/**
 * The node argv the language host runs for `pulumi preview`/`up` (constructArguments): nodeargs,
 * then cmd/run with the engine's flags, then the entry point. `parallel` is the CLI's default.
 */
function languageHostArgv(options, run) {
  const runPath = require.resolve(RUN_PATH_MODULE, { paths: [options.pwd] });
  const args = [...options.nodeargs, runPath];
  const flag = (k, v) => {
    if (v !== undefined && v !== "") args.push(`--${k}`, String(v));
  };
  flag("monitor", run.monitor);
  flag("engine", run.engine);
  flag("organization", run.organization ?? "organization");
  flag("project", run.project);
  flag("root-directory", options.root);
  flag("stack", run.stack);
  flag("pwd", options.pwd);
  if (run.dryRun) args.push("--dry-run");
  flag("parallel", run.parallel ?? 2147483647);
  args.push(options.entryPoint);
  return args;
}

/**
 * Whether this process runs under the loader Pulumi.yaml names: each `--import X`/`--require X` of
 * nodeargs appears in execArgv as X itself or as a file inside node_modules/X (how the tsx CLI
 * registers the same hooks). In-process evaluations (tests, synth) check this before they run.
 */
function loaderMismatch(options, execArgv = process.execArgv) {
  const wanted = [];
  options.nodeargs.forEach((arg, i) => {
    if (["--import", "--require", "-r", "--loader"].includes(arg) && options.nodeargs[i + 1])
      wanted.push(options.nodeargs[i + 1]);
  });
  const missing = wanted.filter(
    (mod) =>
      !execArgv.some((a) => a === mod || a.includes(`/node_modules/${mod}/`) || a === `--import=${mod}`),
  );
  if (missing.length === 0) return undefined;
  return (
    `error: this process runs with node ${JSON.stringify(execArgv.join(" "))}, not with Pulumi.yaml's ` +
    `nodeargs (${options.nodeargs.join(" ")}), so it would not load the program the way \`pulumi up\` does. ` +
    "Fix: start it through `node scripts/pulumi-node.cjs <script>` (what npm test and npm run synth do)."
  );
}

module.exports = {
  REPO_ROOT,
  MIN_NODE_MAJOR,
  RUN_PATH_MODULE,
  FAST_LOADER,
  nodeVersionProblem,
  shlexSplit,
  readRuntimeOptions,
  loaderProblems,
  runtimeEnv,
  languageHostArgv,
  loaderMismatch,
};
