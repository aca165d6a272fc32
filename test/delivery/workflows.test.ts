/**
 * The GitHub workflows, parsed: least privilege, pinned actions and CLI, and no way for
 * pull-request code to reach a deploy credential (docs/delivery.md).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { placeholderDigests } from "../../scripts/placeholder-digests.cjs";
import { MARKER } from "../../scripts/review/report";
import { deployEnvironment, previewEnvironment, toPreview } from "../../scripts/preview-environment.cjs";
import { REPO_ROOT, stackFilePath } from "../../offline/stack-file";
import { exampleStacks } from "../../offline/stacks";

interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string };
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

const WORKFLOWS = path.join(REPO_ROOT, ".github", "workflows");
const load = (name: string): Workflow =>
  parse(readFileSync(path.join(WORKFLOWS, name), "utf8"), { merge: true }) as Workflow;
const allWorkflows = (): Array<[string, Workflow]> =>
  readdirSync(WORKFLOWS)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => [f, load(f)]);

/** GitHub environments whose OIDC trust mints a deploy (write) token. */
const DEPLOY_ENVIRONMENTS = exampleStacks();
const PULUMI_ACTIONS = "pulumi/actions@";
const AUTH_ACTIONS = "pulumi/auth-actions@";
const environmentOf = (job: Job): string | undefined =>
  typeof job.environment === "string" ? job.environment : job.environment?.name;
const stepOf = (job: Job, prefix: string): Step | undefined =>
  job.steps.find((s) => s.uses?.startsWith(prefix));
