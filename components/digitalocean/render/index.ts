export type { NatGatewayRenderInput } from "./model";
export { renderNatSetupScript } from "./nat-setup-script";
export { renderHealthServer } from "./health-server";
export {
  renderNatSetupUnit,
  renderHealthUnit,
  renderReservedIpRouteUnit,
  renderReservedIpRouteTimer,
} from "./systemd-units";
export { renderNatCloudInit } from "./cloud-init";
export * as natPaths from "./paths";
