import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gkeSchema } from "../../components/gcp/config";
import { backendPortOf } from "../../components/gcp/config-checks";
import {
  clusterLink,
  clusterResourceLink,
  isMembershipPath,
  membershipIdOf,
  normaliseMembership,
} from "../../components/gcp/names";
import { validGke } from "./fixtures";

describe("gke config", () => {
  test("the fixture parses, with Istio defaults filled in", () => {
    const config = gkeSchema.parse(validGke());
    assert.equal(config.mode, "mci");
    assert.deepEqual(config.healthCheck, { port: 15021, path: "/healthz/ready", protocol: "HTTP" });
    assert.deepEqual(config.staticIp, { create: true });
    assert.equal(config.clusters[0].membership.source, "create");
    assert.equal(config.service.ports[1].protocol, "TCP");
    assert.equal(backendPortOf(config)?.name, "http2", "the first port that is not the health port");
  });

  test("backendPort picks a named port", () => {
    const raw = validGke();
    (raw.service as Record<string, unknown>).backendPort = "https";
    assert.equal(backendPortOf(gkeSchema.parse(raw))?.name, "https");
  });
});

describe("fleet membership names", () => {
  const path = "projects/p-1/locations/global/memberships/gke-eu";

  test("strips the //gkehub.googleapis.com/ prefix that cluster.fleet returns", () => {
    assert.equal(normaliseMembership(`//gkehub.googleapis.com/${path}`), path);
    assert.equal(normaliseMembership(`https://gkehub.googleapis.com/v1/${path}`), path);
    assert.equal(normaliseMembership(path), path, "already normal: unchanged");
    assert.equal(
      normaliseMembership("//gkehub.googleapis.com/projects/123/locations/europe-west1/memberships/gke-eu"),
      "projects/123/locations/europe-west1/memberships/gke-eu",
      "regional memberships keep their location",
    );
    assert.equal(membershipIdOf(`//gkehub.googleapis.com/${path}`), "gke-eu");
  });

  test("rejects what is not a membership", () => {
    for (const bad of [
      "gke-eu",
      "//container.googleapis.com/projects/p/locations/l/clusters/c",
      "projects/p/locations/global/memberships/",
      "projects/p/locations/global/memberships/a/b",
      "",
    ]) {
      assert.throws(() => normaliseMembership(bad), /not a fleet membership/, bad);
      assert.equal(isMembershipPath(bad), false);
    }
  });

  test("cluster links", () => {
    assert.equal(
      clusterResourceLink("p-1", "us-central1-b", "gke-us"),
      "//container.googleapis.com/projects/p-1/locations/us-central1-b/clusters/gke-us",
    );
    assert.equal(clusterLink("us-central1-b", "gke-us"), "us-central1-b/gke-us");
  });
});
