"""Prints `<server> <UP|DOWN|...>` for every server of a backend, read from HAProxy's stats
socket (`show stat`), so the failover test needs no socat."""
import csv
import io
import socket
import sys


def main() -> None:
    path, backend = sys.argv[1:3]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(2)
        sock.connect(path)
        sock.sendall(b"show stat\n")
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    text = b"".join(chunks).decode().lstrip("# ")
    for row in csv.DictReader(io.StringIO(text)):
        if row["pxname"] == backend and row["svname"] not in ("FRONTEND", "BACKEND"):
            print(row["svname"], row["status"].split(" ")[0])


if __name__ == "__main__":
    main()
