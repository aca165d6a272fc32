/** Parses the failover driver's benchmark output: REP, MEASURE, MARK and CHECK lines. */
export interface DriverRound {
  readonly measures: Record<string, number>;
}

export interface DriverOutput {
  /** One entry per `REP n` line; MEASUREs before the first REP are dropped (initial election). */
  readonly rounds: DriverRound[];
  /** Every MEASURE of this name, in order. */
  values(name: string): number[];
  /** Every MARK of this name (epoch seconds), in order. */
  marks(name: string): number[];
  readonly failedChecks: string[];
  readonly splitBrain: { samples: number; violations: number; meanIntervalSeconds: number | null };
}

export function parseDriverOutput(output: string): DriverOutput {
  const rounds: Array<{ measures: Record<string, number> }> = [];
  const values = new Map<string, number[]>();
  const marks = new Map<string, number[]>();
  const failedChecks: string[] = [];
  const splitBrain = { samples: 0, violations: 0, meanIntervalSeconds: null as number | null };
  for (const line of output.split("\n")) {
    let m: RegExpExecArray | null;
    if (/^REP \d+$/.test(line)) rounds.push({ measures: {} });
    else if ((m = /^MEASURE (\S+) (\S+)$/.exec(line))) {
      const value = Number(m[2]);
      if (m[1] === "sampler.mean_interval") splitBrain.meanIntervalSeconds = value;
      else if (m[1].startsWith("soak.") || rounds.length > 0) {
        values.set(m[1], [...(values.get(m[1]) ?? []), value]);
        if (rounds.length > 0) rounds[rounds.length - 1].measures[m[1]] = value;
      }
    } else if ((m = /^MARK (\S+) (\S+)$/.exec(line))) {
      marks.set(m[1], [...(marks.get(m[1]) ?? []), Number(m[2])]);
    } else if ((m = /^CHECK (\S+) (ok|fail) ?(.*)$/.exec(line))) {
      if (m[1] === "single_holder") {
        const sampled = /^(\d+) samples(?:, (\d+) with two holders)?/.exec(m[3]);
        if (sampled) {
          splitBrain.samples = Number(sampled[1]);
          splitBrain.violations = Number(sampled[2] ?? 0);
        }
      }
      if (m[2] === "fail") failedChecks.push(`${m[1]}: ${m[3]}`);
    }
  }
  return {
    rounds,
    values: (name) => values.get(name) ?? [],
    marks: (name) => marks.get(name) ?? [],
    failedChecks,
    splitBrain,
  };
}
