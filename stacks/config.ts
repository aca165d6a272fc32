/**
 * Reads and validates the whole stack configuration before any resource is registered. Pure:
 * `validateStackConfig` takes plain data, so the bad-input table tests it without Pulumi.
 */
import {
  CONFIG_NAMESPACE,
  ConfigError,
  formatKey,
  formatValue,
  parseSection,
  problem,
  valueAt,
  type ConfigProblem,
} from "../components/shared/config-errors";
import { closestKey, secretPathsIn } from "../components/shared/schema-walk";
import { globalSettingsSchema, type GlobalSettings } from "../components/shared/settings";
import type { SystemModule } from "../components/shared/system";

const GLOBAL_KEYS = Object.keys(globalSettingsSchema.shape);

export interface EnabledSystem {
  readonly system: SystemModule;
  readonly config: unknown;
}

export interface ValidatedStack {
  readonly settings: GlobalSettings;
  readonly enabled: readonly EnabledSystem[];
}

/** Pulumi hands every value over as a string; structured YAML arrives as JSON text. */
export function decodeConfigValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "true" || trimmed === "false" || trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Takes `{ "failover-stacks:openstack": "...json..." , "digitalocean:token": "..." }` (what
 * `pulumi.runtime.allConfig()` returns) and keeps this project's keys, decoded, without prefix.
 */
export function projectConfig(all: Record<string, string>): Record<string, unknown> {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(prefix)) result[key.slice(prefix.length)] = decodeConfigValue(value);
  }
  return result;
}

/** One value as Pulumi hands it over: a string as it is, anything else as JSON text. */
export function encodeConfigValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The inverse of `projectConfig`: plain sections (`{ openstack: {...}, production: true }`) to the
 * flat `failover-stacks:<key>` string map that PULUMI_CONFIG holds. Round-trips every value that
 * `decodeConfigValue` reads back unchanged: objects, arrays, booleans and plain strings.
 */
export function encodeProjectConfig(sections: Readonly<Record<string, unknown>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(sections)) {
    result[`${CONFIG_NAMESPACE}:${key}`] = encodeConfigValue(value);
  }
  return result;
}

/**
 * Secret-typed values (secretText in a section's schema) given in plain text. Pulumi lists a
 * top-level key in PULUMI_CONFIG_SECRET_KEYS when its value, or any value nested in it, was a
 * `secure:` value; that list is all a program can know. So a secret in a section without any
 * `secure:` value is certainly plain text and refused; inside a section that holds one, Pulumi
 * does not say which value it was (docs/delivery.md, Secrets).
 */
export function plainSecretProblems(
  section: string,
  schema: SystemModule["schema"],
  sectionRaw: unknown,
  secretKeys: ReadonlySet<string>,
): ConfigProblem[] {
  if (secretKeys.has(`${CONFIG_NAMESPACE}:${section}`)) return [];
  return secretPathsIn(schema, sectionRaw).map((path) => {
    const key = formatKey(section, path);
    return {
      key,
      value: "[redacted]",
      message: problem(
        "a secret in plain text: it would sit unencrypted in the committed stack file",
        `store it encrypted with pulumi config set --secret --path '${key}' <value> ` +
          "(that writes a secure: value), then delete the plain text from the file and its git history",
      ),
    };
  });
}

/**
 * Provider credentials that may sit in the same stack file (each is read by its provider's
 * config/vars.js at the pinned version: @pulumi/digitalocean, openstack, gcp, kubernetes).
 */
export const PROVIDER_SECRET_KEYS = [
  "digitalocean:token",
  "digitalocean:spacesSecretKey",
  "openstack:password",
  "openstack:token",
  "openstack:applicationCredentialSecret",
  "gcp:credentials",
  "gcp:accessToken",
  "kubernetes:kubeconfig",
] as const;

/** Provider credentials given in plain text (their keys are top-level, so Pulumi's list is exact). */
export function plainProviderSecretProblems(
  providerConfig: Readonly<Record<string, string>>,
  secretKeys: ReadonlySet<string>,
): ConfigProblem[] {
  return PROVIDER_SECRET_KEYS.filter((key) => providerConfig[key] !== undefined && !secretKeys.has(key)).map(
    (key) => ({
      key,
      value: "[redacted]",
      message: problem(
        "a credential in plain text: it would sit unencrypted in the committed stack file",
        `store it encrypted with pulumi config set --secret ${key} <value> (or in a Pulumi ESC environment), ` +
          "then delete the plain text from the file and its git history",
      ),
    }),
  );
}

