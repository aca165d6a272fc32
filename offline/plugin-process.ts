/**
 * Starts a Pulumi plugin entry (`cmd/run-plugin`, `cmd/run-policy-pack`) as the engine does and
 * reads the port it prints on stdout. Shared by the component-package client and the policy tests.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface PluginProcess {
  readonly port: number;
  readonly child: ChildProcess;
  readonly stderr: () => string;
}

export async function startPluginProcess(
  entry: string,
  args: readonly string[],
  cwd: string,
  timeoutMs: number,
): Promise<PluginProcess> {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // the test runner's marker; the engine's child has none
  const child = spawn(process.execPath, [entry, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${entry} printed no port after ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      const line = /^(\d+)\s*$/m.exec(stdout);
      if (line) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
  return { port, child, stderr: () => stderr };
}
