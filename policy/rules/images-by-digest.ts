/**
 * Production pulls images by digest: a tag can be republished, a digest cannot, and the images
 * this repository deploys run privileged or on the host network (ipfailover, the static-route
 * operator) or hold every TLS key (the ingress controllers). Checked: the containers of every pod
 * spec (Deployments, DaemonSets, ...) and the `image` entries of Helm release values.
 *
 * A resource is production's when its metadata (pod workloads) or its chart's `commonLabels` (Helm
 * releases) carry `failover-stacks.io/production: "true"`, which the components set from the
 * stack's `production` flag; the rule config `production: true` makes every resource count (for
 * stacks whose workloads come from elsewhere). A value unknown during preview is skipped, not
 * guessed: `pulumi up` checks it again once it is known.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isPinnedByDigest, SHA256_DIGEST } from "../../components/shared/image-ref";
import { PRODUCTION_LABEL } from "../../components/shared/production-label";
import { known, knownItems } from "./known";
import { podSpecOf } from "./pod-specs";

type Props = Record<string, unknown>;

export const HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";

/** Charts whose default controller image carries no digest: the values must name one. */
const CHARTS_UNPINNED_BY_DEFAULT: Readonly<Record<string, string>> = { traefik: "image" };

const obj = (value: unknown): Props | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : undefined;

function markedProduction(labels: unknown): boolean {
  return known(() => obj(labels)?.[PRODUCTION_LABEL]) === "true";
}

interface Finding {
  readonly where: string;
  readonly image: string;
}

/** Container images of a pod spec that are strings and not pinned by digest. */
function podFindings(podSpec: Props): Finding[] {
  const findings: Finding[] = [];
  for (const key of ["initContainers", "containers", "ephemeralContainers"]) {
    knownItems(() => podSpec[key]).forEach((raw, i) => {
      const container = obj(raw);
      const image = known(() => container?.image);
      const name = known(() => container?.name);
      if (typeof image === "string" && !isPinnedByDigest(image))
        findings.push({ where: `${key}[${typeof name === "string" ? name : i}]`, image });
    });
  }
  return findings;
}

const IMAGE_FIELDS = ["registry", "repository", "image", "tag", "digest"];

/** A chart image entry: a reference string, or an object of {registry, image|repository, tag, digest}. */
function isImageEntry(value: unknown): boolean {
  const fields = obj(value);
  return typeof value === "string" || (fields !== undefined && IMAGE_FIELDS.some((k) => k in fields));
}

/** Pinned when the entry has a sha256 digest, or a digest suffix on its tag or repository. */
function imageEntryPinned(entry: unknown): boolean {
  if (typeof entry === "string") return isPinnedByDigest(entry);
  const fields = obj(entry) ?? {};
  const digest = known(() => fields.digest);
  if (typeof digest === "string") return SHA256_DIGEST.test(digest);
  return ["tag", "repository", "image"].some((k) => {
    const text = known(() => fields[k]);
    return typeof text === "string" && /@sha256:[a-f0-9]{64}$/.test(text);
  });
}

function describeEntry(entry: unknown): string {
  if (typeof entry === "string") return entry;
  const fields = obj(entry) ?? {};
  const part = (k: string) => known(() => fields[k]);
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const name = [text(part("registry")), text(part("repository")) || text(part("image"))]
    .filter((p) => p !== "")
    .join("/");
  return `${name || "(chart default)"}:${text(part("tag")) || "(chart default)"}`;
}

/** Every `image` key in a values tree whose value is not pinned by digest. */
function valuesFindings(values: unknown, path: string): Finding[] {
  const tree = known(() => obj(values));
  if (!tree) return [];
  const findings: Finding[] = [];
  for (const key of Object.keys(tree)) {
    const value = known(() => tree[key]);
    if (value === undefined) continue;
    const here = path === "" ? key : `${path}.${key}`;
    if (key === "image" && isImageEntry(value)) {
      if (!imageEntryPinned(value)) findings.push({ where: `values.${here}`, image: describeEntry(value) });
    } else if (obj(value)) findings.push(...valuesFindings(value, here));
  }
  return findings;
}

function releaseFindings(props: Props): Finding[] {
  const values = known(() => obj(props.values)) ?? {};
  const findings = valuesFindings(values, "");
  const chart = known(() => props.chart);
  const required = typeof chart === "string" ? CHARTS_UNPINNED_BY_DEFAULT[chart] : undefined;
  if (required !== undefined && known(() => values[required]) === undefined)
    findings.push({ where: `values.${required}`, image: `(the ${String(chart)} chart's default, a tag)` });
  return findings;
}

export const imagesByDigest: ResourceValidationPolicy = {
  name: "images-by-digest",
  description:
    "Production workloads and Helm releases pull every image by digest (@sha256:...), never by a tag alone.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      production: { type: "boolean", default: false, description: "Treat every resource as production's." },
    },
  },
  validateResource: (args, reportViolation) => {
    const props = args.props as Props;
    const { production: forced = false } = args.getConfig<{ production?: boolean }>();
    let findings: Finding[];
    if (args.type === HELM_RELEASE_TYPE) {
      const production = forced || markedProduction(known(() => obj(props.values)?.commonLabels));
      if (!production) return;
      findings = releaseFindings(props);
    } else {
      const podSpec = known(() => podSpecOf(args.type, props));
      if (!podSpec) return;
      const production = forced || markedProduction(known(() => obj(props.metadata)?.labels));
      if (!production) return;
      findings = podFindings(podSpec);
    }
    for (const finding of findings) {
      reportViolation(
        `${args.name} pulls ${finding.image} (${finding.where}) by tag in production; a republished tag ` +
          "would run other code. Pin it: find the digest with `crane digest <image>:<tag>` or " +
          "`skopeo inspect --format '{{.Digest}}' docker://<image>:<tag>` and set the image's digest " +
          "config key (see docs/policies.md).",
      );
    }
  },
};
