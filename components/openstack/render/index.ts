/** Pure renderers of the OpenStack LB pair: what each LB's cloud-init ships. */
export type { ApiServer, LbPaths, LbPeer, LbRenderInput, TimingProfileName } from "./model";
export { TIMING_PROFILE_NAMES, timingProfile, type TimingProfile } from "./timing";
export {
  DEFAULT_API_PORT,
  DEFAULT_LB_PATHS,
  DEFAULT_SCRIPT_USER,
  LbRenderInputError,
  planLbRender,
  type LbRenderPlan,
  type LbRenderProblem,
} from "./plan";
export { renderKeepalivedConf, VRRP_INSTANCE, VRRP_SCRIPT } from "./keepalived";
export {
  haproxyCommand,
  HAPROXY_EXEC_DROP_IN,
  KEEPALIVED_FEED_DROP_IN,
  PROCESS_FEED_PROBE,
  processFeedProbeCommand,
  renderHaproxyExecDropIn,
  renderKeepalivedFeedDropIn,
  renderTrackProcessFragments,
  TRACK_DEFINITION_FILE,
  TRACK_REFERENCE_FILE,
  trackedCommand,
  VRRP_TRACK_PROCESS,
} from "./process-feed";
export { derivedTableRows, derivedTimes, spuriousPerHour, type DerivedTimes } from "./derived";
export { HAPROXY_BACKEND, HAPROXY_FRONTEND, LOCAL_CHECK_ADDRESS, renderHaproxyCfg } from "./haproxy";
export { renderCheckScript } from "./check-script";
export { KEEPALIVED_RESTART_DROP_IN, NONLOCAL_BIND_SYSCTL_FILE, renderLbCloudInit } from "./cloud-init";
