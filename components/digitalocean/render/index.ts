export {
  natGatewayRenderInput,
  type NatGatewayRenderData,
  type NatGatewayRenderInput,
  type NatGatewaySetup,
} from "./model";
export { renderNatSetupScript } from "./nat-setup-script";
export { HEALTH_LIMITS, renderHealthServer } from "./health-server";
export {
  renderNatSetupUnit,
  renderHealthUnit,
  renderCheckUnit,
  renderCheckTimer,
  renderReservedIpRouteUnit,
  renderReservedIpRouteTimer,
} from "./systemd-units";
export { renderNatCloudInit, SSH_UNITS } from "./cloud-init";
export * as natPaths from "./paths";
