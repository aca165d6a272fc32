/**
 * Cloud-assigned attributes the OpenStack components read: a port's addresses (a pinned address is
 * what Neutron returns; an allocated one is a placeholder) and a floating IP's address.
 */
import { assigned, registerCloudAssigned } from "../cloud-assigned";

interface FixedIpInput {
  readonly ipAddress?: string;
}

registerCloudAssigned("openstack:networking/port:Port", (name, inputs) => {
  const fixedIps = Array.isArray(inputs.fixedIps) ? (inputs.fixedIps as FixedIpInput[]) : [];
  return {
    allFixedIps: fixedIps.map((f, i) => f.ipAddress ?? assigned(name, `allFixedIps[${i}]`)),
  };
});

registerCloudAssigned("openstack:networking/floatingIp:FloatingIp", (name, inputs) => ({
  address: typeof inputs.address === "string" ? inputs.address : assigned(name, "address"),
}));
