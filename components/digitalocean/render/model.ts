/**
 * Plain-data inputs of the NAT gateway renderers. The component builds one per gateway droplet and
 * calls the renderers; the real-tool tests and the network-namespace egress test call the same ones.
 */
export interface NatGatewayRenderInput {
  /** Gateway name, e.g. `prod-egress-gw-1`. */
  readonly name: string;
  /** The VPC CIDR whose traffic is masqueraded (and the only source allowed to be forwarded). */
  readonly vpcCidr: string;
  /** Extra source CIDRs to masquerade, e.g. the DOKS pod CIDR when pods route without SNAT. */
  readonly extraSourceCidrs: readonly string[];
  /** TCP port of the health endpoint served on the VPC address. @default 8080 */
  readonly healthPort: number;
  /** Networks the host input filter admits to SSH (port 22); empty means no SSH at all. @default [] */
  readonly adminCidrs?: readonly string[];
  /** Networks the host input filter admits to the health endpoint. @default [vpcCidr] */
  readonly healthCidrs?: readonly string[];
  /**
   * Send egress through the droplet's anchor gateway so that it leaves with the reserved IP
   * assigned to the droplet (DigitalOcean only uses a reserved IP for outbound traffic when the
   * default route points at the anchor gateway). Only switched when the metadata service reports
   * the reserved IP as active. @default false
   */
  readonly egressViaReservedIp?: boolean;
}
