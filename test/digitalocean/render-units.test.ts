/**
 * The systemd units checked by systemd-analyze, and the reserved-IP default-route sync run for
 * real in a namespace against a stand-in metadata service on 169.254.169.254.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import {
  natPaths,
  renderHealthServer,
  renderCheckTimer,
  renderCheckUnit,
  renderHealthUnit,
  renderNatSetupScript,
  renderNatSetupUnit,
  renderReservedIpRouteTimer,
  renderReservedIpRouteUnit,
  natGatewayRenderInput,
} from "../../components/digitalocean/render";
import { need } from "../harness/tools";
import { sleep } from "../../lab/digitalocean/measure";
import { inNamespace, mustInNamespace, NETNS_DIR, run } from "../../lab/digitalocean/run";
import { createSingleGateway, type SingleGateway } from "../../lab/digitalocean/single-gateway";

const reservedIpInput = natGatewayRenderInput({
  name: "gw-1",
  vpcCidr: "192.0.2.0/24",
  extraSourceCidrs: [],
  healthPort: 8080,
  egressViaReservedIp: true,
});

test("systemd-analyze verify accepts every unit, with and without the reserved-IP timer", (t) => {
  if (!need(t, { commands: ["systemd-analyze", "python3"] })) return;
  for (const input of [
    natGatewayRenderInput({ ...reservedIpInput, egressViaReservedIp: false }),
    reservedIpInput,
  ]) {
    const dir = mkdtempSync(join(tmpdir(), "fsdo-units-"));
    try {
      // verify insists that ExecStart programs exist: point them at temp copies of the real ones.
      const setup = join(dir, "failover-nat-setup");
      const health = join(dir, "failover-nat-health");
      writeFileSync(setup, renderNatSetupScript(input));
      writeFileSync(health, renderHealthServer(input));
      chmodSync(setup, 0o755);
      chmodSync(health, 0o755);
      const units: [string, string][] = [
        [natPaths.NAT_SETUP_UNIT, renderNatSetupUnit(input)],
        [natPaths.HEALTH_UNIT, renderHealthUnit(input)],
        [natPaths.CHECK_UNIT, renderCheckUnit(input)],
        [natPaths.CHECK_TIMER, renderCheckTimer(input)],
      ];
      if (input.egressViaReservedIp) {
        units.push([natPaths.RESERVED_IP_ROUTE_UNIT, renderReservedIpRouteUnit(input)]);
        units.push([natPaths.RESERVED_IP_ROUTE_TIMER, renderReservedIpRouteTimer(input)]);
      }
      const files = units.map(([name, text]) => {
        const file = join(dir, name);
        writeFileSync(
          file,
          text.replaceAll(natPaths.NAT_SETUP_PATH, setup).replaceAll(natPaths.HEALTH_SERVER_PATH, health),
        );
        return file;
      });
      const result = run("systemd-analyze", ["verify", ...files]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(`${result.stdout}${result.stderr}`.trim(), "", "no warnings");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test("the health server runs as a dynamic user without capabilities; systemd-analyze security rates both units OK", (t) => {
  if (!need(t, { commands: ["systemd-analyze"] })) return;
  const dir = mkdtempSync(join(tmpdir(), "fsdo-security-"));
  try {
    for (const input of [
      reservedIpInput,
      natGatewayRenderInput({ ...reservedIpInput, healthPort: 80, healthCidrs: ["192.0.2.8/29"] }),
    ]) {
      const health = renderHealthUnit(input);
      assert.match(health, /^DynamicUser=yes$/m);
      assert.doesNotMatch(health, /^User=root$/m);
      // Only a port below 1024 needs a capability, and then only that one.
      const caps = input.healthPort < 1024 ? "CAP_NET_BIND_SERVICE" : "";
      assert.match(health, new RegExp(`^CapabilityBoundingSet=${caps}$`, "m"));
      assert.match(health, new RegExp(`^AmbientCapabilities=${caps}$`, "m"));
      assert.match(health, /^IPAddressDeny=any$/m);
      assert.match(
        health,
        new RegExp(`^IPAddressAllow=${(input.healthCidrs ?? [input.vpcCidr]).join(" ")}$`, "m"),
      );
      assert.match(renderCheckUnit(input), /^CapabilityBoundingSet=CAP_NET_ADMIN$/m);
      // Exposure is 0-10 (shown) and compared x10 by --threshold: at most 2.0 for the server, 2.5
      // for the root check (it keeps CAP_NET_ADMIN and netlink to read nftables).
      for (const [name, text, threshold] of [
        [natPaths.HEALTH_UNIT, health, 20],
        [natPaths.CHECK_UNIT, renderCheckUnit(input), 25],
      ] as const) {
        const file = join(dir, name);
        writeFileSync(file, text);
        const result = run("systemd-analyze", [
          "security",
          "--offline=true",
          `--threshold=${threshold}`,
          file,
        ]);
        assert.equal(
          result.status,
          0,
          `${name} port ${input.healthPort}: ${result.stdout
            .split("\n")
            .filter((l) => l.includes("✗") || l.includes("Overall"))
            .join("\n")}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the default route follows the reserved IP assignment, read from the metadata service", async (t) => {
  if (!need(t, { commands: ["ip", "nft", "python3", "curl"], root: true })) return;
  const prefix = `fsdo-u${process.pid % 100000}`;
  const ns = prefix;
  const peer = `${prefix}-peer`;
  let fixture: SingleGateway | undefined;
  const dir = mkdtempSync(join(tmpdir(), "fsdo-reserved-"));
  let metadata: ChildProcess | undefined;
  const setMetadata = (path: string, value: string) => {
    const file = join(dir, "www", "metadata", "v1", path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, value);
  };
  const defaultVia = () =>
    /default via (\S+)/.exec(mustInNamespace(ns, ["ip", "-4", "route", "show", "default"]))?.[1];
  try {
    // The public interface also carries the anchor address, whose gateway the peer answers for,
    // and the peer stands in for the metadata service.
    fixture = createSingleGateway(prefix, {
      gatewayUplink: ["198.51.100.5/28"],
      peerUplink: ["198.51.100.1/28"],
      peerLoopback: ["169.254.169.254/32"],
    });

    setMetadata("interfaces/public/0/ipv4/gateway", "203.0.113.1");
    setMetadata("interfaces/public/0/anchor_ipv4/gateway", "198.51.100.1");
    setMetadata("reserved_ip/ipv4/active", "false");
    metadata = spawn(
      "ip",
      [
        "netns",
        "exec",
        peer,
        "python3",
        join(NETNS_DIR, "test-http.py"),
        "files",
        "169.254.169.254",
        "80",
        join(dir, "www"),
      ],
      { stdio: "ignore" },
    );
    const probe = [
      "curl",
      "-fsS",
      "--max-time",
      "1",
      "http://169.254.169.254/metadata/v1/reserved_ip/ipv4/active",
    ];
    for (let attempt = 0; attempt < 50 && inNamespace(ns, probe).status !== 0; attempt++) await sleep(100);

    const script = join(dir, "setup.sh");
    const env = { PERSIST: "0", STATE_DIR: join(dir, "state"), WAIT_SECONDS: "5" };
    writeFileSync(script, renderNatSetupScript(reservedIpInput));
    mustInNamespace(ns, ["bash", script], env);
    assert.equal(defaultVia(), "203.0.113.1", "no reserved IP yet: the droplet's own gateway stays");

    setMetadata("reserved_ip/ipv4/active", "true");
    mustInNamespace(ns, ["bash", script, "reserved-ip-route"], env);
    assert.equal(defaultVia(), "198.51.100.1", "reserved IP assigned: egress via the anchor gateway");
    const again = inNamespace(ns, ["bash", script, "reserved-ip-route"], env);
    assert.equal(again.status, 0);
    assert.doesNotMatch(again.stderr, /default route via/, "nothing to change on a second run");

    setMetadata("reserved_ip/ipv4/active", "false");
    mustInNamespace(ns, ["bash", script, "reserved-ip-route"], env);
    assert.equal(defaultVia(), "203.0.113.1", "reserved IP unassigned: back to the droplet's gateway");

    // Without the option the script never touches the route, whatever the metadata says.
    setMetadata("reserved_ip/ipv4/active", "true");
    const plainScript = join(dir, "plain.sh");
    writeFileSync(
      plainScript,
      renderNatSetupScript(natGatewayRenderInput({ ...reservedIpInput, egressViaReservedIp: false })),
    );
    mustInNamespace(ns, ["bash", plainScript], env);
    assert.equal(defaultVia(), "203.0.113.1");

    // With the metadata service gone the route is left alone and the run still succeeds.
    const gone = once(metadata, "exit");
    metadata.kill();
    await gone;
    const offline = inNamespace(ns, ["bash", script, "reserved-ip-route"], env);
    assert.equal(offline.status, 0, offline.stderr);
    assert.match(offline.stderr, /metadata service unreachable/);
    assert.equal(defaultVia(), "203.0.113.1");
  } finally {
    metadata?.kill();
    fixture?.remove();
    rmSync(dir, { recursive: true, force: true });
  }
});
