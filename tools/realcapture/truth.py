"""Writes a recording's truth.json from what the sockets said and what tshark reads in the captures.

Per connection: the client's own record (tools/realcapture/client.py), whether the server's application
accepted it (tools/realcapture/server.py's log, linked by the hello line or by the peer the server saw),
its ISN (tshark, from the capture that has the client's own address and port: before NAT) and how many
transmissions of that SYN each capture holds. Per recording: the server namespace's counters that moved
between the two `nstat -az` snapshots. The analyzer is never consulted.
"""
import argparse
import json
import os
import platform
import subprocess
import time

FIELDS = ["frame.time_epoch", "ip.src", "tcp.srcport", "ip.dst", "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw"]


def segments_of(path, display_filter):
    """The segments of a capture that match a display filter, as tshark decodes them."""
    out = subprocess.run(["tshark", "-n", "-r", path, "-Y", display_filter, "-T", "fields",
                          *[arg for field in FIELDS for arg in ("-e", field)]],
                         check=True, capture_output=True, text=True).stdout
    segments = []
    for line in out.splitlines():
        time_epoch, src, sport, dst, dport, seq, ack = line.split("\t")
        segments.append({"time": float(time_epoch), "from": f"{src}:{sport}", "to": f"{dst}:{dport}",
                         "seq": int(seq), "ack": int(ack) if ack else None})
    return segments


# A bare ACK counts as the answer to a SYN transmission when it comes this soon after it.
ANSWER_WINDOW_SECONDS = 0.5


def what_capture_saw(packets, isn, port):
    """The client's SYN transmissions (by ISN), the SYN-ACKs answering them and the client's RSTs in one capture.

    Also the bare ACKs (no SYN, no data) that answered a SYN transmission with another acknowledgement than
    ISN + 1, as a socket of an earlier connection on the four-tuple answers it (TIME-WAIT, tcp_v4_timewait_ack),
    and the client's RSTs whose sequence number is such an ACK's acknowledgement.
    """
    mine = [s for s in packets["syns"] if s["seq"] == isn and s["to"].endswith(":" + port)]
    first = mine[0]["from"] if mine else None
    after = (isn + 1) % 2**32
    syn_acks = [s for s in packets["synAcks"] if s["ack"] == after and s["from"].endswith(":" + port)]
    resets = [s for s in packets["resets"] if s["seq"] == after and s["to"].endswith(":" + port)]
    # Every source the SYN was captured with: one, or before and after NAT in a capture of both sides (-i any).
    sources = sorted({s["from"] for s in mine})
    # Before the handshake's SYN-ACK: after it, the server's ACKs are the new connection's own.
    answered = min((s["time"] for s in syn_acks if first and s["to"] == first), default=float("inf"))
    bare_acks = [a for a in packets["bareAcks"] if a["to"] == first and a["from"].endswith(":" + port) and a["ack"] != after
                 and a["time"] < answered and any(0 <= a["time"] - s["time"] <= ANSWER_WINDOW_SECONDS for s in mine)]
    numbers = {a["ack"] for a in bare_acks}
    collision_resets = [r for r in packets["resets"] if r["from"] == first and r["seq"] in numbers]
    return {"transmissions": len(mine), "from": first, "sources": sources, "synAcks": len(syn_acks), "clientResets": len(resets),
            "unrelatedAcks": len(bare_acks), "unrelatedAckResets": len(collision_resets)}


def counters(path):
    values = {}
    with open(path) as lines:
        for line in lines:
            fields = line.split()
            if len(fields) >= 2 and not line.startswith("#") and fields[1].isdigit():
                values[fields[0]] = int(fields[1])
    return values


def read_lines(path):
    with open(path) as lines:
        return [json.loads(line) for line in lines if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--metadata", required=True, help="JSON object: the scenario's own facts")
    parser.add_argument("--server", required=True, help="the server's address")
    parser.add_argument("--node-address", required=True, help="the node's address outside, after MASQUERADE")
    parser.add_argument("--clients", required=True)
    parser.add_argument("--server-log", required=True)
    parser.add_argument("--nstat-before", required=True)
    parser.add_argument("--nstat-after", required=True)
    parser.add_argument("--captures", nargs="+", required=True, help="the directory, then the capture file names")
    args = parser.parse_args()
    directory, names = args.captures[0], args.captures[1:]
    packets = {name: {
        "syns": segments_of(os.path.join(directory, name), "tcp.flags.syn == 1 && tcp.flags.ack == 0"),
        "synAcks": segments_of(os.path.join(directory, name), "tcp.flags.syn == 1 && tcp.flags.ack == 1"),
        "resets": segments_of(os.path.join(directory, name), "tcp.flags.reset == 1"),
        "bareAcks": segments_of(os.path.join(directory, name),
                                "tcp.flags.ack == 1 && tcp.flags.syn == 0 && tcp.flags.reset == 0 && tcp.flags.fin == 0 && tcp.len == 0"),
    } for name in names}
    accepts = read_lines(args.server_log)
    connections = []
    for client in read_lines(args.clients):
        # The SYN the client's socket sent: its own address and port, within the connect() call.
        own = [s for name in names for s in packets[name]["syns"] if s["from"] == client["local"]
               and s["to"] == client["destination"] and client["started"] - 0.1 <= s["time"] <= client["connectEnded"] + 0.1]
        isn = own[0]["seq"] if own else None
        port = client["destination"].split(":")[1]
        seen = {name: what_capture_saw(packets[name], isn, port) for name in names}
        peers = {entry["from"] for entry in seen.values() if entry["from"]}
        hello = f"hello {client['pod']} {client['local']}"
        accepted = [a for a in accepts if a["hello"] == hello or (a["hello"] is None and a["peer"] in peers
                                                                  and a["accepted"] >= client["started"])]
        # The server socket's MSS, where the server's log has it (logs recorded before it was added do not).
        server_mss = {"serverMss": accepted[0]["mss"]} if accepted and "mss" in accepted[0] else {}
        connections.append({**client, "isn": isn, "synsSeen": seen,
                            "serverAccepted": bool(accepted), "serverHello": accepted[0]["hello"] if accepted else None, **server_mss})
    before, after = counters(args.nstat_before), counters(args.nstat_after)
    moved = {name: after[name] - before.get(name, 0) for name in sorted(after) if after[name] != before.get(name, 0)}
    truth = {
        **json.loads(args.metadata),
        "server": args.server,
        "nodeAddress": args.node_address,
        "kernel": platform.release(),
        "recorded": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "tcpTimestamps": int(open("/proc/sys/net/ipv4/tcp_timestamps").read()),
        "captures": names,
        "serverCounters": moved,
        "unmatchedServerAccepts": len(accepts) - sum(1 for c in connections if c["serverAccepted"]),
        "connections": connections,
    }
    print(json.dumps(truth, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
