/**
 * zod types for Kubernetes API fields whose syntax the API server checks: Service names (DNS-1035),
 * port names (IANA service names), label keys and values, Ingress hosts and paths. Catching them
 * here means a bad value fails before anything registers, with a message naming the fix.
 */
import { z } from "zod";
import { problem } from "../shared/config-errors";
import { parseAddress } from "../shared/ip";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A Service name: a DNS-1035 label (starts with a letter). */
export const serviceName = z.string().superRefine((value, ctx) => {
  if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "not a valid Service name (DNS-1035 label)",
        "use lowercase letters, digits and '-', starting with a letter, at most 63 characters",
      ),
    });
  }
});

/** A port name (IANA_SVC_NAME): at most 15 characters, at least one letter, no '--'. */
export const portName = z.string().superRefine((value, ctx) => {
  const ok =
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value) &&
    value.length <= 15 &&
    /[a-z]/.test(value) &&
    !value.includes("--");
  if (!ok) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "not a valid port name",
        "use at most 15 lowercase letters, digits and single '-', with at least one letter, such as https",
      ),
    });
  }
});

export const portNumber = z.number().int().min(1).max(65535);

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

function validLabelKey(key: string): boolean {
  const slash = key.lastIndexOf("/");
  if (slash < 0) return LABEL_NAME.test(key);
  const prefix = key.slice(0, slash);
  return (
    prefix.length <= 253 &&
    prefix.split(".").every((l) => DNS_LABEL.test(l)) &&
    LABEL_NAME.test(key.slice(slash + 1))
  );
}

/** A label map (`matchLabels` or a Service selector); at least one entry. */
export const labelMap = z.record(z.string(), z.string()).superRefine((labels, ctx) => {
  const entries = Object.entries(labels);
  if (entries.length === 0) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "empty label selector",
        "give at least one label, such as app.kubernetes.io/name: web",
      ),
    });
  }
  for (const [key, value] of entries) {
    if (!validLabelKey(key)) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: problem("not a valid label key", "use [prefix/]name with letters, digits, '-', '_' and '.'"),
      });
    } else if (value !== "" && !LABEL_NAME.test(value)) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: problem(
          "not a valid label value",
          "use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
        ),
      });
    }
  }
});

/** True for a lowercase RFC 1123 hostname (what Ingress hosts and ExternalName targets need). */
export function isHostname(value: string): boolean {
  return value.length <= 253 && value.split(".").every((label) => DNS_LABEL.test(label));
}

/** An Ingress host: a DNS name, optionally with one leading `*.` wildcard label; never an IP. */
export const ingressHost = z.string().superRefine((value, ctx) => {
  if (parseAddress(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "an Ingress host cannot be an IP address",
        "use the DNS name clients send in the Host header, such as app.example.com",
      ),
    });
    return;
  }
  const name = value.startsWith("*.") ? value.slice(2) : value;
  if (!isHostname(name) || !name.includes(".")) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "not a valid Ingress host",
        "use a lowercase fully qualified name such as app.example.com (a leading *. is allowed)",
      ),
    });
  }
});

/** An Ingress path: absolute, no whitespace. */
export const ingressPath = z.string().superRefine((value, ctx) => {
  if (!/^\/\S*$/.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem("not an absolute HTTP path", "start the path with '/', such as / or /api"),
    });
  }
});

/** A Linux interface name: the shared definition. */
export { interfaceName } from "../shared/zod-net";
