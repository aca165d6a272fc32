/**
 * Values not known until the cloud creates a resource, as a rule sees them in a first preview.
 *
 * The engine marshals an unknown input as one of these strings (sdk/go/common/resource/plugin/rpc.go,
 * marshalUnknownProperty; a program's unknowns are all strings, so in practice the first one).
 * @pulumi/policy 1.21.0 (proxy.js) wraps `props` in a proxy whose `get` throws UnknownValueError
 * on any of them, and the analyzer then reports the whole policy as "can't run during preview" at
 * advisory level, skipping everything it would still have checked. Rules read props through
 * `peek` (the proxy traps only `get`), check what is known and treat unknowns on purpose.
 */

/** The string sentinel: what an unknown program input arrives as. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every sentinel @pulumi/policy recognises (proxy.js: bool, number, string, array, asset, archive, object). */
export const UNKNOWN_SENTINELS: readonly string[] = [
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  UNKNOWN,
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];

export type Props = Record<string, unknown>;

export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && UNKNOWN_SENTINELS.includes(value);
}

/**
 * The own properties of `props` without the unknown-checking proxy: the values underneath, with
 * unknowns as sentinel strings. `getOwnPropertyDescriptor` is not trapped, so this reads the
 * proxy's target; nested values come back unproxied. Plain objects pass through unchanged.
 */
export function peek(props: unknown): Props {
  if (props === null || typeof props !== "object" || Array.isArray(props)) return {};
  const result: Props = {};
  for (const key of Object.keys(props)) {
    result[key] = Object.getOwnPropertyDescriptor(props, key)?.value;
  }
  return result;
}

/** Does `value` hold an unknown anywhere inside? */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}
