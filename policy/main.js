"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, require()d by run-policy-pack */
// Pulumi runs this folder's `main` through run-policy-pack. In a checkout that is the TypeScript
// pack, index.ts, which Pulumi's ts-node compiles and type-checks with tsconfig.json here. The
// published pack (`npm pack`, see build.mjs) carries no TypeScript, only the bundle dist/index.js.
const { existsSync } = require("node:fs");
const { join } = require("node:path");

require(existsSync(join(__dirname, "index.ts")) ? "./index.ts" : "./dist/index.js");
