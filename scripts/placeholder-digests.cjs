#!/usr/bin/env node
// Refuses to deploy a stack file that still holds the all-zero placeholder image digest. Config and
// policy accept it (it is well formed), but `pulumi up` would roll the ipfailover Deployment
// (strategy Recreate): the running keepalived pods go first, the new ones cannot pull, the VIPs are
// gone. Run by deploy.yml before every `pulumi up`: `node scripts/placeholder-digests.cjs <stack>`.
"use strict";
const { readFileSync } = require("node:fs");
const path = require("node:path");

const PLACEHOLDER = /sha256:0{64}/;

/** `file:line: ...` for every placeholder digest in the stack file's text. */
function placeholderDigests(text, file) {
  return text
    .split("\n")
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => PLACEHOLDER.test(line) && !line.trimStart().startsWith("#"))
    .map(
      ({ number }) =>
        `${file}:${number}: placeholder image digest (sha256:000…); replace it with the digest of the ` +
        "tag you tested: skopeo inspect --format '{{.Digest}}' docker://<image>:<tag>",
    );
}

module.exports = { placeholderDigests };

if (require.main === module) {
  const stack = process.argv[2];
  if (!stack) {
    console.error("usage: node scripts/placeholder-digests.cjs <stack>");
    process.exit(2);
  }
  const file = path.join("stacks", `Pulumi.${stack}.yaml`);
  const problems = placeholderDigests(readFileSync(path.join(__dirname, "..", file), "utf8"), file);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`not deploying ${stack}: a placeholder digest would take its ipfailover VIPs down`);
    process.exit(1);
  }
}
