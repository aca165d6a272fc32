// @ts-check
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "out/**",
      ".tools/**",
      "bench/results/**",
      // Programs of other teams: they import the packages by name, which resolves only where a
      // test installed the tarballs; that test type-checks them there (test/packages/).
      "examples/**",
      "policy/dist/**",
      // The new-system fixture compiles only at its target paths, inside the test's copy (linted there).
      "test/fixtures/new-system/files/**",
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ["**/*.ts", "**/*.cts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      // Outputs interpolated with a plain template literal render as a warning string, not the value.
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-explicit-any": "error",
      // node:test's test()/describe() return promises the runner awaits itself.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            {
              from: "package",
              name: ["test", "describe", "it", "suite", "before", "after"],
              package: "node:test",
            },
          ],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // Layering: product code and tooling never import tests; components never import tooling.
    files: ["stacks/**", "components/**", "policy/**", "offline/**", "lab/**", "scripts/**", "bench/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./)+test/",
              message: "test/ is test-only: move what you need to offline/ or lab/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(\\.\\./)+test/", message: "test/ is test-only." },
            {
              regex: "^(\\.\\./)+(offline|lab)/",
              message: "components must not depend on the offline evaluator or the lab.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.mjs", "**/*.cjs", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS that runs before any TypeScript loader (scripts/pulumi-node.cjs): require is its import.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
