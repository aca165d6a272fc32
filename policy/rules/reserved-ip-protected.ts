/**
 * Reserved IPs that partners allowlist are protected: deleting one by accident breaks every
 * partner's allowlist and the address cannot be got back.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { RESERVED_IP_TYPE } from "../../components/digitalocean/constants";

export const reservedIpProtected: ResourceValidationPolicy = {
  name: "reserved-ip-protected",
  description: "DigitalOcean reserved IPs are protected (protect: true).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== RESERVED_IP_TYPE) return;
    if (args.opts.protect !== true) {
      reportViolation(
        `${args.name} is a reserved IP partners allowlist but is not protected. Create it with ` +
          `{ protect: true, retainOnDelete: true } (NatGatewayPool does).`,
      );
    }
  },
};
