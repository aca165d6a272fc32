/** Placeholders for the DigitalOcean attributes the egress components read. */
import { assigned, assignedSecret, registerCallMock, registerCloudAssigned } from "../cloud-assigned";

registerCloudAssigned("digitalocean:index/droplet:Droplet", (name) => ({
  ipv4Address: assigned(name, "ipv4Address"),
  ipv4AddressPrivate: assigned(name, "ipv4AddressPrivate"),
}));
registerCloudAssigned("digitalocean:index/reservedIp:ReservedIp", (name) => ({
  ipAddress: assigned(name, "ipAddress"),
}));
registerCloudAssigned("digitalocean:index/vpcNatGateway:VpcNatGateway", (name, inputs) => ({
  vpcs: ((inputs.vpcs as Array<Record<string, unknown>> | undefined) ?? []).map((vpc) => ({
    ...vpc,
    gatewayIp: vpc.gatewayIp ?? assigned(name, "vpcs[0].gatewayIp"),
  })),
  egresses: [{ publicGateways: [{ ipv4: assigned(name, "egresses[0].publicGateways[0].ipv4") }] }],
}));
registerCloudAssigned("digitalocean:index/kubernetesCluster:KubernetesCluster", (name) => ({
  endpoint: assigned(name, "endpoint"),
  ipv4Address: assigned(name, "ipv4Address"),
  kubeConfigs: [{ rawConfig: assigned(name, "kubeConfigs[0].rawConfig") }],
}));

// The created cluster's kubeconfig is read through the data source on every run.
registerCallMock("digitalocean:index/getKubernetesCluster:getKubernetesCluster", (inputs) => ({
  name: inputs.name,
  kubeConfigs: [{ rawConfig: assignedSecret(String(inputs.name), "kubeConfigs[0].rawConfig") }],
}));
