/** Types of runtime-options.cjs: Pulumi.yaml's Node.js runtime options and the node command lines built from them. */
export interface RuntimeOptions {
  /** Folder of Pulumi.yaml (the engine's root directory). */
  readonly root: string;
  readonly main: string | undefined;
  /** `runtime.options.typescript`; the language host's default is true. */
  readonly typescript: boolean;
  readonly tsconfig: string | undefined;
  /** `runtime.options.nodeargs`, split as the language host splits it. */
  readonly nodeargs: readonly string[];
  /** The program directory (`--pwd`) and entry point, as pkg/engine getPwdMain derives them from `main`. */
  readonly pwd: string;
  readonly entryPoint: string;
  /** What the language host (or the file itself) would reject. */
  readonly problems: readonly string[];
}

export interface LanguageHostRun {
  readonly monitor: string;
  readonly engine?: string;
  readonly organization?: string;
  readonly project: string;
  readonly stack: string;
  readonly dryRun?: boolean;
  readonly parallel?: number;
}

export declare const REPO_ROOT: string;
export declare const MIN_NODE_MAJOR: number;
export declare const RUN_PATH_MODULE: string;
export declare const FAST_LOADER: readonly string[];
export declare function nodeVersionProblem(version?: string): string | undefined;
export declare function shlexSplit(text: string): string[];
export declare function readRuntimeOptions(root?: string, text?: string): RuntimeOptions;
export declare function loaderProblems(options: RuntimeOptions): string[];
export declare function runtimeEnv(options: RuntimeOptions): Record<string, string>;
export declare function languageHostArgv(options: RuntimeOptions, run: LanguageHostRun): string[];
export declare function loaderMismatch(
  options: RuntimeOptions,
  execArgv?: readonly string[],
): string | undefined;
