"""One or more TCP connections to the recording's server, each reporting what its own socket saw.

The ground truth of the real recordings: the connect() result as the kernel gave it (SO_ERROR after a
non-blocking connect), the local address and port the kernel chose, TCP_INFO right after connect, and
whether the server's application greeted us. Nothing here is read from a capture.

Protocol (tools/realcapture/server.py): the server greets on accept(); the client answers
"hello POD LOCAL", reads "ok" and waits for the server to close first (its socket goes to TIME-WAIT).
One JSON object per connection on stdout.
"""
import argparse
import errno
import json
import select
import socket
import struct
import sys
import threading
import time

# struct tcp_info (include/uapi/linux/tcp.h): 8 bytes of u8 fields, then u32 fields. Offsets of the ones kept.
TCP_INFO_LENGTH = 104
TCPI_STATE, TCPI_RETRANSMITS, TCPI_BACKOFF, TCPI_OPTIONS = 0, 2, 4, 5
TCPI_RTT, TCPI_TOTAL_RETRANS = 68, 100
TCPI_OPT_TIMESTAMPS, TCPI_OPT_SACK, TCPI_OPT_WSCALE = 1, 2, 4
TCP_STATES = {1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1", 5: "FIN_WAIT2", 6: "TIME_WAIT",
              7: "CLOSE", 8: "CLOSE_WAIT", 9: "LAST_ACK", 10: "LISTEN", 11: "CLOSING"}


def tcp_info(sock):
    raw = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, TCP_INFO_LENGTH)
    if len(raw) < TCP_INFO_LENGTH:
        return None
    options = raw[TCPI_OPTIONS]
    return {
        "state": TCP_STATES.get(raw[TCPI_STATE], raw[TCPI_STATE]),
        "retransmits": raw[TCPI_RETRANSMITS],
        "backoff": raw[TCPI_BACKOFF],
        "totalRetrans": struct.unpack_from("=I", raw, TCPI_TOTAL_RETRANS)[0],
        "rttUs": struct.unpack_from("=I", raw, TCPI_RTT)[0],
        "options": {"timestamps": bool(options & TCPI_OPT_TIMESTAMPS), "sack": bool(options & TCPI_OPT_SACK),
                    "wscale": bool(options & TCPI_OPT_WSCALE)},
    }


def endpoint(address):
    return f"{address[0]}:{address[1]}"


def connect_once(args, source_port):
    sock = socket.socket()
    record = {"pod": args.pod, "destination": f"{args.server}:{args.port}"}
    try:
        if args.syn_retries is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_SYNCNT, args.syn_retries)
        if source_port:
            sock.bind(("0.0.0.0", source_port))
        sock.setblocking(False)
        record["started"] = time.time()
        code = sock.connect_ex((args.server, args.port))
        # The kernel chose the local port in connect(); read it before the socket can fail and unhash.
        record["local"] = endpoint(sock.getsockname())
        if code == errno.EINPROGRESS:
            writable = select.select([], [sock], [], args.connect_timeout)[1]
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) if writable else None
        record["connectEnded"] = time.time()
        record["connect"] = "gave-up" if code is None else "ok" if code == 0 else errno.errorcode.get(code, str(code))
        record["tcpInfo"] = tcp_info(sock)
        record["greeted"] = talk(sock, args) if code == 0 else None
        if code == 0:
            record["tcpInfoAtClose"] = tcp_info(sock)
    finally:
        sock.close()
        record["closed"] = time.time()
    return record


def talk(sock, args):
    """True when the server's application greeted this connection before the greeting timeout."""
    sock.setblocking(True)
    sock.settimeout(args.greeting_timeout)
    try:
        if not sock.recv(64).startswith(b"greeting"):
            return False
        sock.sendall(f"hello {args.pod} {endpoint(sock.getsockname())}\n".encode())
        deadline = time.time() + args.greeting_timeout
        while time.time() < deadline and sock.recv(64):
            pass
        return True
    except (socket.timeout, TimeoutError, ConnectionError):
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pod", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--port", type=int, default=3306)
    parser.add_argument("--source-port", type=int, default=0, help="bind this port (the first of --count consecutive ones)")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--gap", type=float, default=0.2, help="seconds between connection starts")
    parser.add_argument("--parallel", action="store_true", help="start the next connection without waiting for this one")
    parser.add_argument("--connect-timeout", type=float, default=3.5, help="the application gives up after this")
    parser.add_argument("--greeting-timeout", type=float, default=3.0)
    parser.add_argument("--syn-retries", type=int, default=None, help="TCP_SYNCNT: the kernel's ETIMEDOUT after these")
    args = parser.parse_args()
    if not 1 <= args.count <= 200:
        sys.exit("client.py: --count must be 1 to 200")
    records, lock, threads = [], threading.Lock(), []

    def run(index):
        record = connect_once(args, args.source_port + index if args.source_port else 0)
        with lock:
            records.append(record)

    for index in range(args.count):
        if args.parallel:
            thread = threading.Thread(target=run, args=(index,))
            thread.start()
            threads.append(thread)
        else:
            run(index)
        time.sleep(args.gap)
    for thread in threads:
        thread.join()
    for record in sorted(records, key=lambda r: r["started"]):
        print(json.dumps(record, sort_keys=True))


if __name__ == "__main__":
    main()
