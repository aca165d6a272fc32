/**
 * Validates rendered Kubernetes manifests against the OpenAPI schemas shipped by
 * kubernetes-models (core/apps/rbac/...) and @kubernetes-models/gke (GKE CRDs). Kinds without a
 * published model (for example MultiClusterIngress) need a schema of our own: pass `extraModels`.
 */
import { toWireForm } from "../../scripts/synth/wire";
import type { RecordedResource } from "../../offline/recorder";

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

interface ModelClass {
  new (data: Manifest): { validate(): void };
}

/** Module paths to try for an apiVersion: core (`v1`) lives at the package root. */
function candidateModules(apiVersion: string): string[] {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return group === ""
    ? [`kubernetes-models/${version}`]
    : [`kubernetes-models/${group}/${version}`, `@kubernetes-models/gke/${group}/${version}`];
}

const modelCache = new Map<string, ModelClass | undefined>();

/**
 * Loads the model class for a kind. kubernetes-models 5 is ESM-only (its `exports` have only an
 * `import` condition), so this must use dynamic `import()`, never `require()`.
 */
export async function findModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const key = `${apiVersion}/${kind}`;
  if (modelCache.has(key)) return modelCache.get(key);
  let found: ModelClass | undefined;
  for (const modulePath of candidateModules(apiVersion)) {
    try {
      const mod = (await import(`${modulePath}/${kind}`)) as Record<string, ModelClass | undefined>;
      found = mod[kind];
      if (found) break;
    } catch {
      // Not in this package; try the next.
    }
  }
  modelCache.set(key, found);
  return found;
}

export type ExtraValidator = (manifest: Manifest) => void;

/**
 * Rejects with the schema's own message when the manifest is invalid, and when no schema is known
 * for its kind (an unvalidated manifest must not pass silently). `extraModels` covers kinds without a
 * published model, keyed `apiVersion/Kind`.
 */
export async function validateManifest(
  manifest: Manifest,
  extraModels: Record<string, ExtraValidator> = {},
): Promise<void> {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const extra = extraModels[key];
  if (extra) return extra(manifest);
  const Model = await findModel(manifest.apiVersion, manifest.kind);
  if (!Model) throw new Error(`no schema known for ${key}; add one to extraModels`);
  try {
    new Model(manifest).validate();
  } catch (err) {
    throw new Error(
      `${key} ${JSON.stringify(manifest.metadata?.name ?? "")} is invalid: ${(err as Error).message}`,
    );
  }
}

/**
 * The manifest a recorded `kubernetes:*` resource would apply (the SDK fills apiVersion and kind),
 * in wire form: the provider's renaming of SDK-spelled keys applied (scripts/synth/wire.ts).
 */
export function manifestOf(record: RecordedResource): Manifest {
  const { apiVersion, kind } = record.inputs as { apiVersion?: string; kind?: string };
  if (!apiVersion || !kind) throw new Error(`${record.urn} has no apiVersion/kind`);
  return toWireForm(record.inputs) as Manifest;
}

/** Every Kubernetes object (not providers, not Helm releases) among the recorded resources. */
export function kubernetesManifests(records: readonly RecordedResource[]): Manifest[] {
  return records
    .filter(
      // Reads (`Resource.get`) carry no manifest; Helm releases are values, not objects.
      (r) => r.type.startsWith("kubernetes:") && !r.read && !r.type.includes("helm"),
    )
    .map(manifestOf);
}

/** Preloads validators for `[apiVersion, kind]` pairs, so a test can then validate synchronously. */
export async function loadValidators(
  kinds: ReadonlyArray<readonly [apiVersion: string, kind: string]>,
): Promise<Record<string, ExtraValidator>> {
  const validators: Record<string, ExtraValidator> = {};
  for (const [apiVersion, kind] of kinds) {
    const Model = await findModel(apiVersion, kind);
    if (!Model) throw new Error(`no published model for ${apiVersion}/${kind}`);
    validators[`${apiVersion}/${kind}`] = (manifest) => {
      try {
        new Model(manifest).validate();
      } catch (err) {
        const name = JSON.stringify(manifest.metadata?.name ?? "");
        throw new Error(`${apiVersion}/${kind} ${name} is invalid: ${(err as Error).message}`);
      }
    };
  }
  return validators;
}

/** Synchronous validation with preloaded validators (see loadValidators); an unknown kind throws. */
export function validateWith(manifest: Manifest, validators: Record<string, ExtraValidator>): void {
  const validate = validators[`${manifest.apiVersion}/${manifest.kind}`];
  if (!validate)
    throw new Error(`no schema known for ${manifest.apiVersion}/${manifest.kind}; load it first`);
  validate(manifest);
}

/** Validates every manifest in turn (see validateManifest); rejects on the first invalid one. */
export async function validateManifests(
  manifests: readonly Manifest[],
  extraModels: Record<string, ExtraValidator> = {},
): Promise<void> {
  for (const manifest of manifests) await validateManifest(manifest, extraModels);
}
