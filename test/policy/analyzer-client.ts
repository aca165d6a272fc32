/**
 * Serves a policy pack the way the Pulumi engine does and talks to it over pulumirpc.Analyzer.
 *
 * The engine starts `@pulumi/pulumi/cmd/run-policy-pack` (resolved from the pack's folder) with the
 * pack folder as working directory and the arguments `[engineAddress, ".", "-<option>=<value>"...]`
 * from PulumiPolicy.yaml's runtime options (pkg/resource/plugin analyzer_plugin.go,
 * NewPolicyAnalyzer), then reads the port the pack prints. Properties are marshalled as the engine
 * marshals them (rpc.go, MarshalProperties with KeepUnknowns and KeepSecrets): a google.protobuf.Struct,
 * unknowns as the unknown string sentinel (already in the inputs, see asFirstPreview), secrets as
 * `{<sig>: <secret sig>, value}`. The engine also sends each resource's provider; no rule reads it,
 * and the recorder does not keep provider inputs, so it is left out.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engine from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { EnforcementLevel } from "@pulumi/policy";
import assert from "node:assert/strict";
import { runPolicies, type PolicyConfig, type Violation } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import type { PreviewResource } from "../../offline/policy";
import { startPluginProcess } from "../../offline/plugin-process";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The pack typechecks its sources through ts-node at start: allow for a loaded machine. */
const START_TIMEOUT_MS = 240_000;

const LEVELS: Record<analyzer.EnforcementLevel, EnforcementLevel> = {
  [analyzer.EnforcementLevel.ADVISORY]: "advisory",
  [analyzer.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzer.EnforcementLevel.DISABLED]: "disabled",
  [analyzer.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_CODES = Object.fromEntries(
  Object.entries(LEVELS).map(([code, level]) => [level, Number(code) as analyzer.EnforcementLevel]),
) as Record<EnforcementLevel, analyzer.EnforcementLevel>;

function call<Res>(start: (cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown): Promise<Res> {
  return new Promise((resolve, reject) => start((err, res) => (err ? reject(err) : resolve(res))));
}

/** Re-wraps the values at `secretPaths` (the recorder's path syntax) in the secret signature. */
function marshal(value: unknown, at: string, secrets: ReadonlySet<string>): unknown {
  const inner = (): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => marshal(v, at ? `${at}[${i}]` : `[${i}]`, secrets));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, marshal(v, at ? `${at}.${k}` : k, secrets)]),
      );
    }
    return value;
  };
  return secrets.has(at) ? { [SIG_KEY]: SECRET_SIG, value: inner() } : inner();
}

export function wireProperties(resource: PreviewResource): Struct {
  const props = marshal(resource.inputs, "", new Set(resource.secretPaths));
  return Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]);
}

function options(resource: PreviewResource): analyzer.AnalyzerResourceOptions {
  const timeouts = new analyzer.AnalyzerResourceOptions.CustomTimeouts();
  return new analyzer.AnalyzerResourceOptions()
    .setProtect(resource.protect)
    .setIgnorechangesList([...resource.ignoreChanges])
    .setDeletebeforereplace(resource.deleteBeforeReplace)
    .setDeletebeforereplacedefined(resource.deleteBeforeReplace)
    .setCustomtimeouts(timeouts)
    .setParent(resource.parent ?? "");
}

/** A minimal pulumirpc.Engine on 127.0.0.1: keeps the log messages a pack sends. */
export async function startEngineStub(): Promise<{ address: string; logs: string[]; stop(): void }> {
  const logs: string[] = [];
  const server = new grpc.Server();
  server.addService(EngineService, {
    log: (c: grpc.ServerUnaryCall<engine.LogRequest, Empty>, cb: grpc.sendUnaryData<Empty>) => {
      logs.push(c.request.getMessage());
      cb(null, new Empty());
    },
    getRootResource: (_c: unknown, cb: grpc.sendUnaryData<engine.GetRootResourceResponse>) =>
      cb(null, new engine.GetRootResourceResponse()),
    setRootResource: (_c: unknown, cb: grpc.sendUnaryData<engine.SetRootResourceResponse>) =>
      cb(null, new engine.SetRootResourceResponse()),
    startDebugging: (_c: unknown, cb: grpc.sendUnaryData<Empty>) => cb(null, new Empty()),
    requirePulumiVersion: (_c: unknown, cb: grpc.sendUnaryData<Empty>) => cb(null, new Empty()),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { address: `127.0.0.1:${port}`, logs, stop: () => server.forceShutdown() };
}

export interface ServedPack {
  readonly client: AnalyzerClient;
  readonly stderr: () => string;
  stop(): void;
}

/** Starts `run-policy-pack` for the pack in `packDir` exactly as the engine does. */
export async function servePack(packDir: string, engineAddress: string): Promise<ServedPack> {
  const entry = createRequire(path.join(packDir, "package.json")).resolve(
    "@pulumi/pulumi/cmd/run-policy-pack",
  );
  const pack = await startPluginProcess(
    entry,
    [engineAddress, ".", "-typescript=true"],
    packDir,
    START_TIMEOUT_MS,
  );
  const client = new AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
  });
  return {
    client,
    stderr: pack.stderr,
    stop: () => {
      client.close();
      pack.child.kill();
    },
  };
}

