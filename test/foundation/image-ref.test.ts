/** The one image-reference parser (components/shared/image-ref.ts) that config and policy share. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { formatImageRef, isPinnedByDigest, parseImageRef } from "../../components/shared/image-ref";

const DIGEST = `sha256:${"0f".repeat(32)}`;

test("registry, path, tag and digest are told apart as container runtimes do", () => {
  assert.deepEqual(parseImageRef(`registry.k8s.io/ingress-nginx/controller:v1.15.1@${DIGEST}`), {
    ok: true,
    ref: { registry: "registry.k8s.io", path: "ingress-nginx/controller", tag: "v1.15.1", digest: DIGEST },
  });
  assert.deepEqual(parseImageRef("digitalocean/k8s-staticroute-operator:v1.0.0"), {
    ok: true,
    ref: { path: "digitalocean/k8s-staticroute-operator", tag: "v1.0.0" },
  });
  assert.deepEqual(parseImageRef("localhost:5000/a/b"), {
    ok: true,
    ref: { registry: "localhost:5000", path: "a/b" },
  });
  for (const bad of ["quay.io/X/y:1", "nginx:", "nginx@sha256:abc", "nginx:bad tag", "a//b:1"]) {
    assert.equal(parseImageRef(bad).ok, false, bad);
  }
});

test("only a sha256 digest pins; a tag, even one that looks like a digest, does not", () => {
  assert.equal(isPinnedByDigest(`quay.io/x/y:4.16@${DIGEST}`), true);
  assert.equal(isPinnedByDigest("quay.io/x/y:4.16"), false);
  assert.equal(isPinnedByDigest(`quay.io/x/y:sha256-${"0f".repeat(32)}`), false);
  assert.equal(isPinnedByDigest("not an image"), false);
});

test("format(parse(x)) is x for generated references", () => {
  const part = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,4})?$/);
  const reference = fc
    .record({
      registry: fc.option(fc.constantFrom("quay.io", "registry.k8s.io", "localhost:5000"), {
        nil: undefined,
      }),
      path: fc.array(part, { minLength: 1, maxLength: 3 }).map((p) => p.join("/")),
      tag: fc.option(fc.stringMatching(/^v?[0-9]{1,2}\.[0-9]{1,2}$/), { nil: undefined }),
      digest: fc.option(fc.constant(DIGEST), { nil: undefined }),
    })
    .map((r) => formatImageRef(r));
  fc.assert(
    fc.property(reference, (text) => {
      const parsed = parseImageRef(text);
      return parsed.ok && formatImageRef(parsed.ref) === text;
    }),
  );
});
