import { CHECK_INTERVAL_SECONDS, STATE_DIR, STATUS_FILE } from "./paths";
import type { NatGatewayRenderInput } from "./model";

/** A status older than this many check intervals is reported unhealthy (the check timer stopped). */
const STALE_CHECKS = 3;

/**
 * The server's bounds: a flood of slow or idle clients costs a socket each and is cut off, never a
 * thread. Exported for the namespace test that floods it.
 */
export const HEALTH_LIMITS = {
  /** Connections served at once; more are reset on accept. */
  maxConnections: 64,
  /** Connections served at once per source address, so one host cannot starve the prober. */
  maxPerSource: 4,
  /** The whole request head must arrive within this, or the connection is reset. */
  requestSeconds: 2,
  /** Longest request head read. */
  maxHeadBytes: 4096,
  /** A status older than this is unhealthy. */
  staleSeconds: STALE_CHECKS * CHECK_INTERVAL_SECONDS + 5,
} as const;

/**
 * A small Python 3 health endpoint for probers inside the VPC. It binds the VPC address the setup
 * script detected (read from STATE_DIR/env) and answers GET /healthz with JSON: 200 when the status
 * root last wrote (setup and the check timer, STATUS_FILE) is fresh and says forwarding is on and
 * the nftables table has its masquerade rule and drop policies, 503 otherwise.
 *
 * It runs as an unprivileged dynamic user with no capabilities, so it never runs `nft` itself. One
 * asyncio loop, no thread per client: at most MAX_CONNECTIONS open and MAX_PER_SOURCE per source
 * address (more are reset at once), and a request must arrive whole within REQUEST_SECONDS.
 * Arguments: --state FILE, --status FILE, --port N (default healthPort), --bind ADDRESS.
 */
export function renderHealthServer(input: NatGatewayRenderInput): string {
  const constants = [
    `GATEWAY = ${JSON.stringify(input.name)}`,
    `DEFAULT_PORT = ${input.healthPort}`,
    `DEFAULT_STATE = ${JSON.stringify(`${STATE_DIR}/env`)}`,
    `DEFAULT_STATUS = ${JSON.stringify(STATUS_FILE)}`,
    `STALE_SECONDS = ${HEALTH_LIMITS.staleSeconds}`,
    "# Bounds: a flood of slow or idle clients costs a socket each and is cut off, never a thread.",
    `MAX_CONNECTIONS = ${HEALTH_LIMITS.maxConnections}`,
    `MAX_PER_SOURCE = ${HEALTH_LIMITS.maxPerSource}`,
    `REQUEST_SECONDS = ${HEALTH_LIMITS.requestSeconds}`,
    `MAX_HEAD_BYTES = ${HEALTH_LIMITS.maxHeadBytes}`,
  ];
  return [...HEADER, ...constants, ...BODY, ""].join("\n");
}

const HEADER = [
  "#!/usr/bin/env python3",
  '"""failover-stacks NAT gateway health endpoint (generated; unprivileged, served on the VPC address only)."""',
  "import argparse",
  "import asyncio",
  "import json",
  "import time",
  "",
];

