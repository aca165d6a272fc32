#!/usr/bin/env python3
"""Answers every GET with the caller's source address, like ifconfig.me/ip (egress test helper)."""
import sys
import socketserver
from http.server import BaseHTTPRequestHandler


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server naming)
        body = (self.client_address[0] + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass


class Server(socketserver.ThreadingTCPServer):
    # Plain TCP server: http.server's HTTPServer resolves its own name (getfqdn) before listening,
    # which stalls for seconds in a namespace without DNS.
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    Server((sys.argv[1], int(sys.argv[2])), Handler).serve_forever()
