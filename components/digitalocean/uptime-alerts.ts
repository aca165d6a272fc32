/**
 * A ping uptime check per gateway public address, each with a "down" alert to the configured email
 * addresses and Slack channel. No contacts: checks only (visible in the control panel).
 */
import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";

/** A Slack channel that hears about a gateway that stops answering. */
export interface SlackContact {
  /** Channel name, e.g. `#egress`. */
  readonly channel: string;
  /** The channel's incoming-webhook URL (kept secret). */
  readonly url: pulumi.Input<string>;
}

export interface AlertContacts {
  /** Email addresses to notify. @default [] */
  readonly emails?: string[];
  /** Slack channel and incoming-webhook URL (the URL is kept secret). @default none */
  readonly slack?: SlackContact;
}

/** One address to ping. */
export interface UptimeTarget {
  /** Display name; also the prefix of the check's and the alert's names. */
  name: string;
  /** Public address to ping. */
  address: pulumi.Input<string>;
}

/** How long a target must be down before alerting (the periods DigitalOcean accepts). */
export const AlertPeriod = {
  twoMinutes: "2m",
  threeMinutes: "3m",
  fiveMinutes: "5m",
  tenMinutes: "10m",
  fifteenMinutes: "15m",
  thirtyMinutes: "30m",
  oneHour: "1h",
} as const;
export type AlertPeriod = (typeof AlertPeriod)[keyof typeof AlertPeriod];

/** The alert period when none is given. */
export const DEFAULT_ALERT_PERIOD: AlertPeriod = AlertPeriod.twoMinutes;

export interface UptimeAlertsArgs {
  /** What to ping: a display name and a public address each. */
  targets: UptimeTarget[];
  /** Who is told when a target stops answering. @default no alerts */
  contacts?: AlertContacts;
  /** How long a target must be down before alerting. @default "2m" */
  period?: AlertPeriod;
}

export function hasContacts(contacts: AlertContacts | undefined): contacts is AlertContacts {
  return (contacts?.emails?.length ?? 0) > 0 || contacts?.slack !== undefined;
}

/** A ping uptime check per gateway public address, each with a down alert to the configured email addresses and Slack channel. */
export class UptimeAlerts extends pulumi.ComponentResource {
  /** The uptime checks' ids, one per target in order. */
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
            period: args.period ?? DEFAULT_ALERT_PERIOD,
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