/** Namespaces a stack file may use: this project's and those of the providers it depends on. */
export const KNOWN_NAMESPACES = [
  CONFIG_NAMESPACE,
  "digitalocean",
  "gcp",
  "openstack",
  "kubernetes",
  "random",
  "pulumi",
];

/** A key in no known namespace (`failover-stack:openstack`) is dropped silently by everyone: refuse it. */
export function unknownNamespaceProblems(providerConfig: Readonly<Record<string, string>>): ConfigProblem[] {
  return Object.keys(providerConfig)
    .sort()
    .flatMap((key) => {
      const colon = key.indexOf(":");
      const namespace = colon < 0 ? "" : key.slice(0, colon);
      if (KNOWN_NAMESPACES.includes(namespace)) return [];
      const rest = colon < 0 ? key : key.slice(colon + 1);
      const guess = closestKey(namespace, KNOWN_NAMESPACES) ?? CONFIG_NAMESPACE;
      return [
        {
          key,
          value: "[not shown]",
          message: problem(
            `unknown config namespace ${JSON.stringify(namespace)} (nothing reads this key, so what it configures is silently off)`,
            `did you mean ${guess}:${rest}? The namespaces are ${KNOWN_NAMESPACES.join(", ")}`,
          ),
        },
      ];
    });
}

export function validateStackConfig(
  raw: Record<string, unknown>,
  systems: readonly SystemModule[],
  /** Full keys Pulumi marks secret (PULUMI_CONFIG_SECRET_KEYS). */
  secretKeys: ReadonlySet<string> = new Set(),
  /** Every config key, with its namespace, for the provider credentials. @default none */
  providerConfig: Readonly<Record<string, string>> = {},
): ValidatedStack {
  const problems: ConfigProblem[] = [
    ...unknownNamespaceProblems(providerConfig),
    ...plainProviderSecretProblems(providerConfig, secretKeys),
  ];
  const known = [...GLOBAL_KEYS, ...systems.map((s) => s.section)];
  for (const key of Object.keys(raw).sort()) {
    if (!known.includes(key)) {
      const guess = closestKey(key, known);
      problems.push({
        key: `${CONFIG_NAMESPACE}:${key}`,
        value: formatValue(raw[key]),
        message: problem(
          "unknown config key (a typo here would silently disable a system)",
          guess
            ? `did you mean ${guess}? Rename it to ${CONFIG_NAMESPACE}:${guess}`
            : `use one of ${known.join(", ")}, or remove it`,
        ),
      });
    }
  }

  const globals: Record<string, unknown> = {};
  for (const key of GLOBAL_KEYS) if (raw[key] !== undefined) globals[key] = raw[key];
  const parsedGlobals = parseSection("", globalSettingsSchema, globals);
  if (!parsedGlobals.ok) {
    // Global keys live at the top level, so drop the empty section name from the key.
    problems.push(
      ...parsedGlobals.problems.map((p) => ({
        ...p,
        key: p.key.replace(`${CONFIG_NAMESPACE}:.`, `${CONFIG_NAMESPACE}:`),
      })),
    );
  }
  const settings = parsedGlobals.ok ? parsedGlobals.value : globalSettingsSchema.parse({});

  const enabled: EnabledSystem[] = [];
  for (const system of systems) {
    const sectionRaw = raw[system.section];
    if (sectionRaw === undefined) continue;
    const secrets = plainSecretProblems(system.section, system.schema, sectionRaw, secretKeys);
    problems.push(...secrets);
    const parsed = parseSection(system.section, system.schema, sectionRaw);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    for (const issue of system.crossCheck?.(parsed.value, settings) ?? []) {
      problems.push({
        key: formatKey(system.section, issue.path),
        value: formatValue(valueAt(sectionRaw, issue.path), issue.path),
        message: issue.message,
      });
    }
    enabled.push({ system, config: parsed.value });
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return { settings, enabled };
}