/** Every `secrets.NAME` a job's text mentions. */
const secretsOf = (job: Job): string[] =>
  [...JSON.stringify(job).matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
const STICKY_COMMENT = "scripts/review/sticky-comment.sh";
const PULUMI_VERSION = readFileSync(path.join(REPO_ROOT, ".pulumi-version"), "utf8");

for (const [name, workflow] of allWorkflows()) {
  test(`${name}: nothing granted at the top, minimal per-job permissions, actions pinned by SHA, CLI pinned`, () => {
    assert.deepEqual(workflow.permissions, {}, "permissions: {} at the top; each job states its own");
    for (const [jobName, job] of Object.entries(workflow.jobs)) {
      const allowed: Record<string, string> = { contents: "read" };
      if (stepOf(job, AUTH_ACTIONS)) allowed["id-token"] = "write";
      if (job.steps.some((s) => s.with?.["comment-on-pr"] === true)) allowed["pull-requests"] = "write";
      if (job.steps.some((s) => s.run?.includes(STICKY_COMMENT))) allowed["pull-requests"] = "write";
      assert.ok(job.permissions, `${jobName}: states its permissions`);
      for (const [scope, level] of Object.entries(job.permissions)) {
        assert.equal(level, allowed[scope] ?? "none", `${jobName}: ${scope}: ${level} is more than it needs`);
      }
      for (const step of job.steps) {
        if (step.uses) assert.match(step.uses, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, `${jobName}: ${step.uses}`);
        if (step.uses?.startsWith("actions/checkout@"))
          assert.equal(step.with?.["persist-credentials"], false, `${jobName}: checkout keeps no token`);
        if (step.uses?.startsWith(PULUMI_ACTIONS)) {
          assert.equal(step.with?.["pulumi-version-file"], ".pulumi-version", `${jobName}: CLI pinned`);
          assert.equal(
            step.with?.["pulumi-version"],
            undefined,
            `${jobName}: one source for the CLI version`,
          );
        }
      }
      assert.ok(
        !/\bpulumi (preview|up)\b/.test(job.steps.map((s) => s.run ?? "").join("\n")),
        "CLI only via the action",
      );
    }
  });
}

test(".pulumi-version pins the CLI to the exact version of the pinned @pulumi/pulumi SDK", () => {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  assert.match(PULUMI_VERSION, /^\d+\.\d+\.\d+\n$/);
  assert.equal(PULUMI_VERSION.trim(), pkg.dependencies["@pulumi/pulumi"]);
});

test("no job a pull request triggers can reach a deploy credential", () => {
  let prJobs = 0;
  for (const [name, workflow] of allWorkflows()) {
    const triggers = Object.keys(workflow.on);
    assert.ok(!triggers.includes("pull_request_target"), `${name}: pull_request_target runs with secrets`);
    if (!triggers.includes("pull_request")) continue;
    for (const [jobName, job] of Object.entries(workflow.jobs)) {
      prJobs += 1;
      const where = `${name} ${jobName}`;
      const environment = environmentOf(job);
      assert.ok(
        !environment || !DEPLOY_ENVIRONMENTS.includes(environment),
        `${where}: runs in deploy environment ${environment}`,
      );
      assert.deepEqual(
        secretsOf(job).filter((s) => s !== "GITHUB_TOKEN"),
        [],
        `${where}: a pull-request job uses no secret but GITHUB_TOKEN`,
      );
      const auth = stepOf(job, AUTH_ACTIONS);
      if (auth) {
        assert.equal(environment, "preview", `${where}: OIDC only from the preview environment`);
        assert.equal(auth.with?.scope, "team:failover-preview", `${where}: the preview team only`);
        const pulumi = stepOf(job, PULUMI_ACTIONS);
        assert.equal(pulumi?.with?.command, "preview", `${where}: preview, never up`);
        const swap = job.steps.findIndex((s) => s.run?.includes("scripts/preview-environment.cjs"));
        assert.ok(swap >= 0 && swap < job.steps.indexOf(pulumi), `${where}: preview ESC environment first`);
      }
    }
  }
  assert.ok(prJobs > 0, "some workflow runs on pull requests");
});

test("pull requests run the tests, then a policy-checked preview of every example stack", () => {
  const workflow = load("pull-request.yml");
  assert.ok(
    workflow.jobs.test.steps.some((s) => s.run?.includes(".ci/run")),
    "the test job runs .ci/run",
  );
  const ci = readFileSync(path.join(REPO_ROOT, ".ci", "run"), "utf8");
  assert.match(ci, /^npm test$/m, ".ci/run runs the README's test command");
  const preview = workflow.jobs.preview;
  assert.equal(preview.needs, "test");
  assert.deepEqual([...(preview.strategy?.matrix?.stack ?? [])].sort(), exampleStacks());
  const step = stepOf(preview, PULUMI_ACTIONS);
  assert.equal(step?.with?.policyPacks, "policy");
  assert.equal(step?.with?.policyPackConfigs, "policy/config/${{ matrix.stack }}.json");
  assert.equal(step?.with?.["comment-on-pr"], true);
  assert.match(String(step?.with?.["stack-name"]), /matrix\.stack/);
});

test("pull requests get the offline review as one sticky comment, from a job with no credential at all", () => {
  const job = load("pull-request.yml").jobs.review;
  assert.ok(job, "a review job");
  assert.deepEqual(job.permissions, { "pull-requests": "write" }, "commenting is its only grant");
  assert.equal(environmentOf(job), undefined, "no environment: no OIDC subject, no environment secret");
  assert.deepEqual(secretsOf(job), [], "not even secrets.GITHUB_TOKEN: github.token, scoped by permissions");
  assert.equal(stepOf(job, AUTH_ACTIONS), undefined, "no Pulumi login");
  assert.equal(stepOf(job, PULUMI_ACTIONS), undefined, "no Pulumi CLI");
  assert.ok(
    !/id-token|aws-actions|google-github-actions|azure\/login/.test(JSON.stringify(job)),
    "no cloud login",
  );
  const checkout = stepOf(job, "actions/checkout@");
  assert.equal(checkout?.with?.["fetch-depth"], 0, "the whole history: the base commit is rendered");
  const review = job.steps.findIndex((s) => s.run?.includes("npm run review -- "));
  assert.ok(review >= 0, "runs npm run review");
  assert.match(String(job.steps[review].run), /"\$BASE_SHA" HEAD --out review\.md/);
  assert.match(
    String(job.steps[review].run),
    /^BASE_SHA="\$\(git rev-parse HEAD\^1\)"$/m,
    "the base is the merge commit's first parent, not the event's base.sha (main may have moved on)",
  );
  assert.ok(!JSON.stringify(job).includes("pull_request.base.sha"), "no stale base.sha");
  const post = job.steps.findIndex((s) => s.run?.includes(STICKY_COMMENT));
  assert.ok(post > review, "posts after the review is written");
  assert.match(String(job.steps[post].run), /sticky-comment\.sh review\.md$/);
  assert.equal(job.steps[post].env?.GH_TOKEN, "${{ github.token }}");
  assert.equal(job.steps[post].env?.PR, "${{ github.event.pull_request.number }}");
  assert.equal(
    job.steps[post].if,
    "github.event.pull_request.head.repo.full_name == github.repository",
    "a fork's read-only token cannot comment: the step is skipped there, not failed",
  );
  assert.match(String(job.steps[review].run), /GITHUB_STEP_SUMMARY/, "the summary carries it on a fork");

  const script = readFileSync(path.join(REPO_ROOT, STICKY_COMMENT), "utf8");
  assert.ok(script.includes(`MARKER='${MARKER}'`), "the script finds the comment by the report's own marker");
  assert.match(script, /^set -euo pipefail$/m);
  assert.match(
    script,
    /gh api --method PATCH "repos\/\$REPO\/issues\/comments\/\$id"/,
    "updates the old one",
  );
  assert.match(script, /gh api --method POST "repos\/\$REPO\/issues\/\$PR\/comments"/, "or creates one");
  assert.match(script, /github-actions\[bot\]/, "only its own comment");
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  assert.match(pkg.scripts.review, /node scripts\/pulumi-node\.cjs scripts\/review\.ts$/);
});

test("pushes to main deploy dev, then staging, then prod, each in its own environment with its own team", () => {
  const workflow = load("deploy.yml");
  assert.deepEqual(workflow.on, { push: { branches: ["main"] } });
  const order = ["dev", "staging", "prod"];
  order.forEach((stack, i) => {
    const job = workflow.jobs[`up-${stack}`];
    assert.ok(job, `job up-${stack}`);
    assert.equal(environmentOf(job), stack);
    assert.equal(job.if, "github.ref == 'refs/heads/main'");
    assert.equal(job.env?.STACK, stack);
    assert.equal(job.needs, i === 0 ? undefined : `up-${order[i - 1]}`);
    assert.deepEqual(secretsOf(job), [], "OIDC only: no stored secret");
    assert.equal(stepOf(job, AUTH_ACTIONS)?.with?.scope, "team:failover-deploy-${{ env.STACK }}");
    const step = stepOf(job, PULUMI_ACTIONS);
    assert.equal(step?.with?.command, "up");
    const guard = job.steps.findIndex((s) => s.run?.includes("scripts/placeholder-digests.cjs"));
    assert.ok(
      guard >= 0 && step && guard < job.steps.indexOf(step),
      `up-${stack}: placeholder guard before up`,
    );
    assert.equal(step?.with?.policyPacks, "policy");
    assert.equal(step?.with?.policyPackConfigs, "policy/config/${{ env.STACK }}.json");
    assert.match(String(step?.with?.["stack-name"]), /env\.STACK/);
  });
  assert.deepEqual(Object.keys(workflow.jobs).sort(), order.map((s) => `up-${s}`).sort());
  assert.deepEqual([...order].sort(), exampleStacks(), "every example stack is deployed");
});

for (const stack of exampleStacks()) {
  test(`${stack}: the stack file imports its ESC environment, holds no ciphertext, and swaps to the preview one`, () => {
    const text = readFileSync(stackFilePath(stack), "utf8");
    const doc = parse(text) as { environment?: string[] };
    assert.deepEqual(doc.environment, [deployEnvironment(stack)]);
    assert.ok(!/\bsecure:/.test(text), "no committed ciphertext: secrets come from ESC");
    const preview = parse(toPreview(stack, text)) as { environment?: string[]; config: unknown };
    assert.deepEqual(preview.environment, [previewEnvironment(stack)]);
    assert.deepEqual(preview.config, (parse(text) as { config: unknown }).config, "only the import changes");
    assert.throws(() => toPreview(stack, "config: {}\n"), /does not import failover-stacks\/.*Fix:/);
  });
}

test("the policy pack config the workflows pass exists for every stack", () => {
  const dir = path.join(REPO_ROOT, "policy", "config");
  for (const stack of exampleStacks())
    assert.ok(existsSync(path.join(dir, `${stack}.json`)), `policy/config/${stack}.json`);
});

test("the deploy guard finds the placeholder digests the example production stacks carry, and nothing in dev", () => {
  for (const stack of ["staging", "prod"]) {
    const problems = placeholderDigests(readFileSync(stackFilePath(stack), "utf8"), `Pulumi.${stack}.yaml`);
    assert.equal(problems.length, 2, stack);
    for (const p of problems)
      assert.match(p, /^Pulumi\.\w+\.yaml:\d+: placeholder image digest .*skopeo inspect/);
  }
  assert.deepEqual(placeholderDigests(readFileSync(stackFilePath("dev"), "utf8"), "Pulumi.dev.yaml"), []);
  assert.deepEqual(placeholderDigests("# sha256:" + "0".repeat(64) + "\n", "f"), [], "comments do not count");
});
