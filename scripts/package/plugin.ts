/**
 * Serves a source-based component package the way Pulumi runs a `runtime: nodejs` plugin, and asks
 * it for its schema over pulumirpc.ResourceProvider.
 *
 * The nodejs language host runs `@pulumi/pulumi/cmd/run-plugin <plugin folder> [engine]`. At the
 * pinned SDK (3.270.0, cmd/run-plugin/run.js) that entry requires the folder (package.json `main`),
 * collects the exported ComponentResource classes, derives the package name and namespace from
 * package.json `name` and calls `componentProviderHost`, whose GetSchema runs the SDK's Analyzer
 * over the folder's TypeScript sources. Nothing here re-implements that: it starts the real entry,
 * resolved from the package folder, and reads the port it prints.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import { startPluginProcess } from "../../offline/plugin-process";

/** run-plugin type-checks nothing we load (dist/ is JS), but a loaded machine starts slowly. */
const START_TIMEOUT_MS = 120_000;

export interface ServedPlugin {
  readonly client: ResourceProviderClient;
  readonly stderr: () => string;
  stop(): void;
}

/** Starts `cmd/run-plugin` for the package in `packageDir`, as the nodejs language host does. */
export async function servePlugin(packageDir: string): Promise<ServedPlugin> {
  const entry = createRequire(path.join(packageDir, "package.json")).resolve("@pulumi/pulumi/cmd/run-plugin");
  const plugin = await startPluginProcess(entry, [packageDir], packageDir, START_TIMEOUT_MS);
  const client = new ResourceProviderClient(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": 64 * 1024 * 1024,
  });
  return {
    client,
    stderr: plugin.stderr,
    stop: () => {
      client.close();
      plugin.child.kill();
    },
  };
}

/** GetSchema as the engine asks it (version 0: the latest); the plugin answers JSON text. */
export async function getSchema(client: ResourceProviderClient): Promise<string> {
  const response = await new Promise<provider.GetSchemaResponse>((resolve, reject) =>
    client.getSchema(new provider.GetSchemaRequest(), (err, res) => (err ? reject(err) : resolve(res))),
  );
  return response.getSchema();
}

/** Serves the package once and returns its schema, pretty-printed as it is committed. */
export async function schemaOf(packageDir: string): Promise<string> {
  const served = await servePlugin(packageDir);
  try {
    const schema: unknown = JSON.parse(await getSchema(served.client));
    return `${JSON.stringify(schema, null, 2)}\n`;
  } catch (err) {
    throw new Error(`GetSchema failed: ${String(err)}\nplugin stderr:\n${served.stderr()}`);
  } finally {
    served.stop();
  }
}
