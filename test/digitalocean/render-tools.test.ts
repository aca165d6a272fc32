/**
 * The NAT gateway renderers checked by the tools that consume their output: shellcheck, python3,
 * cloud-init schema, nft -c, and a real run of the setup script and health server in a namespace.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import {
  natPaths,
  renderHealthServer,
  renderHealthUnit,
  renderNatCloudInit,
  renderNatSetupScript,
  renderNatSetupUnit,
  renderReservedIpRouteTimer,
  renderReservedIpRouteUnit,
  type NatGatewayRenderInput,
} from "../../components/digitalocean/render";
import { need } from "../harness/tools";
import { inNamespace, mustInNamespace, run } from "./netns/run";
import { createSingleGateway, type SingleGateway } from "./netns/single-gateway";
import { sleep } from "./netns/measure";

const plain: NatGatewayRenderInput = {
  name: "gw-1",
  vpcCidr: "10.110.0.0/20",
  extraSourceCidrs: [],
  healthPort: 8080,
};
const variants: readonly NatGatewayRenderInput[] = [
  plain,
  {
    name: "prod-egress-gw-2",
    vpcCidr: "10.110.0.0/20",
    extraSourceCidrs: ["10.244.0.0/16"],
    healthPort: 9100,
  },
  {
    name: "gw-3",
    vpcCidr: "192.0.2.0/24",
    extraSourceCidrs: [],
    healthPort: 8080,
    egressViaReservedIp: true,
  },
];

function withTempDir<T>(body: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "fsdo-render-"));
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes each variant's rendering to a file and runs the consuming tool on it. */
function checkEachVariant(
  render: (input: NatGatewayRenderInput) => string,
  extension: string,
  command: readonly string[],
) {
  withTempDir((dir) => {
    for (const input of variants) {
      const file = join(dir, `${input.name}.${extension}`);
      writeFileSync(file, render(input));
      const result = run(command[0] ?? "", [...command.slice(1), file]);
      assert.equal(result.status, 0, `${input.name}: ${result.stdout}${result.stderr}`);
    }
  });
}

test("every rendered setup script passes shellcheck", (t) => {
  if (!need(t, { commands: ["shellcheck"] })) return;
  checkEachVariant(renderNatSetupScript, "sh", ["shellcheck", "--severity=style"]);
});

test("the health server compiles with python3", (t) => {
  if (!need(t, { commands: ["python3"] })) return;
  checkEachVariant(renderHealthServer, "py", ["python3", "-m", "py_compile"]);
});

test("the user-data passes cloud-init schema and carries exactly the rendered files", (t) => {
  if (!need(t, { commands: ["cloud-init"] })) return;
  withTempDir((dir) => {
    for (const input of variants) {
      const userData = renderNatCloudInit(input);
      assert.ok(userData.startsWith("#cloud-config\n"));
      const file = join(dir, `${input.name}.yaml`);
      writeFileSync(file, userData);
      const result = run("cloud-init", ["schema", "--config-file", file], { timeoutMs: 60_000 });
      assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
      assert.match(result.stdout, /Valid cloud-config/);

      const doc = parse(userData) as {
        packages: string[];
        write_files: { path: string; content: string; permissions: string }[];
        runcmd: string[][];
      };
      const files = new Map(doc.write_files.map((f) => [f.path, f]));
      assert.equal(files.get(natPaths.NAT_SETUP_PATH)?.content, renderNatSetupScript(input));
      assert.equal(files.get(natPaths.NAT_SETUP_PATH)?.permissions, "0755");
      assert.equal(files.get(natPaths.HEALTH_SERVER_PATH)?.content, renderHealthServer(input));
      const units: (readonly [string, (i: NatGatewayRenderInput) => string])[] = [
        [natPaths.NAT_SETUP_UNIT, renderNatSetupUnit],
        [natPaths.HEALTH_UNIT, renderHealthUnit],
        ...(input.egressViaReservedIp
          ? ([
              [natPaths.RESERVED_IP_ROUTE_UNIT, renderReservedIpRouteUnit],
              [natPaths.RESERVED_IP_ROUTE_TIMER, renderReservedIpRouteTimer],
            ] as const)
          : []),
      ];
      for (const [name, render] of units) {
        assert.equal(files.get(`${natPaths.SYSTEMD_DIR}/${name}`)?.content, render(input), name);
      }
      assert.equal(files.size, 2 + units.length, "no file beyond the two programs and their units");
      assert.ok(doc.packages.includes("nftables"));
      const enabled = units.map(([name]) => name).filter((name) => name !== natPaths.RESERVED_IP_ROUTE_UNIT);
      assert.deepEqual(doc.runcmd.at(-1), ["systemctl", "enable", "--now", ...enabled]);
    }
  });
});

test("the setup script detects interfaces, persists forwarding and drops public-to-VPC forwarding", () => {
  const script = renderNatSetupScript({ ...plain, extraSourceCidrs: ["10.244.0.0/16"] });
  assert.doesNotMatch(script, /eth0|eth1/, "interfaces are detected, never hard-coded");
  assert.match(script, /^set -euo pipefail$/m);
  assert.match(script, /ip -4 route show default/);
  assert.match(script, /SYSCTL_DIR="\$\{SYSCTL_DIR:-\/etc\/sysctl\.d\}"/);
  assert.match(script, /net\.ipv4\.ip_forward = 1/);
  assert.match(script, /policy drop;/);
  assert.match(script, /iifname "\$PUBLIC_IF" oifname "\$VPC_IF" counter drop/);
  assert.match(script, /readonly SOURCE_CIDRS=\('10\.110\.0\.0\/20' '10\.244\.0\.0\/16'\)/);
  assert.match(script, /readonly EGRESS_VIA_RESERVED_IP=0/);
  assert.match(renderNatSetupScript(variants[2]), /readonly EGRESS_VIA_RESERVED_IP=1/);
  // Reboots re-run the script: the unit is enabled for multi-user and ordered after nftables.service.
  const unit = renderNatSetupUnit(plain);
  assert.match(unit, /^ExecStart=\/usr\/local\/sbin\/failover-nat-setup$/m);
  assert.match(unit, /^After=network-online\.target nftables\.service$/m);
  assert.match(unit, /^WantedBy=multi-user\.target$/m);
  assert.match(renderHealthUnit(plain), /--port 8080 /);
});

