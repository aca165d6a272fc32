/** Key lines of the rendered LB files, the input parse (once), and a property test of the peer lists. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parse } from "yaml";
import {
  DEFAULT_LB_PATHS,
  HAPROXY_EXEC_DROP_IN,
  KEEPALIVED_FEED_DROP_IN,
  KEEPALIVED_RESTART_DROP_IN,
  LbRenderInputError,
  planLbRender,
  processFeedProbeCommand,
  renderHaproxyExecDropIn,
  renderKeepalivedFeedDropIn,
  renderTrackProcessFragments,
  renderCheckScript,
  renderHaproxyCfg,
  renderKeepalivedConf,
  renderLbCloudInit,
  TIMING_PROFILE_NAMES,
  timingProfile,
  type LbRenderInput,
  type LbRenderPlan,
} from "../../components/openstack/render";
import { pairInputs, type PairOptions } from "../../lab/openstack/render-inputs";

const pairPlans = (options?: PairOptions): LbRenderPlan[] => pairInputs(options).map((i) => planLbRender(i));

/** The lines of a `name { ... }` block (one level, as the renderer writes them). */
function blockLines(text: string, header: string): string[] {
  const lines = text.split("\n").map((line) => line.trim());
  const start = lines.indexOf(`${header} {`);
  assert.ok(start >= 0, `no "${header} {" block`);
  const end = lines.indexOf("}", start);
  return lines.slice(start + 1, end);
}

/** The lines of the top-level `vrrp_instance` block, nested blocks included. */
function instanceLines(conf: string): string[] {
  const lines = conf.split("\n");
  const start = lines.findIndex((line) => line.startsWith("vrrp_instance "));
  const end = lines.indexOf("}", start);
  return lines.slice(start + 1, end).map((line) => line.trim());
}

function count(lines: readonly string[], line: string): number {
  return lines.filter((l) => l === line).length;
}

