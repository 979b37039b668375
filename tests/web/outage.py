"""A database outage on demand: a TCP forwarder to PostgreSQL whose port can go dark.

The app reaches PostgreSQL through the forwarder's own port; ``dark()`` drops every
packet sent to that port (an iptables rule), as a failed switch or a partition
would, so the app's connections see no answer and no reset. Only this test's
traffic is affected. Needs root and iptables (``dev.py test`` installs it as root).
"""

import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from tests.ports import free_port


def can_go_dark() -> bool:
    if shutil.which("iptables") is None:
        return False
    probe = subprocess.run(["iptables", "-S", "INPUT"], capture_output=True, check=False)
    return probe.returncode == 0


class Forwarder:
    """Copies bytes between each client and PostgreSQL, one thread per direction."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target, self.port = target, free_port()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(source, sink), daemon=True).start()

    def close(self) -> None:
        self._listener.close()

    @contextmanager
    def dark(self) -> Iterator[None]:
        """Drop every packet to the forwarder's port until the block ends."""
        rule = ["INPUT", "-p", "tcp", "--dport", str(self.port), "-j", "DROP"]
        subprocess.run(["iptables", "-I", *rule], check=True)
        try:
            yield
        finally:
            subprocess.run(["iptables", "-D", *rule], check=True)


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, sink):
            end.close()
