#!/usr/bin/env python3
"""Slow-client flood for the health-server test, bounded in time and in connections:
  slow-clients.py HOST PORT SOURCE COUNT SECONDS
Keeps COUNT connections from SOURCE open (reopening those the server ends, at most 20 * COUNT in
all), each with an unfinished request head that gains one byte every 0.5 s. Prints JSON: how many
were opened, how long each lived before the server ended it, the oldest still open at the end."""
import json
import socket
import sys
import time

HEAD = b"GET /healthz HTTP/1.1\r\nHost: gateway\r\n"


def connect(host, port, source):
    sock = socket.socket()
    sock.bind((source, 0))
    sock.settimeout(1)
    try:
        sock.connect((host, port))
        sock.sendall(HEAD)
    except OSError:
        sock.close()
        return None
    sock.setblocking(False)
    return sock


def ended(sock, trickle):
    try:
        if sock.recv(4096) == b"":
            return True
        if trickle:
            sock.send(b"X")
    except BlockingIOError:
        return False
    except OSError:
        return True
    return False


def main():
    host, port, source = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    count, seconds = int(sys.argv[4]), float(sys.argv[5])
    deadline = time.monotonic() + seconds
    budget = 20 * count
    open_since, lifetimes, failed, opened = {}, [], 0, 0
    next_trickle = time.monotonic()
    while time.monotonic() < deadline:
        while len(open_since) < count and opened + failed < budget:
            sock = connect(host, port, source)
            if sock is None:
                failed += 1
                break
            opened += 1
            open_since[sock] = time.monotonic()
        now = time.monotonic()
        trickle = now >= next_trickle
        for sock, since in list(open_since.items()):
            if ended(sock, trickle):
                lifetimes.append(round(now - since, 3))
                del open_since[sock]
                sock.close()
        if trickle:
            next_trickle = now + 0.5
        time.sleep(0.05)
    now = time.monotonic()
    oldest = max((now - since for since in open_since.values()), default=0.0)
    for sock in open_since:
        sock.close()
    print(json.dumps({"opened": opened, "failed": failed, "lifetimes": lifetimes,
                      "stillOpen": len(open_since), "oldestOpen": round(oldest, 3)}))


if __name__ == "__main__":
    main()
