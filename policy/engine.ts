/**
 * Runs policy rules against recorded resources, without the Pulumi engine. The same rule objects
 * are assembled into the real PolicyPack in index.ts, so what the tests and the offline synth check
 * is exactly what `pulumi preview --policy-pack policy` enforces. Rules see props the way the
 * analyzer gives them: behind @pulumi/policy's own unknown-checking proxy, and a rule that reads an
 * unknown is reported the way the analyzer reports it (advisory "can't run ... during preview").
 * test/policy/analyzer.test.ts checks that the real analyzer, over gRPC, reports the same.
 */
import * as policySdk from "@pulumi/policy";
import type {
  EnforcementLevel,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { PACK_NAME, PACK_VERSION } from "./identity";

/**
 * What @pulumi/policy 1.21.0 exports at runtime (index.js) but declares @internal, so its .d.ts
 * omits them: the proxy the analyzer wraps props in, and the error it throws on an unknown.
 */
interface PolicySdkInternals {
  unknownCheckingProxy<T extends object>(props: T): T;
  UnknownValueError: new (...args: never[]) => Error;
}
const sdk = policySdk as unknown as PolicySdkInternals;

export type Rule = ResourceValidationPolicy | StackValidationPolicy;

/** What a rule needs of a resource; RecordedResource from the offline evaluator (offline/recorder.ts) satisfies it. */
export interface PolicyInputResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly inputs: Record<string, unknown>;
  readonly parent?: string;
  readonly dependsOn: readonly string[];
  readonly provider?: string;
  readonly protect: boolean;
  readonly retainOnDelete?: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly ignoreChanges: readonly string[];
}

export interface Violation {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn?: string;
  readonly message: string;
}

/** Per-rule config, as `--policy-pack-config` would give it. */
export type PolicyConfig = Record<string, Record<string, unknown>>;

type Constructor = { new (...args: never[]): unknown; __pulumiType?: string };

function isType(type: string, resourceClass: Constructor): boolean {
  // The policy SDK compares the class's registered type token, exactly as here.
  return resourceClass.__pulumiType === type;
}

/** The URNs whose props were read since the last reset: which resources a rule looked into. */
class ReadTracker {
  readonly urns = new Set<string>();
  reset(): number {
    const count = this.urns.size;
    this.urns.clear();
    return count;
  }
}

function toPolicyResources(resources: readonly PolicyInputResource[], reads: ReadTracker): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const result = resources.map((r) => {
    const proxy = sdk.unknownCheckingProxy(r.inputs);
    const props = (): unknown => {
      reads.urns.add(r.urn);
      return proxy;
    };
    const policyResource = {
      type: r.type,
      urn: r.urn,
      name: r.name,
      opts: {
        protect: r.protect,
        ignoreChanges: [...r.ignoreChanges],
        deleteBeforeReplace: r.deleteBeforeReplace,
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: r.parent,
      },
      dependencies: [] as PolicyResource[],
      propertyDependencies: {},
      isType: (cls: Constructor) => isType(r.type, cls),
      asType: (cls: Constructor) => (isType(r.type, cls) ? props() : undefined),
    } as unknown as PolicyResource;
    // Not enumerable, so building a rule's args by spreading the resource reads nothing.
    Object.defineProperty(policyResource, "props", { get: props, enumerable: false });
    byUrn.set(r.urn, policyResource);
    return policyResource;
  });
  resources.forEach((r, i) => {
    const target = result[i] as { parent?: PolicyResource; dependencies: PolicyResource[] };
    target.parent = r.parent ? byUrn.get(r.parent) : undefined;
    target.dependencies = r.dependsOn
      .map((u) => byUrn.get(u))
      .filter((d): d is PolicyResource => d !== undefined);
  });
  return result;
}

function levelOf(rule: Rule, config: PolicyConfig): EnforcementLevel {
  const override = config[rule.name]?.enforcementLevel;
  return (
    typeof override === "string" ? override : (rule.enforcementLevel ?? "advisory")
  ) as EnforcementLevel;
}

