/**
 * Writes a rendered LB pair into WORKDIR/lb1 and WORKDIR/lb2 for the network-namespace driver
 * (failover.sh), with every path pointing inside the LB's directory: keepalived.conf, haproxy.cfg,
 * the check script, the process-feed probe and the tracker fragments it activates, plus
 * `haproxy.argv` and `probe.argv` (one argument per line): the command lines the rendered systemd
 * drop-ins run, which the driver runs in their place.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  haproxyCommand,
  planLbRender,
  PROCESS_FEED_PROBE,
  processFeedProbeCommand,
  renderCheckScript,
  renderHaproxyCfg,
  renderKeepalivedConf,
  renderTrackProcessFragments,
  TRACK_DEFINITION_FILE,
  TRACK_REFERENCE_FILE,
} from "../../components/openstack/render";
import { pairInputs, type PairOptions } from "./render-inputs";

export const NETNS_LBS = ["lb1", "lb2"] as const;

export function writeLbPair(workdir: string, options: Omit<PairOptions, "paths" | "interfaceName">): void {
  const inputs = pairInputs({
    ...options,
    interfaceName: "ens3",
    // keepalived checks the script as this user; every Debian system has it (instances create theirs).
    scriptUser: options.scriptUser ?? "nobody",
    paths: (i) => {
      const dir = join(workdir, NETNS_LBS[i]);
      return {
        keepalivedConf: join(dir, "keepalived.conf"),
        haproxyCfg: join(dir, "haproxy.cfg"),
        checkScript: join(dir, "check.sh"),
        haproxyStatsSocket: join(dir, "admin.sock"),
        haproxyPidFile: join(dir, "haproxy.pid"),
        haproxyMasterSocket: join(dir, "haproxy-master.sock"),
        processFeedProbe: join(dir, "process-feed-probe.py"),
        trackProcessSourceDir: join(dir, "feed-source"),
        trackProcessActiveDir: join(dir, "feed"),
      };
    },
  });
  inputs.forEach((input, i) => {
    const dir = join(workdir, NETNS_LBS[i]);
    const plan = planLbRender(input);
    const { paths } = plan;
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    mkdirSync(paths.trackProcessSourceDir, { mode: 0o755 });
    mkdirSync(paths.trackProcessActiveDir, { mode: 0o755 });
    writeFileSync(paths.keepalivedConf, renderKeepalivedConf(plan), { mode: 0o600 });
    writeFileSync(paths.haproxyCfg, renderHaproxyCfg(plan));
    writeFileSync(paths.checkScript, renderCheckScript(plan), { mode: 0o755 });
    writeFileSync(paths.processFeedProbe, PROCESS_FEED_PROBE, { mode: 0o755 });
    const fragments = renderTrackProcessFragments(plan);
    writeFileSync(join(paths.trackProcessSourceDir, TRACK_DEFINITION_FILE), fragments.definition);
    writeFileSync(join(paths.trackProcessSourceDir, TRACK_REFERENCE_FILE), fragments.reference);
    writeFileSync(join(dir, "haproxy.argv"), `${haproxyCommand(paths).join("\n")}\n`);
    writeFileSync(join(dir, "probe.argv"), `${processFeedProbeCommand(plan).join("\n")}\n`);
  });
}
