/** The foundation's rows of the bad-input table: global keys and the shared network types. */
import { describe, test } from "node:test";
import { assertRejected, type BadInputCase } from "../harness/bad-config";
import { demoSystem } from "../fixtures/demo-system";

const good = { name: "demo", subnet: "192.0.2.0/24", vip: "192.0.2.10", count: 2 };

const cases: BadInputCase[] = [
  {
    name: "unknown top-level key (typo of a section)",
    config: { openstak: {} },
    key: "failover-stacks:openstak",
    value: "{}",
    fix: "use one of",
  },
  {
    name: "environment not a DNS label",
    config: { environment: "Prod_1" },
    key: "failover-stacks:environment",
    value: '"Prod_1"',
    fix: "lowercase",
  },
  {
    name: "production not a boolean",
    config: { production: "yes" },
    key: "failover-stacks:production",
    value: '"yes"',
    fix: "production: true",
  },
  {
    name: "section not an object",
    config: { demo: "on" },
    key: "failover-stacks:demo",
    value: '"on"',
    fix: "write a mapping of keys (key: value lines) here",
  },
  {
    name: "CIDR with host bits",
    config: { demo: { ...good, subnet: "192.0.2.1/24" } },
    key: "failover-stacks:demo.subnet",
    value: '"192.0.2.1/24"',
    fix: "192.0.2.0/24",
  },
  {
    name: "malformed CIDR",
    config: { demo: { ...good, subnet: "192.0.2.0/33" } },
    key: "failover-stacks:demo.subnet",
    value: "192.0.2.0/33",
    fix: "192.0.2.0/24",
  },
  {
    name: "address with a short form",
    config: { demo: { ...good, vip: "192.0.10" } },
    key: "failover-stacks:demo.vip",
    value: '"192.0.10"',
    fix: "dotted quad",
  },
  {
    name: "address out of range",
    config: { demo: { ...good, vip: "192.0.2.300" } },
    key: "failover-stacks:demo.vip",
    value: "192.0.2.300",
    fix: "dotted quad",
  },
  {
    name: "count below minimum",
    config: { demo: { ...good, count: 1 } },
    key: "failover-stacks:demo.count",
    value: "1",
    fix: "at least 2",
  },
  {
    name: "count not an integer",
    config: { demo: { ...good, count: 2.5 } },
    key: "failover-stacks:demo.count",
    value: "2.5",
    fix: /integer|int/,
  },
  {
    name: "missing required key",
    config: { demo: { name: "demo", subnet: "192.0.2.0/24", count: 2 } },
    key: "failover-stacks:demo.vip",
    value: "(missing)",
    fix: "add this required key",
  },
  {
    name: "unknown key inside a section",
    config: { demo: { ...good, cuont: 3 } },
    key: "failover-stacks:demo.cuont",
    value: "3",
    fix: "did you mean count? Rename cuont to count",
  },
  {
    name: "list item with host bits",
    config: { demo: { ...good, sshFrom: ["198.51.100.0/24", "203.0.113.5/24"] } },
    key: "failover-stacks:demo.sshFrom[1]",
    value: "203.0.113.5/24",
    fix: "203.0.113.0/24",
  },
  {
    name: "cross-check against production",
    config: { production: true, demo: good },
    key: "failover-stacks:demo.count",
    value: "2",
    fix: "3 or more",
  },
  // Issue 15: errors a user can act on.
  {
    name: "misspelt section name: did you mean",
    config: { demoo: good },
    key: "failover-stacks:demoo",
    value: "{",
    fix: "did you mean demo? Rename it to failover-stacks:demo",
  },
  {
    name: "misspelt global key: did you mean",
    config: { enviroment: "dev" },
    key: "failover-stacks:enviroment",
    value: '"dev"',
    fix: "did you mean environment?",
  },
  {
    name: "text key YAML read as a number (name: 4.10 becomes 4.1)",
    config: { demo: { ...good, name: 4.1 } },
    key: "failover-stacks:demo.name",
    value: "4.1",
    fix: 'quote the value so YAML keeps it as text, e.g. name: "4.1" (unquoted, YAML reads 4.10 as the number 4.1',
  },
  {
    name: "number key given as text",
    config: { demo: { ...good, count: "3" } },
    key: "failover-stacks:demo.count",
    value: '"3"',
    fix: "remove the quotes: write count: 3",
  },
  {
    name: "a list where text is expected",
    config: { demo: { ...good, vip: ["192.0.2.10"] } },
    key: "failover-stacks:demo.vip",
    value: '["192.0.2.10"]',
    fix: "write text here",
  },
  {
    name: "IPv6 in a shared CIDR type",
    config: { demo: { ...good, sshFrom: ["2001:db8::/32"] } },
    key: "failover-stacks:demo.sshFrom[0]",
    value: '"2001:db8::/32"',
    fix: "use an IPv4 value",
  },
  {
    name: "unknown key with no close match lists the section's keys",
    config: { demo: { ...good, zzz: 1 } },
    key: "failover-stacks:demo.zzz",
    value: "1",
    fix: "the keys here are name, subnet, vip, count, sshFrom",
  },
  {
    name: "an environment too long for the names derived from it",
    config: { environment: "e".repeat(33) },
    key: "failover-stacks:environment",
    value: `"${"e".repeat(33)}"`,
    fix: "shorten it to at most 32 characters",
  },
  {
    name: "a section under a misspelt namespace (silently ignored before)",
    config: {},
    providerConfig: { "failover-stack:demo": JSON.stringify(good) },
    key: "failover-stack:demo",
    value: "[not shown]",
    fix: "did you mean failover-stacks:demo?",
  },
  {
    name: "a provider credential in plain text",
    config: { demo: good },
    providerConfig: { "gcp:credentials": "{}" },
    key: "gcp:credentials",
    value: "[redacted]",
    fix: "pulumi config set --secret gcp:credentials <value>",
  },
];

describe("bad input is rejected before anything registers (foundation)", () => {
  for (const c of cases) test(c.name, () => assertRejected(c, [demoSystem]));
});