describe("keepalived.conf", () => {
  test("unicast: own address as source, every other LB exactly once as a peer", () => {
    for (const input of pairPlans({ lbCount: 3 })) {
      const conf = renderKeepalivedConf(input);
      assert.equal(count(instanceLines(conf), `unicast_src_ip ${input.self.address}`), 1);
      const peers = blockLines(conf, "unicast_peer");
      assert.deepEqual(peers.sort(), input.peers.map((p) => p.address).sort());
      assert.ok(!peers.includes(input.self.address));
    }
  });

  test("every LB starts as BACKUP, without preemption, with distinct priorities", () => {
    const inputs = pairPlans({ lbCount: 3 });
    const priorities = inputs.map((input) => {
      const lines = instanceLines(renderKeepalivedConf(input));
      assert.equal(count(lines, "state BACKUP"), 1);
      assert.equal(count(lines, "nopreempt"), 1);
      assert.ok(!lines.some((line) => line.startsWith("state MASTER")));
      return lines.find((line) => line.startsWith("priority "));
    });
    assert.equal(new Set(priorities).size, inputs.length);
  });

  test("VRRPv3 is set inside the instance with a sub-second advert and no authentication (fast)", () => {
    const [input] = pairPlans();
    const conf = renderKeepalivedConf(input);
    assert.equal(count(instanceLines(conf), "version 3"), 1);
    assert.doesNotMatch(conf, /vrrp_version/);
    assert.doesNotMatch(conf, /authentication|auth_pass/);
    assert.equal(count(instanceLines(conf), "advert_int 0.2"), 1);
  });

  test("a password selects VRRPv2 PASS with whole-second adverts", () => {
    const [input] = pairPlans({ authPassword: "s3cretAB" });
    const conf = renderKeepalivedConf(input);
    const lines = instanceLines(conf);
    assert.equal(count(lines, "version 2"), 1);
    assert.deepEqual(blockLines(conf, "authentication"), ["auth_type PASS", "auth_pass s3cretAB"]);
    assert.equal(count(lines, "advert_int 1"), 1);
  });

  test("script security, a weight-0 track script and weight-0 HAProxy process tracking", () => {
    const [input] = pairPlans();
    const conf = renderKeepalivedConf(input);
    assert.deepEqual(blockLines(conf, "global_defs").slice(1), [
      "enable_script_security",
      "script_user keepalived_script",
      "max_auto_priority",
    ]);
    const script = blockLines(conf, "vrrp_script chk_haproxy_frontend");
    assert.ok(script.includes(`script "${DEFAULT_LB_PATHS.checkScript}"`));
    assert.ok(script.includes("weight 0"));
    assert.ok(!script.some((line) => /weight -/.test(line)));
    // The tracker is never in keepalived.conf itself: only the probe's activated fragments bring it.
    assert.doesNotMatch(conf, /vrrp_track_process|^\s*track_process/m);
    const active = DEFAULT_LB_PATHS.trackProcessActiveDir;
    assert.ok(conf.split("\n").includes(`include ${active}/track-haproxy.conf*`));
    assert.deepEqual(
      instanceLines(conf).filter((line) => line.startsWith("include")),
      [`include ${active}/track-haproxy-ref.conf*`],
    );
    const fragments = renderTrackProcessFragments(input);
    const tracker = blockLines(fragments.definition, "vrrp_track_process track_haproxy");
    assert.ok(tracker.includes("process /usr/sbin/haproxy -Ws -f /etc/haproxy/haproxy.cfg"));
    assert.ok(tracker.includes("weight 0"));
    assert.deepEqual(blockLines(conf, "track_script"), ["chk_haproxy_frontend"]);
    assert.deepEqual(blockLines(fragments.reference, "track_process"), ["track_haproxy"]);
    assert.deepEqual(blockLines(conf, "virtual_ipaddress"), ["192.0.2.10/32 dev ens3"]);
  });

  test("the fast profile detects faster than the conservative one, and neither flaps on one miss", () => {
    const fast = timingProfile("fast");
    const conservative = timingProfile("conservative");
    assert.ok(fast.advertIntervalSeconds < 1 && conservative.advertIntervalSeconds >= 1);
    for (const name of TIMING_PROFILE_NAMES) {
      const profile = timingProfile(name);
      assert.ok(profile.script.fall >= 2 && profile.script.rise >= 2, name);
      assert.ok(profile.haproxyCheck.fall >= 2 && profile.haproxyCheck.rise >= 2, name);
      // Worst case out of rotation: one full interval, then fall-1 fast intervals, each plus the timeout.
      const check = profile.haproxyCheck;
      const worstMs = check.interMs + (check.fall - 1) * check.fastInterMs + check.fall * check.timeoutMs;
      if (name === "fast")
        assert.ok(worstMs <= 1500 + check.timeoutMs, `fast readiness worst case ${worstMs} ms`);
    }
  });
});

