"""Stand-in Kubernetes API server for the failover test: HTTPS on the given port, /readyz
answers 200 "ok <name>" or, while the flag file exists, 503 (readiness failing, TLS still up)."""
import http.server
import os
import ssl
import sys


def main() -> None:
    name, address, port, cert, key, unready_flag = sys.argv[1:7]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            ready = not os.path.exists(unready_flag)
            status = 200 if (ready or self.path != "/readyz") else 503
            body = f"{'ok' if status == 200 else 'unready'} {name}\n".encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer((address, int(port)), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
