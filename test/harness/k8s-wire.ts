/**
 * Checks that a manifest is in wire form, the way the API server reads it with strict field
 * validation (kubectl's default): no SDK input spelling anywhere, and in a CRD's schemas only the
 * keys JSONSchemaProps has. kubernetes-models' own CRD validator ignores unknown keys, so it alone
 * would pass `x_kubernetes_preserve_unknown_fields`, which the server drops (or, strict, refuses).
 */
import type { IJSONSchemaProps } from "kubernetes-models/apiextensions.k8s.io/v1/JSONSchemaProps";
import { SDK_TO_WIRE_KEYS } from "../../scripts/synth/wire";
import type { Manifest } from "./k8s-schema";

/**
 * Every wire key of JSONSchemaProps. The type makes tsc check the list against kubernetes-models'
 * interface both ways: a missing key and an extra key are compile errors.
 */
const SCHEMA_KEYS: Record<keyof IJSONSchemaProps, true> = {
  $ref: true,
  $schema: true,
  additionalItems: true,
  additionalProperties: true,
  allOf: true,
  anyOf: true,
  default: true,
  definitions: true,
  dependencies: true,
  description: true,
  enum: true,
  example: true,
  exclusiveMaximum: true,
  exclusiveMinimum: true,
  externalDocs: true,
  format: true,
  id: true,
  items: true,
  maxItems: true,
  maxLength: true,
  maxProperties: true,
  maximum: true,
  minItems: true,
  minLength: true,
  minProperties: true,
  minimum: true,
  multipleOf: true,
  not: true,
  nullable: true,
  oneOf: true,
  pattern: true,
  patternProperties: true,
  properties: true,
  required: true,
  title: true,
  type: true,
  uniqueItems: true,
  "x-kubernetes-embedded-resource": true,
  "x-kubernetes-int-or-string": true,
  "x-kubernetes-list-map-keys": true,
  "x-kubernetes-list-type": true,
  "x-kubernetes-map-type": true,
  "x-kubernetes-preserve-unknown-fields": true,
  "x-kubernetes-validations": true,
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** Paths of keys spelled the SDK's way (`x_kubernetes_*`), at any depth. */
export function sdkSpelledKeys(value: unknown, at = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => sdkSpelledKeys(v, `${at}[${i}]`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k in SDK_TO_WIRE_KEYS || /^x_kubernetes_/.test(k) ? [`${at}.${k}`] : []),
    ...sdkSpelledKeys(v, `${at}.${k}`),
  ]);
}

/** Keys of a JSONSchemaProps node and its sub-schemas that JSONSchemaProps does not have. */
export function unknownSchemaKeys(schema: unknown, at: string): string[] {
  if (!isObject(schema)) return [];
  const found = Object.keys(schema)
    .filter((k) => !(k in SCHEMA_KEYS))
    .map((k) => `${at}.${k}`);
  const sub = (value: unknown, path: string): string[] =>
    Array.isArray(value)
      ? value.flatMap((v, i) => unknownSchemaKeys(v, `${path}[${i}]`))
      : unknownSchemaKeys(value, path);
  const mapOf = (value: unknown, path: string): string[] =>
    isObject(value) ? Object.entries(value).flatMap(([k, v]) => sub(v, `${path}.${k}`)) : [];
  return [
    ...found,
    ...["items", "additionalItems", "additionalProperties", "not", "allOf", "anyOf", "oneOf"].flatMap((k) =>
      sub(schema[k], `${at}.${k}`),
    ),
    ...["properties", "patternProperties", "definitions", "dependencies"].flatMap((k) =>
      mapOf(schema[k], `${at}.${k}`),
    ),
  ];
}

/** Throws, naming every offending path, unless `manifest` is what the API server accepts as written. */
export function assertWireForm(manifest: Manifest, label: string): void {
  const problems = sdkSpelledKeys(manifest).map((p) => `${p}: SDK spelling, not a wire name`);
  if (manifest.kind === "CustomResourceDefinition") {
    const versions = ((manifest.spec as Json | undefined)?.versions ?? []) as Json[];
    versions.forEach((version, i) => {
      const schema = (version.schema as Json | undefined)?.openAPIV3Schema;
      problems.push(
        ...unknownSchemaKeys(schema, `.spec.versions[${i}].schema.openAPIV3Schema`).map(
          (p) => `${p}: not a JSONSchemaProps field`,
        ),
      );
    });
  }
  if (problems.length > 0) throw new Error(`${label} is not in wire form:\n  ${problems.join("\n  ")}`);
}
