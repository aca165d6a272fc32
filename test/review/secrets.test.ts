/**
 * A fixture pair that adds a secret input: a Slack webhook URL (a `secure:` config value) for the
 * egress alerts. The review shows the new input with the URL as `[secret]`, never the ciphertext,
 * the offline placeholder or anything else of it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SECRET_PLACEHOLDER } from "../../offline/cloud-assigned";
import { edit, reviewFixture } from "./fixture-repo";

const CIPHERTEXT = "v1:ZmFrZS1jaXBoZXJ0ZXh0LWZvci10aGUtcmV2aWV3";

test("a changed secret input shows only [secret] in the review", () => {
  const report = reviewFixture(
    {
      name: "secret-input",
      change: (root) =>
        edit(
          root,
          "stacks/Pulumi.dev.yaml",
          "    alerts:\n      emails: [oncall@example.com]\n",
          `    alerts:\n      emails: [oncall@example.com]\n      slack:\n        channel: "#egress"\n        url:\n          secure: ${CIPHERTEXT}\n`,
        ),
    },
    ["dev"],
  );
  const slackLines = report.split("\n").filter((line) => line.includes("slacks"));
  assert.ok(slackLines.length > 0, "the new Slack contact is in the report");
  for (const line of slackLines) {
    assert.match(line, /\[secret\]/, line);
    assert.doesNotMatch(line, /hooks|https?:/, line);
  }
  assert.ok(!report.includes(CIPHERTEXT), "no ciphertext");
  assert.doesNotMatch(report, new RegExp(SECRET_PLACEHOLDER.source), "no secret placeholder");
});
