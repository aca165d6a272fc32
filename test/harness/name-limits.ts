/**
 * Every name the program derives, checked against the limit of the cloud object it names. The
 * names come from the recorded resources of an evaluated stack, so a new resource is checked
 * without a test knowing about it. Limits, by the documentation of each API:
 * - Compute Engine resource names: RFC 1035 label, 1-63 characters
 *   (cloud.google.com/compute/docs/naming-resources).
 * - GKE Hub membership IDs: RFC 1123 label, at most 63 characters (gkehub v1 Membership).
 * - Kubernetes: Namespace and Service names are DNS labels (63); other object names DNS
 *   subdomains (253); label values at most 63 (kubernetes.io/docs/concepts/overview/working-with-objects/names).
 * - Helm release names: at most 53 characters (helm install refuses longer ones).
 * - Droplet and Nova server names become the host name: every dot-separated label at most 63
 *   (RFC 1123); DigitalOcean and Neutron/Nova names at most 255 characters.
 * A resource without an explicit name is auto-named by its provider: logical name plus "-" and
 * seven random characters.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { encodeProjectConfig } from "../../stacks/config";
import { evaluateProgram } from "../../offline/evaluate";
import type { RecordedResource } from "../../offline/recorder";

const AUTONAME_SUFFIX = 8;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const RFC1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

interface Rule {
  readonly applies: (type: string) => boolean;
  /** The name field among the inputs, as a path. */
  readonly field: readonly string[];
  readonly check: (name: string) => string | undefined;
  /** Whether the provider auto-names the object when the field is absent. */
  readonly autonamed: boolean;
}

const maxLength = (limit: number, what: string) => (name: string) =>
  name.length > limit ? `${name.length} characters, over ${what}'s ${limit}` : undefined;

const label =
  (what: string, pattern = DNS_LABEL) =>
  (name: string) =>
    name.length > 63 || !pattern.test(name) ? `not a ${what} (at most 63 characters)` : undefined;

const hostname = (what: string) => (name: string) =>
  maxLength(255, what)(name) ??
  (name.split(".").some((part) => part.length > 63)
    ? `a host-name label is over 63 characters (${what})`
    : undefined);

const K8S_LABEL_NAMES = new Set(["kubernetes:core/v1:Namespace", "kubernetes:core/v1:Service"]);

const RULES: readonly Rule[] = [
  {
    applies: (t) => t.startsWith("gcp:compute/"),
    field: ["name"],
    check: label("Compute Engine name", RFC1035_LABEL),
    autonamed: true,
  },
  {
    applies: (t) => t === "gcp:gkehub/membership:Membership",
    field: ["membershipId"],
    check: label("GKE Hub membership ID"),
    autonamed: false,
  },
  {
    applies: (t) => t === "kubernetes:helm.sh/v3:Release",
    field: ["name"],
    check: maxLength(53, "a Helm release name"),
    autonamed: true,
  },
  {
    applies: (t) => K8S_LABEL_NAMES.has(t),
    field: ["metadata", "name"],
    check: label("Kubernetes DNS label"),
    autonamed: true,
  },
  {
    applies: (t) =>
      t.startsWith("kubernetes:") && !K8S_LABEL_NAMES.has(t) && !t.startsWith("kubernetes:helm"),
    field: ["metadata", "name"],
    // Kubernetes checks a subdomain as a whole (IsDNS1123Subdomain): 253 characters, no label limit.
    check: (name) =>
      name.length > 253 || !name.split(".").every((part) => DNS_LABEL.test(part))
        ? "not a Kubernetes DNS subdomain (at most 253 characters)"
        : undefined,
    autonamed: true,
  },
  {
    applies: (t) => t === "digitalocean:index/droplet:Droplet" || t === "openstack:compute/instance:Instance",
    field: ["name"],
    check: hostname("a server name"),
    autonamed: true,
  },
  {
    applies: (t) =>
      (t.startsWith("digitalocean:") && t !== "digitalocean:index/droplet:Droplet") ||
      (t.startsWith("openstack:") && t !== "openstack:compute/instance:Instance"),
    field: ["name"],
    check: maxLength(255, "the API"),
    autonamed: false,
  },
];

function at(inputs: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = inputs;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function labelProblems(record: RecordedResource): string[] {
  if (!record.type.startsWith("kubernetes:")) return [];
  const labels = at(record.inputs, ["metadata", "labels"]);
  if (labels === null || typeof labels !== "object") return [];
  return Object.entries(labels as Record<string, unknown>).flatMap(([key, value]) =>
    typeof value === "string" && value.length > 63
      ? [`${record.type} ${record.name}: label ${key}=${value} is ${value.length} characters, over 63`]
      : [],
  );
}

/** Every derived name over its object's limit, as `type logical-name: name: why`. */
export function nameLimitViolations(resources: readonly RecordedResource[]): string[] {
  return resources.flatMap((record) => {
    if (record.read) return [];
    const problems = labelProblems(record);
    for (const rule of RULES) {
      if (!rule.applies(record.type)) continue;
      const value = at(record.inputs, rule.field);
      const name =
        typeof value === "string"
          ? value
          : rule.autonamed
            ? `${record.name}-${"x".repeat(AUTONAME_SUFFIX - 1)}`
            : undefined;
      const why = name === undefined ? undefined : rule.check(name);
      if (why) problems.push(`${record.type} ${record.name}: ${JSON.stringify(name)}: ${why}`);
    }
    return problems;
  });
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const ALNUM = `${LETTERS}0123456789`;

/**
 * DNS labels of exactly `length` characters (the longest a field accepts): a letter first, then
 * letters, digits and '-', ending with a letter or digit.
 */
export function maxLabel(length: number): fc.Arbitrary<string> {
  const inner = fc.string({
    unit: fc.constantFrom(...`${ALNUM}-`),
    minLength: length - 2,
    maxLength: length - 2,
  });
  return fc
    .tuple(fc.constantFrom(...LETTERS), inner, fc.constantFrom(...ALNUM))
    .map(([first, middle, last]) => (length === 1 ? first : `${first}${middle}${last}`));
}

/** Evaluates the program with the config (sections as secret, as `--secret` would store them) and returns the violations. */
export async function derivedNameViolations(config: Record<string, unknown>): Promise<string[]> {
  const pulumiConfig = encodeProjectConfig(config);
  const { recorder } = await evaluateProgram({
    stack: "names",
    config: pulumiConfig,
    secretKeys: Object.keys(pulumiConfig),
  });
  assert.ok(recorder.resources.length > 0, "the maximal config registered nothing");
  return nameLimitViolations(recorder.resources);
}
