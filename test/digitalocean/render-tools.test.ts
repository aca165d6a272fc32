/**
 * The NAT gateway renderers checked by the tools that consume their output: shellcheck, python3,
 * cloud-init schema, nft -c, and a real run of the setup script and health server in a namespace.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import {
  natPaths,
  renderHealthServer,
  renderCheckTimer,
  renderCheckUnit,
  renderHealthUnit,
  renderNatCloudInit,
  SSH_UNITS,
  renderNatSetupScript,
  renderNatSetupUnit,
  renderReservedIpRouteTimer,
  renderReservedIpRouteUnit,
  natGatewayRenderInput,
  type NatGatewayRenderData,
  type NatGatewayRenderInput,
} from "../../components/digitalocean/render";
import { need } from "../harness/tools";
import { inNamespace, mustInNamespace, run, unprivileged } from "../../lab/digitalocean/run";
import { createSingleGateway, type SingleGateway } from "../../lab/digitalocean/single-gateway";
import { sleep } from "../../lab/digitalocean/measure";

const plainData: NatGatewayRenderData = {
  name: "gw-1",
  vpcCidr: "10.110.0.0/20",
  extraSourceCidrs: [],
  healthPort: 8080,
};
const plain = natGatewayRenderInput(plainData);
const variants: readonly NatGatewayRenderInput[] = [
  plain,
  natGatewayRenderInput({
    name: "prod-egress-gw-2",
    vpcCidr: "10.110.0.0/20",
    extraSourceCidrs: ["10.244.0.0/16"],
    healthPort: 9100,
    adminCidrs: ["198.51.100.128/28", "203.0.113.7/32"],
    healthCidrs: ["10.110.0.0/24"],
  }),
  natGatewayRenderInput({
    name: "gw-3",
    vpcCidr: "192.0.2.0/24",
    extraSourceCidrs: [],
    healthPort: 8080,
    egressViaReservedIp: true,
  }),
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
        ssh_pwauth: boolean;
        disable_root: boolean;
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
        [natPaths.CHECK_UNIT, renderCheckUnit],
        [natPaths.CHECK_TIMER, renderCheckTimer],
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
      const timerOnly = [natPaths.RESERVED_IP_ROUTE_UNIT, natPaths.CHECK_UNIT];
      const enabled = units.map(([name]) => name).filter((name) => !timerOnly.includes(name));
      assert.deepEqual(doc.runcmd.at(-1), ["systemctl", "enable", "--now", ...enabled]);
      // Keys only: no password login, and the password DigitalOcean emails for a keyless droplet is
      // locked (runcmd runs after cloud-init's password module). Without adminCidrs sshd is masked.
      assert.equal(doc.ssh_pwauth, false);
      assert.equal(doc.disable_root, false, "DigitalOcean puts the keys on root, the only user");
      assert.deepEqual(doc.runcmd[0], ["passwd", "--lock", "root"]);
      const masked = doc.runcmd.some((c) => c.join(" ") === `systemctl mask --now ${SSH_UNITS.join(" ")}`);
      assert.equal(masked, (input.adminCidrs ?? []).length === 0, `${input.name}: sshd masked iff no SSH`);
    }
  });
});

test("the setup script detects interfaces, persists forwarding and drops public-to-VPC forwarding", () => {
  const script = renderNatSetupScript(
    natGatewayRenderInput({ ...plainData, extraSourceCidrs: ["10.244.0.0/16"] }),
  );
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

test("render input is parsed once: values the renderers would embed unchecked are refused, naming the field", () => {
  const bad: [Partial<NatGatewayRenderData>, RegExp][] = [
    [{ name: "gw$(reboot)" }, /name = "gw\$\(reboot\)": not a DNS label/],
    [
      { vpcCidr: "10.110.0.5/20" },
      /vpcCidr = "10\.110\.0\.5\/20": the CIDR has host bits set\. Fix: use the network address: 10\.110\.0\.0\/20/,
    ],
    [{ vpcCidr: "fd00::/64" }, /vpcCidr = "fd00::\/64": IPv6 is not supported here/],
    [{ extraSourceCidrs: ["10.244.0.0/16'; rm -rf /'"] }, /extraSourceCidrs\[0\] = .*: not a CIDR/],
    [{ healthPort: 0 }, /healthPort = 0: not a TCP port\. Fix: use an integer between 1 and 65535/],
    [{ healthPort: 8080.5 }, /healthPort = 8080\.5: not a TCP port/],
    [{ adminCidrs: ["198.51.100.0/24; flush ruleset"] }, /adminCidrs\[0\] = .*: not a CIDR/],
    [{ healthCidrs: ["2001:db8::/64"] }, /healthCidrs\[0\] = .*: IPv6 is not supported here/],
  ];
  for (const [override, message] of bad) {
    assert.throws(() => natGatewayRenderInput({ ...plainData, ...override }), message);
  }
  // Every problem at once, and nothing else (the good fields are not mentioned).
  assert.throws(
    () => natGatewayRenderInput({ ...plainData, name: "GW", healthPort: -1 }),
    (err: Error) =>
      /: 2 problems\n  - name = "GW": not a DNS label.*\n  - healthPort = -1: not a TCP port/.test(
        err.message,
      ) && !err.message.includes("vpcCidr"),
  );
  // The parsed input is frozen, and only a parse makes one: the renderers take nothing else.
  assert.ok(Object.isFrozen(plain) && Object.isFrozen(variants[1].adminCidrs));
  // @ts-expect-error a plain object is not a parsed NatGatewayRenderInput
  const unparsed: NatGatewayRenderInput = { ...plainData };
  assert.equal(unparsed.name, "gw-1");
});

test("in a namespace the script finds its interfaces, passes nft -c, is idempotent and serves health", async (t) => {
  if (!need(t, { commands: ["ip", "nft", natPaths.HEALTH_PYTHON, "curl", "setpriv"], root: true })) return;
  const prefix = `fsdo-r${process.pid % 100000}`;
  let fixture: SingleGateway | undefined;
  const dir = mkdtempSync(join(tmpdir(), "fsdo-render-"));
  let health: ChildProcess | undefined;
  const input = natGatewayRenderInput({
    name: "gw-1",
    vpcCidr: "192.0.2.0/24",
    extraSourceCidrs: ["198.51.100.0/24"],
    healthPort: 8080,
  });
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
    // Admin and health sets both filled, and both empty (an empty set has no elements line).
    for (const [which, access] of [
      ["filled", { adminCidrs: ["203.0.113.0/28", "198.51.100.7/32"], healthCidrs: ["192.0.2.8/29"] }],
      ["empty", { adminCidrs: [], healthCidrs: [] }],
    ] as const) {
      const variant = join(dir, `setup-${which}.sh`);
      writeFileSync(variant, renderNatSetupScript(natGatewayRenderInput({ ...input, ...access })));
      const text = mustInNamespace(ns, ["bash", variant], { ...env, RULESET_ONLY: "1" });
      writeFileSync(rulesetFile, text);
      mustInNamespace(ns, ["nft", "-c", "-f", rulesetFile]);
      assert.match(text, /tcp dport 22 ip saddr @admin_sources accept/, which);
      assert.match(text, /ip daddr 192\.0\.2\.11 tcp dport 8080 ip saddr @health_sources accept/, which);
      assert.equal(text.includes("elements = { 203.0.113.0/28,198.51.100.7/32 }"), which === "filled");
    }

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

    // The health server runs unprivileged: it only reads what root wrote, world-readable.
    chmodSync(dir, 0o755);
    const status = join(dir, "state", "status");
    assert.equal(statSync(status).mode & 0o777, 0o644);
    assert.match(readFileSync(status, "utf8"), /^MASQUERADE=1$/m);
    const server = join(dir, "health.py");
    writeFileSync(server, renderHealthServer(input));
    chmodSync(server, 0o644);
    const serverArgs = [
      natPaths.HEALTH_PYTHON,
      server,
      "--state",
      join(dir, "state", "env"),
      "--status",
      status,
    ];
    health = spawn("ip", ["netns", "exec", ns, ...unprivileged(serverArgs)], { stdio: "ignore" });
    const url = "http://192.0.2.11:8080/healthz";
    const get = () => inNamespace(peer, ["curl", "-sS", "--max-time", "1", "-w", " %{http_code}", url]);
    let answer = get();
    for (let attempt = 0; attempt < 50 && answer.status !== 0; attempt++) {
      await sleep(100);
      answer = get();
    }
    assert.match(answer.stdout, /"inputPolicyDrop": true.*"healthy": true\} 200$/, answer.stderr);
    mustInNamespace(ns, ["nft", "delete", "table", "ip", natPaths.NFT_TABLE]);
    // The server never runs nft (it could not, unprivileged): the check reports the loss.
    mustInNamespace(ns, ["bash", script, "check"], env);
    answer = get();
    assert.match(answer.stdout, /"masquerade": false.*"healthy": false\} 503$/);
    // A status nobody refreshed (the check timer stopped) is not trusted either.
    mustInNamespace(ns, ["bash", script], env);
    assert.match(get().stdout, / 200$/);
    writeFileSync(status, readFileSync(status, "utf8").replace(/^CHECKED_AT=\d+$/m, "CHECKED_AT=1000"));
    assert.match(get().stdout, /"healthy": false\} 503$/);
  } finally {
    health?.kill();
    fixture?.remove();
    rmSync(dir, { recursive: true, force: true });
  }
});
