/**
 * Reading resource inputs that may be unknown: under `pulumi preview` the policy SDK wraps inputs
 * in a proxy that throws UnknownValueError on a value the cloud has not assigned yet.
 */
import * as policy from "@pulumi/policy";

/** Exported by the SDK at run time, but its typings (proxy.d.ts) declare nothing. */
const { UnknownValueError } = policy as unknown as { UnknownValueError: new (...args: never[]) => Error };

/** The value, or undefined when it is unknown during preview (the caller decides what that means). */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (err instanceof UnknownValueError) return undefined;
    throw err;
  }
}

/**
 * The known elements of a list: unknown ones are dropped, and an unknown or non-list value gives [].
 * Elements are read one by one: Array methods on the preview proxy would throw past `known`.
 */
export function knownItems(read: () => unknown): unknown[] {
  const value = known(read);
  if (!Array.isArray(value)) return [];
  const items: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const item = known((): unknown => value[i]);
    if (item !== undefined) items.push(item);
  }
  return items;
}
