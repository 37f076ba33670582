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

SYN_FIELDS = ["frame.time_epoch", "ip.src", "tcp.srcport", "ip.dst", "tcp.dstport", "tcp.seq_raw"]


def syns_of(path):
    """Every SYN (without ACK) in a capture, as tshark decodes it."""
    out = subprocess.run(["tshark", "-n", "-r", path, "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 0", "-T", "fields",
                          *[arg for field in SYN_FIELDS for arg in ("-e", field)]],
                         check=True, capture_output=True, text=True).stdout
    syns = []
    for line in out.splitlines():
        time_epoch, src, sport, dst, dport, isn = line.split("\t")
        syns.append({"time": float(time_epoch), "from": f"{src}:{sport}", "to": f"{dst}:{dport}", "isn": int(isn)})
    return syns


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
    syns = {name: syns_of(os.path.join(directory, name)) for name in names}
    accepts = read_lines(args.server_log)
    connections = []
    for client in read_lines(args.clients):
        # The SYN the client's socket sent: its own address and port, within the connect() call.
        own = [s for name in names for s in syns[name] if s["from"] == client["local"] and s["to"] == client["destination"]
               and client["started"] - 0.1 <= s["time"] <= client["connectEnded"] + 0.1]
        isn = own[0]["isn"] if own else None
        seen = {}
        for name in names:
            mine = [s for s in syns[name] if s["isn"] == isn and s["to"].endswith(":" + client["destination"].split(":")[1])]
            seen[name] = {"transmissions": len(mine), "from": mine[0]["from"] if mine else None}
        peers = {entry["from"] for entry in seen.values() if entry["from"]}
        hello = f"hello {client['pod']} {client['local']}"
        accepted = [a for a in accepts if a["hello"] == hello or (a["hello"] is None and a["peer"] in peers
                                                                  and a["accepted"] >= client["started"])]
        connections.append({**client, "isn": isn, "synsSeen": seen,
                            "serverAccepted": bool(accepted), "serverHello": accepted[0]["hello"] if accepted else None})
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
