import { NFT_TABLE, STATE_DIR } from "./paths";
import type { NatGatewayRenderInput } from "./model";
import { assertRenderInput } from "./validate-input";

/**
 * A tiny Python 3 health endpoint for probers inside the VPC. It binds the VPC address the setup
 * script detected (read from STATE_DIR/env) and answers GET /healthz with JSON: 200 when IPv4
 * forwarding is on and the nftables table has its masquerade rule and its drop policy, 503 otherwise.
 * Arguments: --state FILE (default STATE_DIR/env), --port N (default healthPort), --bind ADDRESS.
 */
export function renderHealthServer(input: NatGatewayRenderInput): string {
  assertRenderInput(input);
  const constants = [
    `GATEWAY = ${JSON.stringify(input.name)}`,
    `DEFAULT_PORT = ${input.healthPort}`,
    `DEFAULT_STATE = ${JSON.stringify(`${STATE_DIR}/env`)}`,
    `TABLE = ${JSON.stringify(NFT_TABLE)}`,
  ];
  return [...HEADER, ...constants, ...BODY, ""].join("\n");
}

const HEADER = [
  "#!/usr/bin/env python3",
  '"""failover-stacks NAT gateway health endpoint (generated; served on the VPC address only)."""',
  "import argparse",
  "import json",
  "import subprocess",
  "import socketserver",
  "from http.server import BaseHTTPRequestHandler",
  "",
];

const BODY = [
  "",
  "",
  "def read_state(path):",
  "    state = {}",
  "    with open(path, encoding='utf-8') as handle:",
  "        for line in handle:",
  "            key, _, value = line.strip().partition('=')",
  "            if key:",
  "                state[key] = value",
  "    return state",
  "",
  "",
  "def nat_status():",
  "    with open('/proc/sys/net/ipv4/ip_forward', encoding='ascii') as handle:",
  "        forwarding = handle.read().strip() == '1'",
  "    listing = subprocess.run(['nft', 'list', 'table', 'ip', TABLE],",
  "                             capture_output=True, text=True, timeout=5, check=False)",
  "    rules = listing.stdout if listing.returncode == 0 else ''",
  "    return {",
  "        'gateway': GATEWAY,",
  "        'forwarding': forwarding,",
  "        'masquerade': 'masquerade' in rules,",
  "        'forwardPolicyDrop': 'policy drop' in rules,",
  "    }",
  "",
  "",
  "class Handler(BaseHTTPRequestHandler):",
  "    def do_GET(self):  # noqa: N802 (http.server naming)",
  "        if self.path not in ('/', '/healthz'):",
  "            self.send_error(404)",
  "            return",
  "        status = nat_status()",
  "        healthy = status['forwarding'] and status['masquerade'] and status['forwardPolicyDrop']",
  "        body = json.dumps(dict(status, healthy=healthy)).encode()",
  "        self.send_response(200 if healthy else 503)",
  "        self.send_header('Content-Type', 'application/json')",
  "        self.send_header('Content-Length', str(len(body)))",
  "        self.end_headers()",
  "        self.wfile.write(body)",
  "",
  "    def log_message(self, format, *args):  # pylint: disable=redefined-builtin",
  "        pass",
  "",
  "",
  "class Server(socketserver.ThreadingTCPServer):",
  "    # Plain TCP server: http.server's HTTPServer resolves its own name before listening.",
  "    allow_reuse_address = True",
  "    daemon_threads = True",
  "",
  "",
  "def main():",
  "    parser = argparse.ArgumentParser()",
  "    parser.add_argument('--state', default=DEFAULT_STATE)",
  "    parser.add_argument('--port', type=int, default=DEFAULT_PORT)",
  "    parser.add_argument('--bind', default=None)",
  "    args = parser.parse_args()",
  "    bind = args.bind or read_state(args.state)['VPC_ADDRESS']",
  "    Server((bind, args.port), Handler).serve_forever()",
  "",
  "",
  "if __name__ == '__main__':",
  "    main()",
];