describe("HAProxy start-up and the process-feed probe", () => {
  const execStart = (dropIn: string): string[] => {
    const lines = dropIn.split("\n").filter((line) => line.startsWith("ExecStart="));
    // The reset line first, then exactly one command.
    assert.deepEqual(lines[0], "ExecStart=");
    assert.equal(lines.length, 2, dropIn);
    return lines[1].slice("ExecStart=".length).split(" ");
  };
  const tracked = (input: LbRenderPlan): string[] => {
    const line = renderTrackProcessFragments(input)
      .definition.split("\n")
      .map((l) => l.trim())
      .find((l) => l.startsWith("process "));
    assert.ok(line);
    return line.slice("process ".length).split(" ");
  };

  test("the tracked command line is the start of what the HAProxy drop-in starts, for any paths", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\/[a-z0-9_]{1,12}(\/[a-z0-9_.-]{1,12}){0,3}$/),
        fc.stringMatching(/^\/[a-z0-9_]{1,12}(\/[a-z0-9_.-]{1,12}){0,3}$/),
        (haproxyBinary, haproxyCfg) => {
          const [input] = pairPlans({ paths: () => ({ haproxyBinary, haproxyCfg }) });
          const started = execStart(renderHaproxyExecDropIn(input));
          const match = tracked(input);
          // keepalived: argv[0] equals the path, the parameters are argv's first entries (partial).
          assert.deepEqual(started.slice(0, match.length), match);
          assert.equal(started[0], haproxyBinary);
        },
      ),
    );
  });

  test("the keepalived drop-in runs the probe with the tracked command line, after HAProxy", () => {
    const [input] = pairPlans();
    const dropIn = renderKeepalivedFeedDropIn(input);
    const pre = dropIn.split("\n").find((line) => line.startsWith("ExecStartPre="));
    assert.equal(pre, `ExecStartPre=${processFeedProbeCommand(input).join(" ")}`);
    assert.deepEqual(processFeedProbeCommand(input).slice(-4), tracked(input));
    assert.ok(dropIn.includes("After=haproxy.service"));
  });

  test("cloud-init ships the drop-ins, the probe and the fragments where the renderers point", () => {
    const [input] = pairPlans();
    const files = (
      parse(renderLbCloudInit(input).replace(/^#cloud-config\n/, "")) as {
        write_files: { path: string; content: string; permissions: string }[];
      }
    ).write_files;
    const byPath = new Map(files.map((f) => [f.path, f]));
    assert.equal(byPath.get(HAPROXY_EXEC_DROP_IN)?.content, renderHaproxyExecDropIn(input));
    assert.equal(byPath.get(KEEPALIVED_FEED_DROP_IN)?.content, renderKeepalivedFeedDropIn(input));
    assert.equal(byPath.get(DEFAULT_LB_PATHS.processFeedProbe)?.permissions, "0755");
    const source = DEFAULT_LB_PATHS.trackProcessSourceDir;
    const fragments = renderTrackProcessFragments(input);
    assert.equal(byPath.get(`${source}/track-haproxy.conf`)?.content, fragments.definition);
    assert.equal(byPath.get(`${source}/track-haproxy-ref.conf`)?.content, fragments.reference);
  });
});

describe("haproxy.cfg", () => {
  const [input] = pairPlans();
  const cfg = renderHaproxyCfg(input);
  const lines = cfg.split("\n").map((line) => line.trim());

  test("TCP frontend on the VIP and on 127.0.0.1 (for the check script)", () => {
    assert.ok(lines.includes("mode tcp"));
    assert.ok(lines.includes("bind 192.0.2.10:6443"));
    assert.ok(lines.includes("bind 127.0.0.1:6443"));
  });

  test("HTTPS /readyz checks on every server; no ssl-hello-chk that would replace them", () => {
    assert.ok(lines.includes("option httpchk"));
    assert.ok(lines.includes("http-check send meth GET uri /readyz"));
    assert.doesNotMatch(cfg, /ssl-hello-chk/);
    for (const server of input.apiServers) {
      assert.ok(lines.includes(`server ${server.name} ${server.address}:6443 check check-ssl verify none`));
    }
    assert.ok(lines.some((line) => line.startsWith("default-server inter 500ms fastinter 250ms")));
  });

  test("long-lived streams survive: tunnel timeout and long client/server timeouts; a stats socket", () => {
    assert.ok(lines.includes("timeout tunnel 1h"));
    assert.ok(lines.includes("timeout client 10m"));
    assert.ok(lines.includes("timeout server 10m"));
    assert.ok(lines.includes("stats socket /run/haproxy/admin.sock mode 660 level admin"));
  });
});