const BODY = [
  "",
  "",
  "def read_pairs(path):",
  "    pairs = {}",
  "    with open(path, encoding='utf-8') as handle:",
  "        for line in handle:",
  "            key, _, value = line.strip().partition('=')",
  "            if key:",
  "                pairs[key] = value",
  "    return pairs",
  "",
  "",
  "def nat_status(path, now):",
  '    """The status root last wrote; stale or missing counts as unhealthy."""',
  "    try:",
  "        pairs = read_pairs(path)",
  "        age = now - float(pairs.get('CHECKED_AT', 'nan'))",
  "    except (OSError, ValueError):",
  "        return {'gateway': GATEWAY, 'healthy': False, 'error': 'no readable status'}",
  "    status = {",
  "        'gateway': GATEWAY,",
  "        'forwarding': pairs.get('FORWARDING') == '1',",
  "        'masquerade': pairs.get('MASQUERADE') == '1',",
  "        'forwardPolicyDrop': pairs.get('FORWARD_POLICY_DROP') == '1',",
  "        'inputPolicyDrop': pairs.get('INPUT_POLICY_DROP') == '1',",
  "        'checkedSecondsAgo': round(age, 1),",
  "    }",
  "    fresh = 0 <= age <= STALE_SECONDS",
  "    status['healthy'] = fresh and all(status[k] for k in (",
  "        'forwarding', 'masquerade', 'forwardPolicyDrop', 'inputPolicyDrop'))",
  "    return status",
  "",
  "",
  "def response(code, reason, body):",
  "    head = (f'HTTP/1.1 {code} {reason}\\r\\nContent-Type: application/json\\r\\n'",
  "            f'Content-Length: {len(body)}\\r\\nConnection: close\\r\\n\\r\\n')",
  "    return head.encode('ascii') + body",
  "",
  "",
  "class Health:",
  "    def __init__(self, status_path):",
  "        self.status_path = status_path",
  "        self.open = 0",
  "        self.per_source = {}",
  "",
  "    async def serve(self, reader, writer):",
  "        head = await reader.readuntil(b'\\r\\n\\r\\n')",
  "        method, path = (head.split(b'\\r\\n', 1)[0].split(b' ') + [b'', b''])[:2]",
  "        if method != b'GET':",
  "            writer.write(response(405, 'Method Not Allowed', b'{\"error\": \"GET only\"}'))",
  "        elif path not in (b'/', b'/healthz'):",
  "            writer.write(response(404, 'Not Found', b'{\"error\": \"try /healthz\"}'))",
  "        else:",
  "            status = nat_status(self.status_path, time.time())",
  "            body = json.dumps(status).encode()",
  "            healthy = status['healthy']",
  "            writer.write(response(200 if healthy else 503, 'OK' if healthy else 'Service Unavailable', body))",
  "        await writer.drain()",
  "",
  "    async def handle(self, reader, writer):",
  "        source = (writer.get_extra_info('peername') or ('?',))[0]",
  "        if self.open >= MAX_CONNECTIONS or self.per_source.get(source, 0) >= MAX_PER_SOURCE:",
  "            writer.transport.abort()",
  "            return",
  "        self.open += 1",
  "        self.per_source[source] = self.per_source.get(source, 0) + 1",
  "        try:",
  "            await asyncio.wait_for(self.serve(reader, writer), REQUEST_SECONDS)",
  "            writer.close()",
  "        except (asyncio.TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,",
  "                OSError, ValueError):",
  "            writer.transport.abort()",
  "        finally:",
  "            self.open -= 1",
  "            self.per_source[source] -= 1",
  "            if self.per_source[source] == 0:",
  "                del self.per_source[source]",
  "",
  "",
  "async def serve_forever(bind, port, status_path):",
  "    health = Health(status_path)",
  "    server = await asyncio.start_server(health.handle, bind, port, limit=MAX_HEAD_BYTES,",
  "                                        reuse_address=True, backlog=128)",
  "    async with server:",
  "        await server.serve_forever()",
  "",
  "",
  "def main():",
  "    parser = argparse.ArgumentParser()",
  "    parser.add_argument('--state', default=DEFAULT_STATE)",
  "    parser.add_argument('--status', default=DEFAULT_STATUS)",
  "    parser.add_argument('--port', type=int, default=DEFAULT_PORT)",
  "    parser.add_argument('--bind', default=None)",
  "    args = parser.parse_args()",
  "    bind = args.bind or read_pairs(args.state)['VPC_ADDRESS']",
  "    asyncio.run(serve_forever(bind, args.port, args.status))",
  "",
  "",
  "if __name__ == '__main__':",
  "    main()",
];
