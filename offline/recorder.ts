/**
 * Records every resource the program registers under the mock runtime: type, name, engine-style
 * URN, inputs (secrets marked), parent, dependsOn, provider and resource options. Tests, the
 * offline synth and the policy helper all read these records.
 */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The wire marker Pulumi uses for a secret value inside a serialized property map. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  /** URN as the engine computes it (full parent type chain; the root stack is not part of it). */
  readonly urn: string;
  /** Inputs with secrets unwrapped; see `secretPaths`. */
  readonly inputs: Record<string, unknown>;
  /** Dotted paths into `inputs` whose values were secret. */
  readonly secretPaths: readonly string[];
  readonly parent?: string;
  readonly dependsOn: readonly string[];
  readonly provider?: string;
  readonly custom: boolean;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly ignoreChanges: readonly string[];
  readonly replaceOnChanges: readonly string[];
  /** Alias specs as given; the refactor-safety test reads them. */
  readonly aliases: readonly unknown[];
  /** True for `Resource.get` / StackReference reads. */
  readonly read: boolean;
  /** The URN the mock monitor assigned, which the SDK uses for parent links. */
  readonly mockUrn: string;
}

/** Minimal view of the protobuf requests we read; the SDK does not export their types for us. */
interface RegisterRequestLike {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom?(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  getProtect?(): boolean | undefined;
  getRetainondelete?(): boolean | undefined;
  getDeletebeforereplace?(): boolean;
  getIgnorechangesList?(): string[];
  getReplaceonchangesList?(): string[];
  getAliasesList?(): Array<{ toObject(): unknown }>;
  getAdditionalsecretoutputsList?(): string[];
  getObject?(): Struct | undefined;
  getProperties?(): Struct | undefined;
}

function unwrapSecrets(value: unknown, path: string, secrets: string[]): unknown {
  if (Array.isArray(value))
    return value.map((v, i) => unwrapSecrets(v, path ? `${path}[${i}]` : `[${i}]`, secrets));
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[SIG_KEY] === SECRET_SIG) {
      secrets.push(path);
      return unwrapSecrets(obj.value, path, []);
    }
    if (obj[SIG_KEY] === RESOURCE_SIG) return obj.urn;
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(obj))
      result[key] = unwrapSecrets(obj[key], path ? `${path}.${key}` : key, secrets);
    return result;
  }
  return value;
}

export class ResourceRecorder {
  private readonly byMockUrn = new Map<string, RecordedResource>();
  private readonly ordered: RecordedResource[] = [];

  constructor(
    private readonly project: string,
    private readonly stack: string,
  ) {}

  /** Resources in registration order. */
  get resources(): readonly RecordedResource[] {
    return this.ordered;
  }

  /** Looks a record up by the URN the SDK holds (parent, dependsOn and provider fields use these). */
  byUrn(urn: string): RecordedResource | undefined {
    return this.byMockUrn.get(urn) ?? this.ordered.find((r) => r.urn === urn);
  }

  ofType(type: string): RecordedResource[] {
    return this.ordered.filter((r) => r.type === type);
  }

  named(name: string): RecordedResource {
    const found = this.ordered.filter((r) => r.name === name);
    if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
    return found[0];
  }

  /** The chain of parents of a record, nearest first. */
  ancestors(record: RecordedResource): RecordedResource[] {
    const chain: RecordedResource[] = [];
    for (let parent = record.parent ? this.byUrn(record.parent) : undefined; parent;) {
      chain.push(parent);
      parent = parent.parent ? this.byUrn(parent.parent) : undefined;
    }
    return chain;
  }

  /** Records under a component whose type starts with `prefix` (a stack holds several systems). */
  within(prefix: string): RecordedResource[] {
    return this.ordered.filter((r) => this.ancestors(r).some((a) => a.type.startsWith(prefix)));
  }

  /** Records that go through the provider named `providerName`. */
  throughProvider(providerName: string): RecordedResource[] {
    const provider = this.ordered.find(
      (r) => r.name === providerName && r.type.startsWith("pulumi:providers:"),
    );
    return provider ? this.ordered.filter((r) => r.provider === provider.urn) : [];
  }

  /** Engine URN: children carry their parent's whole qualified type, joined with `$`. */
  private engineUrn(parentMockUrn: string, type: string, name: string): string {
    const parent = parentMockUrn ? this.byMockUrn.get(parentMockUrn) : undefined;
    const qualified =
      parent && parent.type !== "pulumi:pulumi:Stack" ? `${parent.urn.split("::")[2]}$${type}` : type;
    return `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`;
  }

  record(req: RegisterRequestLike, mockUrn: string, read: boolean): void {
    const secretPaths: string[] = [];
    const struct = read ? req.getProperties?.() : req.getObject?.();
    const inputs = unwrapSecrets(struct?.toJavaScript() ?? {}, "", secretPaths) as Record<string, unknown>;
    const mapUrn = (urn: string): string => this.byMockUrn.get(urn)?.urn ?? urn;
    const provider = req.getProvider();
    const record: RecordedResource = {
      type: req.getType(),
      name: req.getName(),
      urn: this.engineUrn(req.getParent(), req.getType(), req.getName()),
      inputs,
      secretPaths,
      parent: req.getParent() ? mapUrn(req.getParent()) : undefined,
      dependsOn: (req.getDependenciesList?.() ?? []).map(mapUrn),
      // Provider references are `urn::id`; keep the engine URN part.
      provider: provider ? mapUrn(provider.split("::").slice(0, -1).join("::")) : undefined,
      custom: read || req.getCustom?.() === true,
      protect: req.getProtect?.() === true,
      retainOnDelete: req.getRetainondelete?.() === true,
      deleteBeforeReplace: req.getDeletebeforereplace?.() === true,
      ignoreChanges: req.getIgnorechangesList?.() ?? [],
      replaceOnChanges: req.getReplaceonchangesList?.() ?? [],
      aliases: (req.getAliasesList?.() ?? []).map((a) => a.toObject()),
      read,
      mockUrn,
    };
    this.byMockUrn.set(mockUrn, record);
    this.ordered.push(record);
  }
}