describe("check script and cloud-init", () => {
  test("the check script probes the local frontend with a bounded connect", () => {
    const script = renderCheckScript(pairPlans()[0]);
    assert.ok(script.startsWith("#!/bin/bash\n"));
    assert.match(script, /^frontend_host=127\.0\.0\.1$/m);
    assert.match(script, /^frontend_port=6443$/m);
    assert.match(script, /^exec timeout "\$connect_timeout" bash -c/m);
  });

  test("user-data installs, configures and starts both services", () => {
    const input = pairPlans({ authPassword: "s3cretAB" })[0];
    const text = renderLbCloudInit(input);
    assert.ok(text.startsWith("#cloud-config\n"));
    const doc = parse(text) as {
      packages: string[];
      users: (string | { name: string; system: boolean })[];
      write_files: { path: string; permissions: string; content: string; defer?: boolean }[];
      runcmd: string[][];
    };
    assert.deepEqual(doc.packages, ["keepalived", "haproxy", "socat"]);
    assert.equal(doc.users[0], "default");
    assert.deepEqual(doc.users[1], {
      name: "keepalived_script",
      system: true,
      no_create_home: true,
      lock_passwd: true,
      shell: "/usr/sbin/nologin",
    });
    const files = new Map(doc.write_files.map((file) => [file.path, file]));
    const sysctl = [...files.values()].find((file) => file.path.startsWith("/etc/sysctl.d/"));
    assert.match(sysctl?.content ?? "", /^net\.ipv4\.ip_nonlocal_bind = 1$/m);
    assert.equal(files.get(DEFAULT_LB_PATHS.keepalivedConf)?.content, renderKeepalivedConf(input));
    assert.equal(files.get(DEFAULT_LB_PATHS.keepalivedConf)?.permissions, "0600");
    assert.equal(files.get(DEFAULT_LB_PATHS.haproxyCfg)?.content, renderHaproxyCfg(input));
    assert.equal(files.get(DEFAULT_LB_PATHS.checkScript)?.content, renderCheckScript(input));
    assert.equal(files.get(DEFAULT_LB_PATHS.checkScript)?.permissions, "0755");
    const commands = doc.runcmd.map((command) => command.join(" "));
    const haproxyRestart = commands.indexOf("systemctl restart haproxy.service");
    const keepalivedRestart = commands.indexOf("systemctl restart keepalived.service");
    assert.ok(haproxyRestart >= 0 && keepalivedRestart > haproxyRestart, commands.join("; "));
    assert.ok(commands.includes("systemctl enable haproxy.service keepalived.service"));
    assert.match(files.get(KEEPALIVED_RESTART_DROP_IN)?.content ?? "", /^Restart=on-failure$/m);
    assert.ok(commands.indexOf("systemctl daemon-reload") < keepalivedRestart);
    // Nova limits user-data to 64 KiB; stay far below it.
    assert.ok(Buffer.byteLength(text) < 16 * 1024, `user-data is ${Buffer.byteLength(text)} bytes`);
  });
});

describe("input parse", () => {
  const [good] = pairInputs();
  // Each bad input and the field its problem names.
  const bad: [string, LbRenderInput, string][] = [
    [
      "duplicate priority",
      { ...good, peers: [{ ...good.peers[0], priority: good.self.priority }] },
      "peers[0].priority",
    ],
    ["self listed as a peer", { ...good, peers: [good.self] }, "peers[0].address"],
    ["no peers", { ...good, peers: [] }, "peers"],
    ["password with a space", { ...good, authPassword: "a b" }, "authPassword"],
    ["password longer than 8", { ...good, authPassword: "123456789" }, "authPassword"],
    ["interface with a brace", { ...good, interfaceName: "eth0}" }, "interfaceName"],
    ["VIP equal to an LB", { ...good, vip: good.self.address }, "self.address"],
    ["router id 0", { ...good, virtualRouterId: 0 }, "virtualRouterId"],
    ["priority 255", { ...good, self: { ...good.self, priority: 255 } }, "self.priority"],
    ["path with a space", { ...good, paths: { checkScript: "/etc/x y.sh" } }, "paths.checkScript"],
  ];
  for (const [name, input, field] of bad) {
    test(`rejects ${name}, naming ${field}, the value and the fix`, () => {
      assert.throws(
        () => planLbRender(input),
        (error: unknown) => {
          assert.ok(error instanceof LbRenderInputError);
          assert.match(error.message, /^LB render input: /);
          const problem = error.problems.find((p) => p.key === field);
          assert.ok(problem, `no problem at ${field}: ${error.message}`);
          assert.match(problem.message, / Fix: /);
          return true;
        },
      );
    });
  }

  test("every problem at once; the password is never printed", () => {
    const input = { ...good, clusterName: "a b", apiPort: 0, authPassword: "123456789" };
    assert.throws(
      () => planLbRender(input),
      (error: unknown) => {
        assert.ok(error instanceof LbRenderInputError);
        assert.deepEqual(
          error.problems.map((p) => `${p.key} = ${p.value}`),
          ['clusterName = "a b"', "apiPort = 0", "authPassword = [redacted]"],
        );
        assert.doesNotMatch(error.message, /123456789/);
        return true;
      },
    );
  });

  test("the plan carries the resolved timing profile and every path", () => {
    const [input] = pairInputs({ timing: "conservative", paths: () => ({ haproxyCfg: "/tmp/h.cfg" }) });
    const plan = planLbRender(input);
    assert.equal(plan.timing, timingProfile("conservative"));
    assert.deepEqual(plan.paths, { ...DEFAULT_LB_PATHS, haproxyCfg: "/tmp/h.cfg" });
  });

  test("parsed once: no renderer checks the plan again (an altered plan renders as is)", () => {
    const [plan] = pairPlans();
    const altered = { ...plan, clusterName: "not a name!", vip: "not-an-address" };
    assert.throws(() => planLbRender({ ...altered, timing: "fast" }), LbRenderInputError);
    // renderLbCloudInit calls every other renderer: any of them parsing again would throw here.
    const userData = renderLbCloudInit(altered);
    assert.match(userData, /for not a name!/);
    assert.match(renderHaproxyCfg(altered), /^ +bind not-an-address:6443$/m);
  });
});

