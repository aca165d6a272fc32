#!/usr/bin/env python3
"""Loss and delay for packets nftables queues to NFQUEUE (this kernel has no sch_netem).

usage: netem-queue.py QUEUE LOSS DELAY_MS JITTER_MS STATS_FILE STOP_FILE

Run inside the namespace whose nftables rule says `queue num QUEUE`. Each queued packet is
dropped with probability LOSS (independently), otherwise accepted after a delay drawn uniformly
from DELAY_MS +- JITTER_MS (so packets may be reordered, as with netem's jitter). Speaks the
nfnetlink queue protocol over a raw netlink socket (no libnetfilter_queue on this host):
include/uapi/linux/netfilter/nfnetlink_queue.h. Every second it rewrites STATS_FILE with
"seen dropped accepted mean_delay_ms max_lateness_ms" (the first time as soon as the queue is
bound: until then the kernel would drop what the rule queues); it stops when STOP_FILE exists.
"""
import heapq
import os
import random
import select
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET, NFQNL_MSG_VERDICT, NFQNL_MSG_CONFIG = 0, 1, 2
NFQA_CFG_CMD, NFQA_CFG_PARAMS = 1, 2
NFQA_PACKET_HDR, NFQA_VERDICT_HDR = 1, 2
NFQNL_CFG_CMD_BIND = 1
NFQNL_COPY_META = 1
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
NF_DROP, NF_ACCEPT = 0, 1


def attr(kind, payload):
    length = 4 + len(payload)
    return struct.pack("=HH", length, kind) + payload + b"\0" * ((4 - length % 4) % 4)


def message(msg_type, queue, attrs, flags=NLM_F_REQUEST):
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attrs)
    kind = (NFNL_SUBSYS_QUEUE << 8) | msg_type
    return struct.pack("=IHHII", 16 + len(body), kind, flags, 0, 0) + body


def configure(sock, queue):
    cmd = struct.pack("=BBH", NFQNL_CFG_CMD_BIND, 0, socket.htons(socket.AF_INET))
    sock.send(message(NFQNL_MSG_CONFIG, queue, [attr(NFQA_CFG_CMD, cmd)], NLM_F_REQUEST | NLM_F_ACK))
    check_ack(sock)
    params = struct.pack(">IB", 0xFFFF, NFQNL_COPY_META)
    sock.send(message(NFQNL_MSG_CONFIG, queue, [attr(NFQA_CFG_PARAMS, params)], NLM_F_REQUEST | NLM_F_ACK))
    check_ack(sock)


def check_ack(sock):
    data = sock.recv(65536)
    _, kind = struct.unpack_from("=IH", data, 0)
    if kind == NLMSG_ERROR:
        (error,) = struct.unpack_from("=i", data, 16)
        if error != 0:
            raise OSError(-error, "nfqueue config: %s" % os.strerror(-error))


def packet_ids(data):
    """The packet ids of the NFQNL_MSG_PACKET messages in one recv."""
    offset = 0
    while offset + 16 <= len(data):
        length, kind = struct.unpack_from("=IH", data, offset)
        if length < 16:
            break
        if kind == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
            at = offset + 16 + 4
            while at + 4 <= offset + length:
                alen, atype = struct.unpack_from("=HH", data, at)
                if alen < 4:
                    break
                if atype & 0x7FFF == NFQA_PACKET_HDR:
                    yield struct.unpack_from(">I", data, at + 4)[0]
                at += (alen + 3) & ~3
        offset += (length + 3) & ~3


def verdict(sock, queue, packet_id, decision):
    sock.send(message(NFQNL_MSG_VERDICT, queue, [attr(NFQA_VERDICT_HDR, struct.pack(">II", decision, packet_id))]))


def main():
    queue, loss = int(sys.argv[1]), float(sys.argv[2])
    delay, jitter = float(sys.argv[3]) / 1000, float(sys.argv[4]) / 1000
    stats_file, stop_file = sys.argv[5], sys.argv[6]
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    sock.bind((0, 0))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    configure(sock, queue)
    pending = []  # (due, packet id)
    seen = dropped = accepted = 0
    delay_sum = lateness_max = 0.0
    next_stats = time.monotonic()  # the first write at once: it tells the driver the queue is bound
    while not os.path.exists(stop_file):
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            due, packet_id = heapq.heappop(pending)
            verdict(sock, queue, packet_id, NF_ACCEPT)
            accepted += 1
            lateness_max = max(lateness_max, now - due)
        if now >= next_stats:
            mean = delay_sum / accepted * 1000 if accepted else 0
            with open(stats_file + ".tmp", "w") as f:
                f.write("%d %d %d %.2f %.2f\n" % (seen, dropped, accepted, mean, lateness_max * 1000))
            os.replace(stats_file + ".tmp", stats_file)
            next_stats = now + 1
        wait = min(next_stats, pending[0][0] if pending else next_stats) - now
        if select.select([sock], [], [], max(0.0, wait))[0]:
            for packet_id in packet_ids(sock.recv(65536)):
                seen += 1
                if random.random() < loss:
                    verdict(sock, queue, packet_id, NF_DROP)
                    dropped += 1
                    continue
                hold = max(0.0, random.uniform(delay - jitter, delay + jitter))
                delay_sum += hold
                heapq.heappush(pending, (time.monotonic() + hold, packet_id))
    for _, packet_id in pending:
        verdict(sock, queue, packet_id, NF_ACCEPT)


if __name__ == "__main__":
    main()
