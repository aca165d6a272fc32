/**
 * A ping uptime check per gateway public address, each with a "down" alert to the configured email
 * addresses and Slack channel. No contacts: checks only (visible in the control panel).
 */
import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";

export interface AlertContacts {
  /** Email addresses to notify. @default [] */
  readonly emails?: readonly string[];
  /** Slack channel and incoming-webhook URL (the URL is kept secret). @default none */
  readonly slack?: { readonly channel: string; readonly url: pulumi.Input<string> };
}

export interface UptimeAlertsArgs {
  /** What to ping: a display name and a public address each. */
  targets: ReadonlyArray<{ name: string; address: pulumi.Input<string> }>;
  /** Who is told when a target stops answering. @default no alerts */
  contacts?: AlertContacts;
  /** How long a target must be down before alerting. @default "2m" */
  period?: "2m" | "3m" | "5m" | "10m" | "15m" | "30m" | "1h";
}

export function hasContacts(contacts: AlertContacts | undefined): contacts is AlertContacts {
  return (contacts?.emails?.length ?? 0) > 0 || contacts?.slack !== undefined;
}

export class UptimeAlerts extends pulumi.ComponentResource {
  readonly checkIds: pulumi.Output<string>[];

  constructor(name: string, args: UptimeAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:digitalocean:UptimeAlerts", name, {}, opts);
    const contacts = args.contacts;
    this.checkIds = args.targets.map((target) => {
      const check = new digitalocean.UptimeCheck(
        `${target.name}-ping`,
        { name: `${target.name}-ping`, type: "ping", target: target.address, enabled: true },
        { parent: this },
      );
      if (hasContacts(contacts)) {
        new digitalocean.UptimeAlert(
          `${target.name}-down`,
          {
            name: `${target.name} is down`,
            checkId: check.id,
            type: "down",
            period: args.period ?? "2m",
            notifications: [
              {
                emails: [...(contacts.emails ?? [])],
                slacks: contacts.slack
                  ? [{ channel: contacts.slack.channel, url: pulumi.secret(contacts.slack.url) }]
                  : [],
              },
            ],
          },
          { parent: this },
        );
      }
      return check.id;
    });
    this.registerOutputs({ checkIds: this.checkIds });
  }
}