/**
 * Compile-time half of "parsed once" (npx tsc checks it, nothing runs it): a renderer takes only
 * the branded plan planLbRender returns. Should one accept raw input again, its @ts-expect-error
 * would be unused and the typecheck would fail.
 */
export function renderersRefuseRawInput(input: LbRenderInput): void {
  // @ts-expect-error LbRenderInput is not an LbRenderPlan
  renderLbCloudInit(input);
  // @ts-expect-error LbRenderInput is not an LbRenderPlan
  renderKeepalivedConf(input);
  // @ts-expect-error LbRenderInput is not an LbRenderPlan
  renderHaproxyCfg(input);
  // @ts-expect-error LbRenderInput is not an LbRenderPlan
  renderCheckScript(input);
  // @ts-expect-error LbRenderInput is not an LbRenderPlan
  renderTrackProcessFragments(input);
  // @ts-expect-error LbRenderInput is not an LbRenderPlan
  renderHaproxyExecDropIn(input);
  // @ts-expect-error LbRenderInput is not an LbRenderPlan
  renderKeepalivedFeedDropIn(input);
  // @ts-expect-error LbRenderInput is not an LbRenderPlan
  processFeedProbeCommand(input);
}

describe("property: random pairs", () => {
  const pair = fc
    .record({
      hosts: fc.uniqueArray(fc.integer({ min: 11, max: 250 }), { minLength: 2, maxLength: 6 }),
      priorities: fc.uniqueArray(fc.integer({ min: 1, max: 254 }), { minLength: 6, maxLength: 6 }),
      timing: fc.constantFrom(...TIMING_PROFILE_NAMES),
      v2: fc.boolean(),
    })
    .map(({ hosts, priorities, timing, v2 }) => {
      const lbs = hosts.map((host, i) => ({
        name: `lb-${i + 1}`,
        address: `198.51.100.${host}`,
        priority: priorities[i],
      }));
      return lbs.map((self): LbRenderInput => ({
        ...pairInputs()[0],
        vip: "198.51.100.5",
        self,
        peers: lbs.filter((lb) => lb !== self),
        timing,
        ...(v2 ? { authPassword: "abc123" } : {}),
      }));
    });

  test("each LB lists every other LB exactly once, and priorities are distinct", () => {
    fc.assert(
      fc.property(pair, (inputs) => {
        const priorities = new Set<string>();
        for (const input of inputs) {
          const conf = renderKeepalivedConf(planLbRender(input));
          const peers = blockLines(conf, "unicast_peer");
          const others = inputs.filter((other) => other !== input).map((other) => other.self.address);
          assert.equal(peers.length, others.length);
          for (const address of others) assert.equal(count(peers, address), 1);
          assert.ok(!peers.includes(input.self.address));
          const priority = instanceLines(conf).find((line) => line.startsWith("priority "));
          assert.ok(priority);
          priorities.add(priority);
        }
        assert.equal(priorities.size, inputs.length);
      }),
      { numRuns: 200 },
    );
  });
});
