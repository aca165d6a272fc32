// Builds what the published pack runs: index.ts and everything it imports from this repository
// (the rules, components/ constants and helpers, ipaddr.js) in one CommonJS file, dist/index.js.
// The Pulumi SDKs stay external: they are the pack's declared dependencies, and @pulumi/policy must
// be the very module that run-policy-pack's server uses. `npm pack` runs this (prepack).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

await build({
  absWorkingDir: here,
  entryPoints: ["index.ts"],
  outfile: "dist/index.js",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  external: ["@pulumi/policy", "@pulumi/pulumi"],
  tsconfig: "tsconfig.json",
  legalComments: "inline",
  logLevel: "warning",
});
