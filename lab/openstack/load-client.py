"""Steady client load for the failover benchmark: one HTTPS GET /readyz to VIP:PORT every 1/RATE s,
each in its own thread (a hung request does not slow the rate), 1 s timeout. Appends one line per
request to OUT: `<start> <end> <status|FAIL>` (epoch seconds). Stops when the STOP file exists or
after MAX_SECONDS (bounded)."""
import os
import socket
import ssl
import sys
import threading
import time


def request(vip: str, port: int, context: ssl.SSLContext, out, lock: threading.Lock) -> None:
    start = time.time()
    status = "FAIL"
    try:
        with socket.create_connection((vip, port), timeout=1) as raw:
            raw.settimeout(max(0.05, 1 - (time.time() - start)))
            with context.wrap_socket(raw, server_hostname=vip) as tls:
                tls.sendall(f"GET /readyz HTTP/1.0\r\nHost: {vip}\r\n\r\n".encode())
                head = tls.recv(64).decode(errors="replace").split(" ")
                if len(head) > 1 and head[1].isdigit():
                    status = head[1]
    except (OSError, ValueError):
        pass
    with lock:
        out.write(f"{start:.3f} {time.time():.3f} {status}\n")
        out.flush()


def main() -> None:
    vip, port, rate, max_seconds, path, stop = sys.argv[1:7]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    interval = 1 / float(rate)
    lock = threading.Lock()
    begin = time.time()
    with open(path, "a", encoding="utf8") as out:
        n = 0
        while time.time() - begin < float(max_seconds) and not os.path.exists(stop):
            threading.Thread(target=request, args=(vip, int(port), context, out, lock), daemon=True).start()
            n += 1
            time.sleep(max(0.0, begin + n * interval - time.time()))
        time.sleep(1.2)  # let the last requests finish or time out


if __name__ == "__main__":
    main()
