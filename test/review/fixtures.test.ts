/**
 * The review on four fixture pairs, each built as two commits in a temporary repository, compared
 * with the report stored in test/review/expected/<fixture>.md (checked by hand when written).
 * REVIEW_EXPECTED=write rewrites them (refused when CI is set); without it any difference fails.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../offline/stack-file";
import { edit, expectedReportMode, reviewFixture, type Fixture } from "./fixture-repo";

const DEV = "stacks/Pulumi.dev.yaml";

const FIXTURES: readonly Fixture[] = [
  {
    // The keepalived/HAProxy timing lives in user data: both LBs of the pair are replaced.
    name: "keepalived-timing",
    change: (root) =>
      edit(
        root,
        DEV,
        "  failover-stacks:openstack:\n",
        "  failover-stacks:openstack:\n    timing: conservative\n",
      ),
  },
  {
    name: "active-gateway",
    change: (root) => edit(root, DEV, "    activeGateway: gw-1\n", "    activeGateway: gw-2\n"),
  },
  {
    // A system stops exporting a key without a CONTRACT_VERSION bump.
    name: "removed-output-key",
    change: (root) =>
      edit(root, "components/openstack/system.ts", "    floatingIp: vip.floatingIp ?? null,\n", ""),
  },
  {
    // The pack's config treats dev as production: its tag-pinned ipfailover image now violates.
    name: "new-policy-violation",
    change: (root) =>
      edit(root, "policy/config/dev.json", /^\{\n/, '{\n  "images-by-digest": { "production": true },\n'),
  },
];

test("REVIEW_EXPECTED=write rewrites only outside CI", () => {
  assert.equal(expectedReportMode({}), "compare");
  assert.equal(expectedReportMode({ REVIEW_EXPECTED: "write" }), "write");
  assert.throws(() => expectedReportMode({ REVIEW_EXPECTED: "write", CI: "true" }), /CI only compares/);
});

for (const fixture of FIXTURES) {
  test(`review of the ${fixture.name} fixture pair is exactly the expected report`, () => {
    const report = reviewFixture(fixture, ["dev"]);
    const expectedFile = path.join(__dirname, "expected", `${fixture.name}.md`);
    if (expectedReportMode(process.env) === "write") writeFileSync(expectedFile, report);
    assert.ok(existsSync(expectedFile), `${expectedFile}: no expected report`);
    assert.equal(report, readFileSync(expectedFile, "utf8"));
  });
}

test("docs/delivery.md shows the activeGateway fixture's report exactly as the test expects it", () => {
  const docs = readFileSync(path.join(REPO_ROOT, "docs", "delivery.md"), "utf8");
  const sample = /\n````text\n([\s\S]*?)````\n/.exec(docs)?.[1];
  assert.equal(sample, readFileSync(path.join(__dirname, "expected", "active-gateway.md"), "utf8"));
});