/** What the analyzer reports when a rule read an unknown value (server.js, makeAnalyzeRpcFun). */
function unknownAdvisory(rule: Rule, err: Error, urn?: string): Violation {
  return {
    policy: rule.name,
    enforcementLevel: "advisory",
    urn,
    message:
      `can't run policy '${rule.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}' during preview: ` +
      err.message,
  };
}

/** What one rule did: its effective level, how many resources it read the properties of, what it found. */
export interface RuleResult {
  readonly name: string;
  readonly description: string;
  readonly kind: "resource" | "stack";
  readonly enforcementLevel: EnforcementLevel;
  /** Resources whose properties the rule read (a rule that filters by type reads only its own). */
  readonly resourcesRead: number;
  readonly violations: readonly Violation[];
}

/**
 * Runs every rule (resource and stack rules) and returns, per rule in pack order, what it did and
 * the violations in a stable order. A resource rule's violations carry the resource's URN; the
 * analyzer leaves it to the engine, which attributes them to the resource analyzed.
 */
export async function evaluatePolicies(
  rules: readonly Rule[],
  resources: readonly PolicyInputResource[],
  config: PolicyConfig = {},
): Promise<RuleResult[]> {
  const results: RuleResult[] = [];
  const reads = new ReadTracker();
  const policyResources = toPolicyResources(resources, reads);
  for (const rule of rules) {
    const level = levelOf(rule, config);
    const kind = "validateResource" in rule ? "resource" : "stack";
    const violations: Violation[] = [];
    const result = { name: rule.name, description: rule.description, kind, enforcementLevel: level } as const;
    if (level === "disabled") {
      results.push({ ...result, resourcesRead: 0, violations });
      continue;
    }
    reads.reset();
    const report =
      (urn?: string): ReportViolation =>
      (message: string, reportedUrn?: string) => {
        violations.push({ policy: rule.name, enforcementLevel: level, urn: reportedUrn ?? urn, message });
      };
    // As the analyzer's getConfig: the rule's properties, without enforcementLevel.
    const ruleConfig = Object.fromEntries(
      Object.entries(config[rule.name] ?? {}).filter(([k]) => k !== "enforcementLevel"),
    );
    if ("validateResource" in rule && rule.validateResource) {
      const validations = Array.isArray(rule.validateResource)
        ? rule.validateResource
        : [rule.validateResource];
      for (const resource of policyResources) {
        // A getter, not a spread: reading props is what counts the resource as read.
        const args = {
          ...resource,
          get props() {
            return resource.props;
          },
          stackTags: new Map<string, string>(),
          getConfig: <T extends object>() => ruleConfig as unknown as T,
          notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
          },
        } as unknown as ResourceValidationArgs;
        for (const validate of validations) {
          try {
            await validate(args, report(resource.urn));
          } catch (err) {
            if (err instanceof sdk.UnknownValueError)
              violations.push(unknownAdvisory(rule, err, resource.urn));
            else if (!(err instanceof NotApplicable)) throw err;
          }
        }
      }
    }
    if ("validateStack" in rule && rule.validateStack) {
      try {
        await rule.validateStack(
          {
            resources: policyResources,
            stackTags: new Map<string, string>(),
            getConfig: <T extends object>() => ruleConfig as unknown as T,
          } as unknown as Parameters<NonNullable<StackValidationPolicy["validateStack"]>>[0],
          report(),
        );
      } catch (err) {
        if (err instanceof sdk.UnknownValueError) violations.push(unknownAdvisory(rule, err));
        else throw err;
      }
    }
    results.push({ ...result, resourcesRead: reads.reset(), violations });
  }
  return results;
}

/** Every violation of every rule, in pack order. */
export async function runPolicies(
  rules: readonly Rule[],
  resources: readonly PolicyInputResource[],
  config: PolicyConfig = {},
): Promise<Violation[]> {
  return (await evaluatePolicies(rules, resources, config)).flatMap((r) => r.violations);
}

class NotApplicable extends Error {}

/** Mandatory violations fail a preview; advisory ones are printed. */
export function blocking(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => v.enforcementLevel === "mandatory");
}
