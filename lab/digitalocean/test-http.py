#!/usr/bin/env python3
"""HTTP helpers for the egress tests:
  test-http.py whoami BIND PORT       answers every GET with the caller's source address (ifconfig.me/ip)
  test-http.py files BIND PORT DIR    serves DIR (a stand-in for the droplet metadata service)"""
import functools
import socketserver
import sys
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler


class WhoAmI(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server naming)
        body = (self.client_address[0] + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass


class Files(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass


class Server(socketserver.ThreadingTCPServer):
    # Plain TCP server: http.server's HTTPServer resolves its own name (getfqdn) before listening,
    # which stalls for seconds in a namespace without DNS.
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    mode, bind, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    handler = WhoAmI if mode == "whoami" else functools.partial(Files, directory=sys.argv[4])
    Server((bind, port), handler).serve_forever()
