#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A print service that takes connections and never answers.

    silent-cups.py SOCKET

listens on the Unix socket SOCKET, prints "ready" once it does, accepts
every connection and holds it open without a byte in reply, until killed
(SIGTERM).  Point CUPS_SERVER at SOCKET: each
request then waits for an answer that never comes, as with a network
printer server that hangs.  Used by tests/print.sh; a tmux test of the
print dialog can use it the same way.
"""
import os
import socket
import sys


def main():
    path = sys.argv[1]
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)
    print("ready", flush=True)
    held = []
    while True:
        conn, _ = server.accept()
        held.append(conn)  # never read, never answered


if __name__ == "__main__":
    main()
