/**
 * The resources the pack is checked against: every example stack and the bad fixture, evaluated
 * once per test process (each evaluation resets the mock runtime, so they run one after another).
 */
import { badStackProgram } from "../fixtures/bad-stack";
import { evaluateStack } from "../../offline/evaluate";
import { installMocks } from "../../offline/mocks";
import type { RecordedResource } from "../../offline/recorder";
import { settle } from "../../offline/resolve";
import { exampleStacks } from "../../offline/stacks";

export interface PolicyCase {
  /** `dev`, `staging`, `prod` or `bad` (test/fixtures/bad-stack.ts). */
  readonly name: string;
  readonly resources: readonly RecordedResource[];
}

async function evaluateAll(): Promise<PolicyCase[]> {
  const cases: PolicyCase[] = [];
  for (const stack of exampleStacks()) {
    const { recorder } = await evaluateStack(stack);
    cases.push({ name: stack, resources: recorder.resources });
  }
  const recorder = await installMocks({ stack: "bad" });
  badStackProgram();
  await settle();
  cases.push({ name: "bad", resources: recorder.resources });
  return cases;
}

let evaluated: Promise<PolicyCase[]> | undefined;

export function policyCases(): Promise<PolicyCase[]> {
  evaluated ??= evaluateAll();
  return evaluated;
}
