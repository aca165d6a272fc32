/**
 * Kubernetes objects in wire form: what the API server receives for a recorded resource's inputs.
 * The @pulumi/kubernetes SDK spells seven JSONSchemaProps keys with underscores; the provider
 * renames them back before every request, at every depth of the object, and leaves every other key
 * (`$ref` and `$schema` included) as spelled. Restated from underscoreToDashMap and
 * propMapToUnstructured (PropertyMap.MapRepl) in provider/pkg/provider/provider.go of
 * pulumi/pulumi-kubernetes at 94977969 (v4.32.0-27; the SDK here is 4.34.2, the map unchanged
 * since the keys were added).
 */

/** SDK input name to wire name, exactly the provider's list. */
export const SDK_TO_WIRE_KEYS: Readonly<Record<string, string>> = {
  x_kubernetes_embedded_resource: "x-kubernetes-embedded-resource",
  x_kubernetes_int_or_string: "x-kubernetes-int-or-string",
  x_kubernetes_list_map_keys: "x-kubernetes-list-map-keys",
  x_kubernetes_list_type: "x-kubernetes-list-type",
  x_kubernetes_map_type: "x-kubernetes-map-type",
  x_kubernetes_preserve_unknown_fields: "x-kubernetes-preserve-unknown-fields",
  x_kubernetes_validations: "x-kubernetes-validations",
};

/** Returns `value` with every object key renamed as the provider renames it; nothing else changes. */
export function toWireForm<T>(value: T): T {
  return rename(value) as T;
}

const RENAMES = new Map(Object.entries(SDK_TO_WIRE_KEYS));

function rename(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rename);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [RENAMES.get(key) ?? key, rename(inner)]),
  );
}
