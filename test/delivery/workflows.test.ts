/** Structure of the GitHub workflows: valid YAML, the right jobs, the stack matrix, the policy pack. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { REPO_ROOT } from "../harness/stack-file";
import { exampleStacks } from "../harness/stacks";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  environment?: string;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  strategy?: { matrix?: { stack?: string[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const load = (name: string): Workflow =>
  parse(readFileSync(path.join(REPO_ROOT, ".github", "workflows", name), "utf8"), {
    merge: true,
  }) as Workflow;

const pulumiStep = (job: Job): Step => {
  const step = job.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
  assert.ok(step, "job has a pulumi/actions step");
  return step;
};

for (const name of ["pull-request.yml", "deploy.yml"]) {
  test(`${name}: least privilege and every action pinned by commit SHA`, () => {
    const workflow = load(name);
    assert.deepEqual(workflow.permissions, { contents: "read" });
    for (const [jobName, job] of Object.entries(workflow.jobs)) {
      for (const step of job.steps) {
        if (step.uses) assert.match(step.uses, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, `${jobName}: ${step.uses}`);
      }
      const writes = Object.entries(job.permissions ?? {}).filter(([, v]) => v === "write");
      const commentsOnPr = job.steps.some((s) => s.with?.["comment-on-pr"] === true);
      assert.deepEqual(
        writes.map(([k]) => k),
        commentsOnPr ? ["pull-requests"] : [],
        `${jobName} permissions`,
      );
    }
  });
}

test("pull requests run the tests, then a policy-checked preview of every example stack", () => {
  const workflow = load("pull-request.yml");
  assert.ok("pull_request" in workflow.on);
  assert.ok(workflow.jobs.test.steps.some((s) => s.run?.includes("npm test")));
  const preview = workflow.jobs.preview;
  assert.equal(preview.needs, "test");
  assert.deepEqual([...(preview.strategy?.matrix?.stack ?? [])].sort(), exampleStacks());
  const step = pulumiStep(preview);
  assert.equal(step.with?.command, "preview");
  assert.equal(step.with?.policyPacks, "policy");
  assert.equal(step.with?.["comment-on-pr"], true);
  assert.match(String(step.with?.["stack-name"]), /matrix\.stack/);
});

test("pushes to main deploy dev, then staging, then prod, each in its own environment", () => {
  const workflow = load("deploy.yml");
  assert.deepEqual(workflow.on, { push: { branches: ["main"] } });
  const order = ["dev", "staging", "prod"];
  order.forEach((stack, i) => {
    const job = workflow.jobs[`up-${stack}`];
    assert.ok(job, `job up-${stack}`);
    assert.equal(job.environment, stack);
    assert.equal(job.env?.STACK, stack);
    assert.equal(job.needs, i === 0 ? undefined : `up-${order[i - 1]}`);
    const step = pulumiStep(job);
    assert.equal(step.with?.command, "up");
    assert.equal(step.with?.policyPacks, "policy");
    assert.match(String(step.with?.["stack-name"]), /env\.STACK/);
  });
  assert.deepEqual(Object.keys(workflow.jobs).sort(), order.map((s) => `up-${s}`).sort());
  assert.deepEqual([...order].sort(), exampleStacks(), "every example stack is deployed");
});
