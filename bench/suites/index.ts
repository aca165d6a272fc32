/** The benchmark suites, in the order they run. */
import type { MachineInfo } from "../lib/machine";
import { programCost, type ProgramCostResult } from "./program-cost";
import { toolingCost, type ToolingCostResult } from "./tooling-cost";

export interface SuiteOptions {
  readonly smoke: boolean;
}

export interface BenchResults {
  readonly date: string;
  readonly command: string;
  readonly smoke: boolean;
  readonly machine: MachineInfo;
  readonly suites: {
    programCost?: ProgramCostResult;
    toolingCost?: ToolingCostResult;
  };
}

export type SuiteName = keyof BenchResults["suites"];

export interface Suite {
  readonly name: SuiteName;
  run(options: SuiteOptions): unknown;
}

export const SUITES: readonly Suite[] = [
  {
    name: "programCost",
    run: ({ smoke }) =>
      programCost(smoke ? { factors: [1, 10], repetitions: 1 } : { factors: [1, 10, 100], repetitions: 3 }),
  },
  {
    name: "toolingCost",
    run: ({ smoke }) => (smoke ? undefined : toolingCost({ includeTests: true })),
  },
];