export interface AnalyzerPolicy {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly configSchema?: Record<string, unknown>;
}

export async function analyzerInfo(
  client: AnalyzerClient,
): Promise<{ name: string; version: string; supportsConfig: boolean; policies: AnalyzerPolicy[] }> {
  const info = await call<analyzer.AnalyzerInfo>((cb) => client.getAnalyzerInfo(new Empty(), cb));
  return {
    name: info.getName(),
    version: info.getVersion(),
    supportsConfig: info.getSupportsconfig(),
    policies: info.getPoliciesList().map((p) => ({
      name: p.getName(),
      description: p.getDescription(),
      enforcementLevel: LEVELS[p.getEnforcementlevel()],
      configSchema: p.getConfigschema()?.getProperties()?.toJavaScript(),
    })),
  };
}

/**
 * Configure as the engine sends it: every configured policy with its enforcement level (the
 * configured one, else the policy's own) and its other properties.
 */
export async function configure(
  client: AnalyzerClient,
  config: PolicyConfig,
  policies: readonly AnalyzerPolicy[],
): Promise<void> {
  const request = new analyzer.ConfigureAnalyzerRequest();
  for (const [name, entry] of Object.entries(config)) {
    const { enforcementLevel, ...properties } = entry;
    const level =
      typeof enforcementLevel === "string"
        ? (enforcementLevel as EnforcementLevel)
        : (policies.find((p) => p.name === name)?.enforcementLevel ?? "advisory");
    const policyConfig = new analyzer.PolicyConfig()
      .setEnforcementlevel(LEVEL_CODES[level])
      .setProperties(Struct.fromJavaScript(properties as Parameters<typeof Struct.fromJavaScript>[0]));
    request.getPolicyconfigMap().set(name, policyConfig);
  }
  await call<Empty>((cb) => client.configure(request, cb));
}

/**
 * Diagnostics as Violations: the analyzer prefixes a reported message with the policy's
 * description (server.js, makeReportViolationFun), which the offline engine leaves out; a resource
 * diagnostic without a URN is the analyzed resource's, as the engine attributes it.
 */
function toViolations(
  response: analyzer.AnalyzeResponse,
  policies: readonly AnalyzerPolicy[],
  resourceUrn?: string,
): Violation[] {
  return response.getDiagnosticsList().map((d) => {
    const description = policies.find((p) => p.name === d.getPolicyname())?.description ?? "";
    const message = d.getMessage().startsWith(`${description}\n`)
      ? d.getMessage().slice(description.length + 1)
      : d.getMessage();
    return {
      policy: d.getPolicyname(),
      enforcementLevel: LEVELS[d.getEnforcementlevel()],
      urn: d.getUrn() || resourceUrn,
      message,
    };
  });
}

/** Analyze for every resource, then AnalyzeStack over all of them, as a preview does. */
export async function analyzeAll(
  client: AnalyzerClient,
  resources: readonly PreviewResource[],
  policies: readonly AnalyzerPolicy[],
): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const r of resources) {
    const request = new analyzer.AnalyzeRequest()
      .setType(r.type)
      .setName(r.name)
      .setUrn(r.urn)
      .setProperties(wireProperties(r))
      .setOptions(options(r));
    violations.push(
      ...toViolations(
        await call<analyzer.AnalyzeResponse>((cb) => client.analyze(request, cb)),
        policies,
        r.urn,
      ),
    );
  }
  const stack = new analyzer.AnalyzeStackRequest().setResourcesList(
    resources.map((r) =>
      new analyzer.AnalyzerResource()
        .setType(r.type)
        .setName(r.name)
        .setUrn(r.urn)
        .setProperties(wireProperties(r))
        .setOptions(options(r))
        .setParent(r.parent ?? "")
        .setDependenciesList([...r.dependsOn]),
    ),
  );
  violations.push(
    ...toViolations(await call<analyzer.AnalyzeResponse>((cb) => client.analyzeStack(stack, cb)), policies),
  );
  return violations;
}

const sorted = (violations: readonly Violation[]) =>
  violations.map((v) => JSON.stringify([v.policy, v.enforcementLevel, v.urn ?? null, v.message])).sort();

/**
 * Configures the served pack, analyzes `resources` and asserts the offline engine reports the same;
 * returns what the pack reported. A fresh analyzer starts with no config; sending the (possibly
 * empty) config for each case resets it the same way.
 */
export async function expectSameAsOffline(
  pack: ServedPack,
  policies: readonly AnalyzerPolicy[],
  resources: readonly PreviewResource[],
  config: PolicyConfig,
): Promise<Violation[]> {
  await configure(pack.client, config, policies);
  const served = await analyzeAll(pack.client, resources, policies);
  const offline = await runPolicies(allRules, resources, config);
  assert.deepEqual(sorted(served), sorted(offline), pack.stderr());
  return served;
}
