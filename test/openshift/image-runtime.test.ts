/**
 * What the image does at run time with what we mount and render, run for real:
 * - its /usr/sbin/iptables is `exec chroot /host /usr/sbin/iptables "$@"` (openshift/images,
 *   ipfailover/keepalived/iptables-scripts/iptables, same on release-4.16 b58673a3 and release-4.18
 *   716eb0ef). The wrapper is restated here with the mount point as a variable: through a read-only
 *   bind of the host's root the multicast rule lands; without the mount it never does, and
 *   setup_failover (lib/failover-functions.sh) carries on without a word.
 * - the notify script's output reaches the container's log, PID 1's stdout (the image's
 *   monitor.sh), even when keepalived gives the script no stdout of its own.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { renderIpFailoverManifests } from "../../components/openshift/render/manifests";
import { renderNotifyScript } from "../../components/openshift/render/scripts";
import { need } from "../harness/tools";
import { docsExample, instance, unicastExample } from "./fixtures";

const run = (command: string, args: string[]) =>
  spawnSync(command, args, { encoding: "utf8", timeout: 20_000 });

/** The image's setup_failover step for OPENSHIFT_HA_IPTABLES_CHAIN, with the wrapper's /host as $1. */
const IMAGE_IPTABLES_STEP = [
  'iptables() { chroot "$HOST" /usr/sbin/iptables "$@"; }',
  'if ! iptables -S | grep 224.0.0.18 > /dev/null 2>&1 ; then iptables -I "$CHAIN" 1 -d 224.0.0.18/32 -j ACCEPT; fi',
  "exit 0",
].join("\n");

describe("iptablesChain through the image's chroot wrapper", () => {
  test("the rendered pod mounts the host's root read-only at /host exactly when a chain is set", () => {
    const mounts = (raw: Record<string, unknown>) => {
      const spec = renderIpFailoverManifests(instance(raw)).deployment.spec?.template.spec;
      const mount = spec?.containers[0].volumeMounts?.find((m) => m.mountPath === "/host");
      const volume = spec?.volumes?.find((v) => v.name === mount?.name);
      return { mount, volume };
    };
    const withChain = mounts(docsExample);
    assert.equal(withChain.mount?.readOnly, true);
    assert.equal(withChain.volume?.hostPath?.path, "/");
    const none = { mount: undefined, volume: undefined };
    assert.deepEqual(mounts({ ...docsExample, iptablesChain: undefined }), none);
    // release-4.23 on: the image adds its own nft table and has no chroot wrapper.
    assert.deepEqual(mounts({ ...docsExample, image: { tag: "4.23" } }), none);
    assert.equal(mounts({ ...docsExample, image: { tag: "4.22" } }).mount?.readOnly, true);
  });

  test("a read-only host root is enough for the rule to land; without it the rule silently does not", (t) => {
    if (!need(t, { root: true, commands: ["ip", "unshare", "chroot", "mount", "iptables"] })) return;
    const ns = `ipf-chroot-${process.pid}`;
    const dir = mkdtempSync(path.join(tmpdir(), "ipf-host-"));
    const host = path.join(dir, "host");
    mkdirSync(host);
    t.after(() => {
      run("ip", ["netns", "del", ns]);
      rmSync(dir, { recursive: true, force: true });
    });
    assert.equal(run("ip", ["netns", "add", ns]).status, 0);
    const rules = () => run("ip", ["netns", "exec", ns, "iptables", "-S", "INPUT"]).stdout;

    // No mount at the wrapper's path: exit 0, no rule (what main renders with iptablesChain set).
    const missing = run("ip", [
      ...["netns", "exec", ns, "env", `HOST=${path.join(dir, "absent")}`, "CHAIN=INPUT"],
      ...["bash", "-c", IMAGE_IPTABLES_STEP],
    ]);
    assert.equal(missing.status, 0, missing.stderr);
    assert.match(missing.stderr, /chroot: cannot change root directory/);
    assert.doesNotMatch(rules(), /224\.0\.0\.18/);

    // The pod as rendered: the host's root bound read-only (a private mount namespace).
    const mounted = run("ip", [
      ...["netns", "exec", ns, "unshare", "--mount", "--propagation", "private"],
      ...["env", `HOST=${host}`, "CHAIN=INPUT", "bash", "-c"],
      `mount --bind / "$HOST" && mount -o remount,bind,ro "$HOST" && ! touch "$HOST/.w" 2>/dev/null || exit 9\n${IMAGE_IPTABLES_STEP}`,
    ]);
    assert.equal(mounted.status, 0, mounted.stderr);
    assert.match(rules(), /^-A INPUT -d 224\.0\.0\.18\/32 -j ACCEPT$/m);
  });
});

describe("notify script output", () => {
  test("reaches PID 1's stdout (the pod log) though its own stdout is /dev/null", (t) => {
    if (!need(t, { root: true, commands: ["unshare", "bash"] })) return;
    const dir = mkdtempSync(path.join(tmpdir(), "ipf-notify-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const notify = path.join(dir, "notify.sh");
    writeFileSync(notify, renderNotifyScript(instance(unicastExample)) ?? "", { mode: 0o755 });
    // PID 1 of a new PID namespace stands in for monitor.sh; `; true` keeps bash from exec'ing.
    // Its stdout is a pipe, as conmon gives containers (node's own stdio would be a socket).
    const result = run("sh", [
      "-c",
      `unshare --pid --fork --mount-proc bash -c '"$0" INSTANCE edge_VIP_1 MASTER 100 >/dev/null 2>&1 </dev/null; true' "$1" | cat`,
      "sh",
      notify,
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, "ipfailover: VRRP INSTANCE edge_VIP_1 is now MASTER\n");
  });
});
