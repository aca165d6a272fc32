/**
 * Container image references, parsed once for config, components and the policy pack. The grammar
 * is the one container runtimes use (distribution/reference): `[registry/]path[:tag][@digest]`, a
 * first path part with a `.` or `:` (or `localhost`) being the registry. Only sha256 digests are
 * accepted: that is what registries serve and what `crane digest`/`skopeo inspect` print.
 */
import { z } from "zod";
import { problem } from "./config-errors";

export const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
const PATH_PART = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const REGISTRY =
  /^(?:localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|[A-Za-z0-9-]+:[0-9]+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+:[0-9]+)$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export interface ImageRef {
  /** `registry.example.com:5000`, or undefined for Docker Hub's implicit registry. */
  readonly registry?: string;
  /** Repository path inside the registry, e.g. `ingress-nginx/controller`. */
  readonly path: string;
  /** Tag, e.g. `v1.15.1`; absent when only the digest names the image. */
  readonly tag?: string;
  /** `sha256:<64 hex>`; when present the runtime pulls exactly these bytes, whatever the tag says. */
  readonly digest?: string;
}

export type ParsedImageRef =
  | { readonly ok: true; readonly ref: ImageRef }
  | { readonly ok: false; readonly what: string; readonly fix: string };

const EXAMPLE = "registry.k8s.io/ingress-nginx/controller:v1.15.1@sha256:<64 hex digits>";

export function parseImageRef(text: string): ParsedImageRef {
  const fail = (what: string): ParsedImageRef => ({ ok: false, what, fix: `write it as ${EXAMPLE}` });
  const at = text.indexOf("@");
  const named = at === -1 ? text : text.slice(0, at);
  const digest = at === -1 ? undefined : text.slice(at + 1);
  if (digest !== undefined && !SHA256_DIGEST.test(digest))
    return fail("the part after @ is not a sha256 digest (sha256: and 64 lowercase hex digits)");
  const parts = named.split("/");
  const first = parts[0] ?? "";
  const hasRegistry =
    parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasRegistry && !REGISTRY.test(first)) return fail(`${first} is not a registry host`);
  const rest = hasRegistry ? parts.slice(1) : parts;
  const last = rest[rest.length - 1] ?? "";
  const colon = last.indexOf(":");
  const tag = colon === -1 ? undefined : last.slice(colon + 1);
  const pathParts = [...rest.slice(0, -1), colon === -1 ? last : last.slice(0, colon)];
  if (pathParts.some((p) => !PATH_PART.test(p))) return fail("not an image reference");
  if (tag !== undefined && !TAG.test(tag)) return fail(`${tag} is not an image tag`);
  return {
    ok: true,
    ref: {
      ...(hasRegistry ? { registry: first } : {}),
      path: pathParts.join("/"),
      ...(tag !== undefined ? { tag } : {}),
      ...(digest !== undefined ? { digest } : {}),
    },
  };
}

/** For references validated already (constants, parsed config): a failure is a bug, not bad input. */
export function requireImageRef(text: string): ImageRef {
  const parsed = parseImageRef(text);
  if (!parsed.ok) throw new Error(`image ${text} was validated but does not parse: ${parsed.what}`);
  return parsed.ref;
}

export function formatImageRef(ref: ImageRef): string {
  const name = ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
  return `${name}${ref.tag !== undefined ? `:${ref.tag}` : ""}${ref.digest !== undefined ? `@${ref.digest}` : ""}`;
}

/** Pinned to bytes: a republished tag cannot change what runs. Unparsable text is not pinned. */
export function isPinnedByDigest(text: string): boolean {
  const parsed = parseImageRef(text);
  return parsed.ok && parsed.ref.digest !== undefined;
}

/** How an operator finds the digest of a tag they already trust. */
export function digestLookupFix(image: string): string {
  return (
    `look up the digest of the tag you tested with \`crane digest ${image}\` or ` +
    `\`skopeo inspect --format '{{.Digest}}' docker://${image}\`, and write it as sha256:<64 hex digits>`
  );
}

/** The config message when production meets an image without a digest. */
export function productionDigestMessage(image: string, runsAs: string): string {
  return problem(
    `production pulls images by digest, and ${image} has none (the image runs ${runsAs}; whoever can ` +
      "republish the tag would run code there)",
    digestLookupFix(image),
  );
}

/** A `sha256:` digest config value. */
export const digestSchema = z.string().regex(SHA256_DIGEST, {
  error: problem("not an image digest", "write sha256: followed by 64 lowercase hex digits"),
});

/** A whole image reference config value: `[registry/]path[:tag][@sha256:...]`, never `latest`. */
export const imageRefSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseImageRef(value);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: problem(parsed.what, parsed.fix) });
  else if (parsed.ref.tag === undefined && parsed.ref.digest === undefined)
    ctx.addIssue({
      code: "custom",
      message: problem(
        "the image has neither a tag nor a digest (it would mean latest)",
        `write it as ${EXAMPLE}`,
      ),
    });
  else if (parsed.ref.tag === "latest" && parsed.ref.digest === undefined)
    ctx.addIssue({
      code: "custom",
      message: problem(
        "latest is not a pinned tag",
        "write the release you tested, plus its @sha256: digest",
      ),
    });
});
