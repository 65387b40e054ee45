"""Test-only: one guest connection of QEMU's guestfwd ("cmd:"), whose socket is this process's stdin,
stdout and stderr, relayed to 127.0.0.1:PORT (full-install.sh's TLS front). Never writes to stderr:
that is the guest's connection. Usage: python3 guestfwd-relay.py PORT"""
import os
import select
import socket
import sys

sys.stderr = open(os.devnull, "w")
guest = socket.socket(fileno=os.dup(0))
up = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
ends = {guest: up, up: guest}
open_ = {guest, up}
while open_:
    for s in select.select(list(open_), [], [], 600)[0] or [None]:
        if s is None:
            sys.exit(0)
        data = s.recv(65536)
        if data:
            ends[s].sendall(data)
        else:
            open_.discard(s)
            try:
                ends[s].shutdown(socket.SHUT_WR)
            except OSError:
                pass
