/** The benchmark's pure parts: driver-output parsing, split-brain attribution, the timeline SVG. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDriverOutput } from "../../bench/lib/driver-output";
import { timelineSvg } from "../../bench/lib/timeline-svg";
import { splitBrainMoments } from "../../bench/report";

const TRANSCRIPT = [
  "MEASURE initial.elected 0.8",
  "REP 1",
  "MARK haproxy_death.fault 100.000",
  "MEASURE haproxy_death.client_recovered 0.25",
  "CHECK haproxy_death.client_recovered ok in 0.25s",
  "REP 2",
  "MARK haproxy_death.fault 200.000",
  "MEASURE haproxy_death.client_recovered 0.5",
  "MEASURE sampler.mean_interval 0.05",
  "CHECK single_holder fail 400 samples, 2 with two holders: 132.250 lb1 lb2",
  "232.500 lb1 lb2",
].join("\n");

test("driver output: rounds, values, marks, split-brain samples and failed checks", () => {
  const parsed = parseDriverOutput(TRANSCRIPT);
  assert.equal(parsed.rounds.length, 2);
  assert.deepEqual(parsed.values("haproxy_death.client_recovered"), [0.25, 0.5]);
  assert.deepEqual(parsed.values("initial.elected"), [], "the election is not a round's figure");
  assert.deepEqual(parsed.marks("haproxy_death.fault"), [100, 200]);
  assert.equal(parsed.rounds[1].measures["haproxy_death.client_recovered"], 0.5);
  assert.deepEqual(parsed.splitBrain, { samples: 400, violations: 2, meanIntervalSeconds: 0.05 });
  assert.equal(parsed.failedChecks.length, 1);
  assert.match(parsed.failedChecks[0], /^single_holder: 400 samples/);
});

test("split-brain samples are placed after the latest fault", () => {
  assert.deepEqual(splitBrainMoments(TRANSCRIPT), ["haproxy_death + 32.3 s", "haproxy_death + 32.5 s"]);
});

test("the timeline SVG shows holders, client ticks and markers inside the range", () => {
  const svg = timelineSvg({
    title: "a <test>",
    from: -1,
    to: 4,
    lanes: ["lb1", "lb2"],
    holders: [
      { at: -5, held: ["lb1"] },
      { at: 0.5, held: ["lb1", "lb2"] },
      { at: 0.6, held: ["lb2"] },
    ],
    requests: [
      { at: -0.5, ok: true },
      { at: 0.2, ok: false },
      { at: 9, ok: true },
    ],
    markers: [{ at: 0.6, label: "ok again" }],
  });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /a &lt;test&gt;/);
  assert.equal((svg.match(/fill="#d62728"/g) ?? []).length, 2, "both lanes red while both hold the VIP");
  assert.equal((svg.match(/<line [^>]*stroke="#2ca02c"/g) ?? []).length, 1, "the request at 9 s is outside");
  assert.equal((svg.match(/<line [^>]*stroke="#d62728"/g) ?? []).length, 1);
  assert.match(svg, />ok again</);
  assert.ok(svg.trimEnd().endsWith("</svg>"));
});
