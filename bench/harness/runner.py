"""One scenario across all systems: start, check, warm up, then alternate measured runs."""

import os
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import procstat, wrk
from .check import check
from .scenarios import VARIANT_ENV, Scenario
from .server import Server, StartError
from .systems import System


@dataclass
class Config:
    duration: float
    runs: int
    warmup: float
    connections: tuple[int, ...] | None  # None: each scenario's own
    workdir: Path  # server logs and Lua scripts


@dataclass
class Run:
    requests: int
    rps: float
    p50_us: float
    p99_us: float
    errors: dict[str, int]
    cpu_seconds: float
    peak_rss_bytes: int
    other_cpu_share: float  # machine CPU used by neither the server nor wrk, share of all cores

    @property
    def cpu_us_per_request(self) -> float | None:
        return self.cpu_seconds / self.requests * 1e6 if self.requests else None


@dataclass
class Cell:
    system: str
    scenario: str
    connections: int
    runs: list[Run] = field(default_factory=list)
    failure: str | None = None  # one line; "unsupported: ..." for a missing optional feature
    log_tail: str = ""

    def median(self, attribute: str) -> float | None:
        values = [v for r in self.runs if (v := getattr(r, attribute)) is not None]
        return statistics.median(values) if values else None

    @property
    def peak_rss_bytes(self) -> int | None:
        return max((r.peak_rss_bytes for r in self.runs), default=None)

    @property
    def error_count(self) -> int:
        return sum(sum(r.errors.values()) for r in self.runs)

    def as_dict(self) -> dict:
        return {**asdict(self), "runs": [{**asdict(r), "cpu_us_per_request": r.cpu_us_per_request} for r in self.runs]}


def _say(text: str) -> None:
    print(f"[bench] {text}", flush=True)


def _measure(server: Server, script: Path, path: str, connections: int, duration: float) -> Run:
    """One wrk run, with the server tree's CPU, its peak RSS, and everyone else's CPU around it."""
    pids = server.pids()
    procstat.reset_peak_rss(pids)
    cpu_before = procstat.cpu_seconds(pids)
    machine_before, wrk_before = procstat.machine_busy_seconds(), procstat.children_cpu_seconds()
    start = time.monotonic()
    result = wrk.run(server.url + path, script, connections, duration)
    wall = time.monotonic() - start
    cpu = procstat.cpu_seconds(pids) - cpu_before
    wrk_cpu = procstat.children_cpu_seconds() - wrk_before
    other = procstat.machine_busy_seconds() - machine_before - cpu - wrk_cpu
    share = max(0.0, other / (wall * (os.cpu_count() or 1)))
    rss = procstat.peak_rss_bytes(server.pids())
    return Run(result.requests, result.rps, result.p50_us, result.p99_us, result.errors, cpu, rss, share)


def _settle(servers: list[Server], window: float = 0.25, limit: float = 10.0) -> None:
    """Wait (at most `limit` s) until no server burns CPU, e.g. on requests left over by wrk."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        pids = [pid for server in servers for pid in server.pids()]
        before = procstat.cpu_seconds(pids)
        time.sleep(window)
        if procstat.cpu_seconds(pids) - before <= 0.02:
            return


def _start(scenario: Scenario, systems: list[System], cfg: Config, start_failures: dict,
           servers: dict[str, Server], failed: dict) -> None:
    """Start every system at once, then wait for each and check its answer to the scenario."""
    for system in systems:
        if (key := (system.name, scenario.variant)) in start_failures:
            failed[system.name] = start_failures[key]
            continue
        log = cfg.workdir / f"{system.name}-{scenario.name}.log"
        servers[system.name] = server = Server(system, VARIANT_ENV[scenario.variant], log, scenario.startup_timeout)
        server.start()
    for name, server in servers.items():
        try:
            server.wait_ready()
        except StartError as e:
            failed[name] = start_failures[(name, scenario.variant)] = (f"did not start: {e}", server.log_tail())
            continue
        if (problem := check(server.port, scenario)) is not None:
            failed[name] = (problem, "" if problem.startswith("unsupported") else server.log_tail())


def _load(scenario: Scenario, cfg: Config, levels: tuple[int, ...], script: Path,
          servers: dict[str, Server], failed: dict, cells: dict) -> None:
    """Warm each system up, then runs alternating between systems: A B C A B C ..."""
    everyone = list(servers.values())
    for name in [n for n in servers if n not in failed]:
        try:
            wrk.run(servers[name].url + scenario.path, script, max(levels), cfg.warmup)
        except (RuntimeError, OSError) as e:
            failed[name] = (f"warm-up failed: {e}", servers[name].log_tail())
        _settle(everyone)
    for connections in levels:
        for i in range(cfg.runs):
            for name in [n for n in servers if n not in failed]:
                server = servers[name]
                try:
                    run = _measure(server, script, scenario.path, connections, cfg.duration)
                except (RuntimeError, OSError) as e:
                    failed[name] = (f"run failed: {e}", server.log_tail())
                    continue
                if (code := server.exit_code()) is not None:
                    failed[name] = (f"died during a run (exit code {code})", server.log_tail())
                elif run.requests == 0:
                    failed[name] = (f"no responses under load (wrk errors {run.errors})", server.log_tail())
                else:
                    cells[(name, connections)].runs.append(run)
                    _say(f"{scenario.name} c={connections} run {i + 1}/{cfg.runs} {name}: {run.rps:,.0f} req/s, "
                         f"p99 {run.p99_us / 1000:.2f} ms, errors {sum(run.errors.values())}, "
                         f"other CPU {run.other_cpu_share:.0%}")
                _settle(everyone)


def run_scenario(scenario: Scenario, systems: list[System], cfg: Config, start_failures: dict) -> list[Cell]:
    """All systems for one scenario; start_failures, keyed (system, variant), spans scenarios."""
    levels = cfg.connections or scenario.connections
    cells = {(s.name, c): Cell(s.name, scenario.name, c) for s in systems for c in levels}
    failed: dict[str, tuple[str, str]] = {}  # system -> (failure, log tail)
    servers: dict[str, Server] = {}
    try:
        _start(scenario, systems, cfg, start_failures, servers, failed)
        live = [n for n in servers if n not in failed]
        _say(f"{scenario.name}: {scenario.title}  ready: {', '.join(live) or 'none'}"
             + "".join(f"\n[bench]   {n}: {f[0]}" for n, f in failed.items()))
        _load(scenario, cfg, levels, wrk.write_script(scenario, cfg.workdir), servers, failed, cells)
    finally:
        for server in servers.values():
            server.stop()
    for (name, _), cell in cells.items():
        if name in failed and len(cell.runs) < cfg.runs:  # cells finished before a failure stand
            failure, cell.log_tail = failed[name]
            cell.failure = " ".join(failure.split())[:300]  # one line: it goes into a table cell
    return list(cells.values())
