"""The recordings' server: listens, greets on accept(), reads the client's hello, answers and closes first.

Closing first puts the server's socket in TIME-WAIT, as MySQL does on COM_QUIT (what tcp_tw_recycle
once remembered stamps from). Every accept() is logged as a JSON line with the peer as the server saw it
(after NAT) and the hello line that names the client's pod and its own local address: the server side
of the ground truth, with the MSS its socket sends with. --backlog and --accept-delay make a slow
application with a short accept queue.
"""
import argparse
import json
import socket
import threading
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", required=True)
    parser.add_argument("--port", type=int, action="append", required=True)
    parser.add_argument("--backlog", type=int, default=64, help="listen() backlog")
    parser.add_argument("--accept-delay", type=float, default=0.0, help="seconds the application sleeps before each accept()")
    parser.add_argument("--max-accepts", type=int, default=None, help="stop calling accept() after this many (a hung application)")
    parser.add_argument("--lifetime", type=float, default=600.0, help="exit after this many seconds whatever happens")
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    log = open(args.log, "a", buffering=1)
    lock = threading.Lock()

    def write(record):
        with lock:
            log.write(json.dumps(record, sort_keys=True) + "\n")

    def serve(conn, peer, port, accepted, mss):
        hello = None
        try:
            conn.settimeout(3.0)
            conn.sendall(b"greeting\n")
            hello = conn.recv(128).decode(errors="replace").strip() or None
            if hello:
                conn.sendall(b"ok\n")
        except OSError as error:
            hello = f"error {error.errno}"
        finally:
            conn.close()
        write({"port": port, "peer": f"{peer[0]}:{peer[1]}", "accepted": accepted, "hello": hello, "mss": mss})

    def listen(port):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((args.address, port))
        listener.listen(args.backlog)
        accepts = 0
        while args.max_accepts is None or accepts < args.max_accepts:
            accepts += 1
            if args.accept_delay:
                time.sleep(args.accept_delay)
            conn, peer = listener.accept()
            # The MSS the server's socket sends with (TCP_MAXSEG: tp->mss_cache, less the timestamp option):
            # a SYN cookie keeps only msstab's value at or below the client's MSS.
            mss = conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG)
            threading.Thread(target=serve, args=(conn, peer, port, time.time(), mss), daemon=True).start()
        # Hung: the listener stays open (and its queue full) until the process ends.
        time.sleep(args.lifetime)
        listener.close()

    for port in args.port:
        threading.Thread(target=listen, args=(port,), daemon=True).start()
    time.sleep(args.lifetime)


if __name__ == "__main__":
    main()
