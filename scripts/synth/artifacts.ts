/**
 * Derives readable artifact files from recorded resource inputs: what a resource is given is what
 * the cloud or cluster will run, so nothing here re-renders anything.
 */
import { createHash } from "node:crypto";
import { parse } from "yaml";
import type { RecordedResource } from "../../offline/recorder";
import { redact, stableYaml } from "./stable";
import { toWireForm } from "./wire";

export interface Artifact {
  /** Path relative to out/<stack>/artifacts. */
  readonly path: string;
  readonly content: string;
  /** The resource it came from. */
  readonly urn: string;
}

/** The file name of an instance's whole user data under artifacts/instances/<name>/. */
export const USER_DATA_ARTIFACT = "user-data";

const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, "_");

/** Where an instance's whole user data goes, relative to artifacts/. */
export const userDataPath = (resourceName: string): string =>
  `instances/${safe(resourceName)}/${USER_DATA_ARTIFACT}`;

/** How resources.json references user data: the artifact file and its digest. */
export function userDataRef(artifactPath: string, content: string): { artifact: string; sha256: string } {
  return {
    artifact: `artifacts/${artifactPath}`,
    sha256: createHash("sha256").update(content).digest("hex"),
  };
}

interface WriteFile {
  path?: string;
  content?: string;
  encoding?: string;
}

function cloudInitArtifacts(record: RecordedResource, userData: string): Artifact[] {
  const base = `instances/${safe(record.name)}`;
  const artifacts: Artifact[] = [{ path: userDataPath(record.name), content: userData, urn: record.urn }];
  if (!userData.startsWith("#cloud-config")) return artifacts;
  const doc = parse(userData) as { write_files?: WriteFile[] } | null;
  for (const file of doc?.write_files ?? []) {
    if (!file.path || file.content === undefined) continue;
    const content =
      file.encoding === "b64" || file.encoding === "base64"
        ? Buffer.from(file.content, "base64").toString("utf8")
        : file.content;
    artifacts.push({ path: `${base}/files${file.path}`, content, urn: record.urn });
  }
  return artifacts;
}

/** Manifests are written as the API server receives them (`kubectl apply -f` gives the same). */
function kubernetesArtifacts(record: RecordedResource, providerName: string): Artifact[] {
  const inputs = toWireForm(redact(record.inputs, record.secretPaths));
  const kind = typeof inputs.kind === "string" ? inputs.kind : (record.type.split(":").pop() ?? "object");
  const metadata = (inputs.metadata ?? {}) as { name?: string; namespace?: string };
  const base = `kubernetes/${safe(providerName)}/${safe(kind.toLowerCase())}-${safe(metadata.namespace ?? "cluster")}-${safe(metadata.name ?? record.name)}`;
  const artifacts: Artifact[] = [{ path: `${base}.yaml`, content: stableYaml(inputs), urn: record.urn }];
  if (kind === "ConfigMap") {
    const data = (inputs.data ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value === "string")
        artifacts.push({ path: `${base}/${safe(key)}`, content: value, urn: record.urn });
    }
  }
  return artifacts;
}

function helmArtifacts(record: RecordedResource, providerName: string): Artifact[] {
  const inputs = redact(record.inputs, record.secretPaths);
  return [
    {
      path: `kubernetes/${safe(providerName)}/helm-${safe(record.name)}.values.yaml`,
      content: stableYaml(inputs.values ?? {}),
      urn: record.urn,
    },
  ];
}

/**
 * `redactSecrets` rewrites file contents (user data and its files may embed a generated secret,
 * such as a VRRP password, inline in keepalived.conf); the default keeps them as they are.
 */
export function deriveArtifacts(
  records: readonly RecordedResource[],
  redactSecrets: (content: string) => string = (content) => content,
): Artifact[] {
  const nameOf = (urn?: string): string =>
    urn ? (records.find((r) => r.urn === urn)?.name ?? "default") : "default";
  const artifacts: Artifact[] = [];
  for (const record of records) {
    const userData = record.inputs.userData;
    if (typeof userData === "string") artifacts.push(...cloudInitArtifacts(record, userData));
    if (record.type.startsWith("kubernetes:helm.sh/"))
      artifacts.push(...helmArtifacts(record, nameOf(record.provider)));
    // A read (`Resource.get`) sends nothing to the API server: no artifact.
    else if (record.type.startsWith("kubernetes:") && record.custom && !record.read) {
      artifacts.push(...kubernetesArtifacts(record, nameOf(record.provider)));
    }
  }
  return artifacts
    .map((a) => ({ ...a, content: redactSecrets(a.content) }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
