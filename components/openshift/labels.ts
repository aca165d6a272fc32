/** Kubernetes label syntax (keys with an optional DNS-subdomain prefix, values of at most 63). */

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export interface LabelIssue {
  readonly what: string;
  readonly fix: string;
}

export function checkLabels(labels: Readonly<Record<string, string>>): LabelIssue[] {
  const issues: LabelIssue[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const slash = key.lastIndexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const prefixOk = prefix === undefined || (prefix.length <= 253 && SUBDOMAIN.test(prefix));
    if (!prefixOk || !NAME.test(name)) {
      issues.push({
        what: `${JSON.stringify(key)} is not a label key`,
        fix: "write prefix/name with a DNS prefix and a name of at most 63 characters, such as node-role.kubernetes.io/worker",
      });
    }
    if (value !== "" && !NAME.test(value)) {
      issues.push({
        what: `${JSON.stringify(value)} is not a label value`,
        fix: "use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (or \"\")",
      });
    }
  }
  return issues;
}
