"""A real Ray cluster made of `ray start` processes on 127.0.0.1, for the distributed-ingest tests and benchmark.

Every daemon a node starts names the cluster's private temp directory on its command line; the processes
that appeared during one node's `ray start` (which this helper runs one at a time) are that node's, and
worker processes descend from them. A node is stopped, or lost on purpose, by killing exactly those PIDs:
never `ray stop`, which would stop other people's Ray processes on a shared machine.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
# A small object store: chunks and reports are a few kilobytes.
OBJECT_STORE_BYTES = 100 * 1024 * 1024
# The head notices a lost node within a few seconds instead of the default half minute.
FAST_HEALTH_CHECKS = {"RAY_health_check_period_ms": "500", "RAY_health_check_timeout_ms": "500",
                      "RAY_health_check_failure_threshold": "4", "RAY_health_check_initial_delay_ms": "0"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ray_executable() -> str:
    beside = Path(sys.executable).with_name("ray")
    return str(beside) if beside.exists() else "ray"


def _process_table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) of every live (not zombie) process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if fields[0] != "Z":
            table[int(entry.name)] = (int(fields[1]), command)
    return table


def _with_descendants(roots: set[int], table: dict[int, tuple[int, str]]) -> set[int]:
    found = {pid for pid in roots if pid in table}
    grew = True
    while grew:
        children = {pid for pid, (parent, _) in table.items() if parent in found} - found
        found |= children
        grew = bool(children)
    return found


class RayCluster:
    """A head and any number of worker nodes started as processes; `stop` kills every one of them by PID."""

    def __init__(self) -> None:
        # Short: Ray's socket paths under it must fit in 107 bytes.
        self.temp_dir = tempfile.mkdtemp(prefix="qtray-", dir="/tmp")
        self.address = ""
        self.nodes: list[set[int]] = []  # each node's own daemons (roots of its process tree)

    def start_head(self, *, num_cpus: int) -> str:
        port = free_port()
        self._start(["--head", f"--port={port}", f"--temp-dir={self.temp_dir}", "--include-dashboard=false"],
                    num_cpus=num_cpus, extra_environment=FAST_HEALTH_CHECKS)
        self.address = f"127.0.0.1:{port}"
        return self.address

    def add_node(self, *, num_cpus: int) -> int:
        """Start a worker node; returns its index for `node_processes` and `kill_node`."""
        return self._start([f"--address={self.address}"], num_cpus=num_cpus)

    def _start(self, arguments: list[str], *, num_cpus: int, extra_environment: dict[str, str] | None = None) -> int:
        environment = {**os.environ, **(extra_environment or {}), "RAY_USAGE_STATS_ENABLED": "0",
                       "PYTHONPATH": os.pathsep.join(filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH")]))}
        command = [ray_executable(), "start", *arguments, "--node-ip-address=127.0.0.1", f"--num-cpus={num_cpus}",
                   "--disable-usage-stats", f"--object-store-memory={OBJECT_STORE_BYTES}",
                   f"--node-manager-port={free_port()}", f"--object-manager-port={free_port()}",
                   f"--dashboard-agent-listen-port={free_port()}", f"--dashboard-agent-grpc-port={free_port()}",
                   f"--metrics-export-port={free_port()}", f"--runtime-env-agent-port={free_port()}"]
        before = set(self._own_roots())
        result = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)
        self.nodes.append(set(self._own_roots()) - before)
        if result.returncode != 0:
            raise RuntimeError(f"ray start failed: {result.stderr[-2000:]}")
        return len(self.nodes) - 1

    def _own_roots(self) -> list[int]:
        return [pid for pid, (_, command) in _process_table().items() if self.temp_dir in command]

    def node_processes(self, node: int) -> set[int]:
        return _with_descendants(self.nodes[node], _process_table())

    def processes(self, *, named: str | None = None) -> list[int]:
        """PIDs of every live process of the cluster, optionally only those whose command line contains
        `named` (Ray titles an actor's process "ray::ClassName")."""
        table = _process_table()
        every = _with_descendants(set(self._own_roots()) | set().union(*self.nodes), table)
        return sorted(pid for pid in every if named is None or named in table[pid][1])

    def kill_node(self, node: int) -> None:
        self._kill(lambda: self.node_processes(node))

    def stop(self) -> None:
        """SIGKILL every process of the cluster, and remove its temp directory."""
        self._kill(lambda: set(self.processes()))
        shutil.rmtree(self.temp_dir, ignore_errors=True)

    @staticmethod
    def _kill(find) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pids = find()
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.2)
