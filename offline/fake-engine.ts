/**
 * A minimal Pulumi engine for starting the program exactly as `pulumi preview` does: a
 * `pulumirpc.ResourceMonitor` and `pulumirpc.Engine` on 127.0.0.1 that record what the program
 * registers and answer as a first preview does (no ids, outputs only as far as the inputs go, so
 * every cloud-assigned value is unknown). Methods it does not implement answer UNIMPLEMENTED, which
 * the SDK treats as an older engine. Modelled on pulumi/pulumi pkg/resource/deploy/source_eval.go's
 * resmon only as far as the SDK needs it; provider functions are answered from the same models as
 * the mock runtime (offline/cloud-assigned.ts).
 */
import * as grpc from "@grpc/grpc-js";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { callMockFor } from "./cloud-assigned";
import "./cloud-assigned-defaults";

export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string;
  readonly urn: string;
}

export interface FakeEngine {
  readonly address: string;
  readonly registrations: Registration[];
  /** Outputs registered per URN (the stack's exports under the root resource's URN). */
  readonly outputs: Map<string, Record<string, unknown>>;
  readonly logs: string[];
  readonly invokes: string[];
  close(): Promise<void>;
}

/** What the engine announces; outputValues off so inputs arrive as plain (or unknown) values. */
const FEATURES = [
  resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_SECRETS,
  resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES,
  resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS,
  resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
];

type Unary<Req, Res> = grpc.handleUnaryCall<Req, Res>;

export async function startFakeEngine(project: string, stack: string): Promise<FakeEngine> {
  const registrations: Registration[] = [];
  const outputs = new Map<string, Record<string, unknown>>();
  const logs: string[] = [];
  const invokes: string[] = [];
  let root = "";
  const urnOf = (parent: string, type: string, name: string): string => {
    const parentType = parent ? (parent.split("::")[2] ?? "") : "";
    const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
  };
  const record = (
    req: { getType(): string; getName(): string; getParent(): string },
    custom: boolean,
  ): string => {
    const urn = urnOf(req.getParent(), req.getType(), req.getName());
    registrations.push({ type: req.getType(), name: req.getName(), custom, parent: req.getParent(), urn });
    return urn;
  };

  const registerResource: Unary<resproto.RegisterResourceRequest, resproto.RegisterResourceResponse> = (
    call,
    callback,
  ) => {
    const req = call.request;
    const response = new resproto.RegisterResourceResponse();
    response.setUrn(record(req, req.getCustom()));
    // A first preview: the id and every output the cloud assigns are unknown; inputs echo back.
    response.setId("");
    response.setObject(req.getObject() ?? new Struct());
    callback(null, response);
  };
  const readResource: Unary<resproto.ReadResourceRequest, resproto.ReadResourceResponse> = (
    call,
    callback,
  ) => {
    const response = new resproto.ReadResourceResponse();
    response.setUrn(record(call.request, true));
    response.setProperties(new Struct());
    callback(null, response);
  };
  const invoke: Unary<resproto.ResourceInvokeRequest, resproto.ResourceInvokeResponse> = (call, callback) => {
    const token = call.request.getTok();
    invokes.push(token);
    const model = callMockFor(token);
    if (!model) {
      callback({
        code: grpc.status.UNKNOWN,
        details: `fake engine: no model for provider function ${token}`,
      });
      return;
    }
    const args = (call.request.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
    const response = new resproto.ResourceInvokeResponse();
    response.setReturn(Struct.fromJavaScript(model(args) as Parameters<typeof Struct.fromJavaScript>[0]));
    callback(null, response);
  };
  const registerResourceOutputs: Unary<resproto.RegisterResourceOutputsRequest, Empty> = (call, callback) => {
    outputs.set(call.request.getUrn(), call.request.getOutputs()?.toJavaScript() ?? {});
    callback(null, new Empty());
  };
  const getDeploymentInfo: Unary<Empty, resproto.DeploymentInfo> = (_call, callback) => {
    const info = new resproto.DeploymentInfo();
    info.setSupportedfeaturesList(FEATURES);
    callback(null, info);
  };
  const registerPackage: Unary<resproto.RegisterPackageRequest, resproto.RegisterPackageResponse> = (
    call,
    callback,
  ) => {
    const response = new resproto.RegisterPackageResponse();
    response.setRef(`${call.request.getName()}@${call.request.getVersion()}`);
    callback(null, response);
  };
  const signalAndWaitForShutdown: Unary<Empty, Empty> = (_call, callback) => callback(null, new Empty());

  const log: Unary<engproto.LogRequest, Empty> = (call, callback) => {
    logs.push(`${call.request.getSeverity()}: ${call.request.getMessage()}`);
    callback(null, new Empty());
  };
  const getRootResource: Unary<engproto.GetRootResourceRequest, engproto.GetRootResourceResponse> = (
    _call,
    callback,
  ) => callback(null, new engproto.GetRootResourceResponse().setUrn(root));
  const setRootResource: Unary<engproto.SetRootResourceRequest, engproto.SetRootResourceResponse> = (
    call,
    callback,
  ) => {
    root = call.request.getUrn();
    callback(null, new engproto.SetRootResourceResponse());
  };

  const server = new grpc.Server();
  server.addService(resrpc.ResourceMonitorService, {
    registerResource,
    readResource,
    invoke,
    registerResourceOutputs,
    getDeploymentInfo,
    registerPackage,
    signalAndWaitForShutdown,
  });
  server.addService(engrpc.EngineService, { log, getRootResource, setRootResource });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    registrations,
    outputs,
    logs,
    invokes,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}