test("renderers refuse values they would have to embed unchecked", () => {
  const bad: [Partial<NatGatewayRenderInput>, RegExp][] = [
    [{ name: "gw$(reboot)" }, /DNS label/],
    [{ vpcCidr: "10.110.0.5/20" }, /without host bits/],
    [{ vpcCidr: "fd00::/64" }, /IPv4/],
    [{ extraSourceCidrs: ["10.244.0.0/16'; rm -rf /'"] }, /network CIDR/],
    [{ healthPort: 0 }, /between 1 and 65535/],
    [{ healthPort: 8080.5 }, /integer/],
  ];
  for (const [override, message] of bad) {
    assert.throws(() => renderNatSetupScript({ ...plain, ...override }), message);
    assert.throws(() => renderNatCloudInit({ ...plain, ...override }), message);
  }
});

test("in a namespace the script finds its interfaces, passes nft -c, is idempotent and serves health", async (t) => {
  if (!need(t, { commands: ["ip", "nft", "python3", "curl"], root: true })) return;
  const prefix = `fsdo-r${process.pid % 100000}`;
  let fixture: SingleGateway | undefined;
  const dir = mkdtempSync(join(tmpdir(), "fsdo-render-"));
  let health: number | undefined;
  const input: NatGatewayRenderInput = {
    name: "gw-1",
    vpcCidr: "192.0.2.0/24",
    extraSourceCidrs: ["198.51.100.0/24"],
    healthPort: 8080,
  };
  try {
    // The public interface also holds a decoy address inside the VPC CIDR, like DigitalOcean's
    // anchor address: detection must still pick "private" as the VPC interface.
    const { gateway: ns, peer } = (fixture = createSingleGateway(prefix, {
      gatewayUplink: ["192.0.2.250/32"],
    }));

    const script = join(dir, "setup.sh");
    writeFileSync(script, renderNatSetupScript(input));
    const env = {
      PERSIST: "1",
      SYSCTL_DIR: join(dir, "sysctl.d"),
      STATE_DIR: join(dir, "state"),
      WAIT_SECONDS: "5",
    };

    const ruleset = mustInNamespace(ns, ["bash", script], { ...env, RULESET_ONLY: "1" });
    assert.match(ruleset, /public uplink, VPC private\./);
    const rulesetFile = join(dir, "ruleset.nft");
    writeFileSync(rulesetFile, ruleset);
    mustInNamespace(ns, ["nft", "-c", "-f", rulesetFile]);
    assert.equal(
      inNamespace(ns, ["nft", "list", "tables"]).stdout.trim(),
      "",
      "RULESET_ONLY changes nothing",
    );

    mustInNamespace(ns, ["bash", script], env);
    const first = mustInNamespace(ns, ["nft", "list", "ruleset"]);
    mustInNamespace(ns, ["bash", script], env);
    const second = mustInNamespace(ns, ["nft", "list", "ruleset"]);
    assert.equal(second, first, "a second run leaves the same ruleset");
    assert.equal(second.match(/^table /gm)?.length, 1);
    assert.match(second, /policy drop;/);
    assert.match(
      second,
      /oifname "uplink" ip saddr @egress_sources counter packets \d+ bytes \d+ masquerade/,
    );
    assert.match(second, /elements = \{ 192\.0\.2\.0\/24, 198\.51\.100\.0\/24 \}/);
    assert.equal(mustInNamespace(ns, ["sysctl", "-n", "net.ipv4.ip_forward"]).trim(), "1");
    assert.match(
      readFileSync(join(dir, "sysctl.d", "99-failover-nat.conf"), "utf8"),
      /^net\.ipv4\.ip_forward = 1$/m,
    );
    assert.equal(
      readFileSync(join(dir, "state", "env"), "utf8"),
      "PUBLIC_IF=uplink\nVPC_IF=private\nVPC_ADDRESS=192.0.2.11\n",
    );

    const server = join(dir, "health.py");
    writeFileSync(server, renderHealthServer(input));
    const child = spawn(
      "ip",
      ["netns", "exec", ns, "python3", server, "--state", join(dir, "state", "env")],
      { stdio: "ignore" },
    );
    health = child.pid;
    const url = "http://192.0.2.11:8080/healthz";
    let answer = inNamespace(peer, ["curl", "-sS", "--max-time", "1", "-w", " %{http_code}", url]);
    for (let attempt = 0; attempt < 50 && answer.status !== 0; attempt++) {
      await sleep(100);
      answer = inNamespace(peer, ["curl", "-sS", "--max-time", "1", "-w", " %{http_code}", url]);
    }
    assert.match(answer.stdout, /"healthy": true\} 200$/, answer.stderr);
    mustInNamespace(ns, ["nft", "delete", "table", "ip", natPaths.NFT_TABLE]);
    answer = inNamespace(peer, ["curl", "-sS", "--max-time", "1", "-w", " %{http_code}", url]);
    assert.match(answer.stdout, /"masquerade": false.*"healthy": false\} 503$/);
  } finally {
    if (health !== undefined) process.kill(health);
    fixture?.remove();
    rmSync(dir, { recursive: true, force: true });
  }
});
