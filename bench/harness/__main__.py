"""bench/run: start every system, load every scenario with wrk, write the Markdown table.

Each scenario starts all selected systems, checks that each answers the scenario correctly,
warms each up, then measures runs alternating between systems (A B C A B C ...) so that drift
hits all alike, and stops them all (process groups, always, even on Ctrl+C).
"""

import argparse
import json
import os
import shlex
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from . import environment, prereqs, procstat, report, runner, scenarios, systems

RESULTS = systems.REPO / "bench" / "results"
PRESETS = {  # duration s, runs, warm-up s
    "full": (4.0, 3, 5.0),  # .NET keeps JIT-compiling (tiered PGO) for seconds: measure after that
    "quick": (3.0, 1, 1.0),
    "smoke": (2.0, 1, 1.0),
}


def _names(text: str | None, known: dict, default: list[str]) -> list[str]:
    chosen = [n.strip() for n in text.split(",") if n.strip()] if text else default
    if unknown := [n for n in chosen if n not in known]:
        sys.exit(f"bench: unknown {unknown}; choose from {', '.join(known)}")
    return chosen


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n\n")[0])
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="1 run of 3 s per cell (about 5 minutes)")
    mode.add_argument("--smoke", action="store_true",
                      help="health only, 64 connections, one 2 s run, no files written; exit 1 on any failure")
    p.add_argument("--systems", help=f"comma list of {', '.join(systems.BY_NAME)} (default: {','.join(systems.DEFAULT)})")
    p.add_argument("--scenarios", help=f"comma list of {', '.join(scenarios.BY_NAME)} (default: all)")
    p.add_argument("--duration", type=float, help="whole seconds per measured run (wrk takes whole seconds)")
    p.add_argument("--runs", type=int, help="measured runs per cell (the median is reported)")
    p.add_argument("--warmup", type=float, help="seconds of warm-up per system and scenario")
    p.add_argument("--connections", help="comma list overriding every scenario's connection counts")
    p.add_argument("--no-write", action="store_true", help="print the report only")
    return p.parse_args(argv)


def _sigterm(signum, frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the cleanup short
    raise KeyboardInterrupt  # unwinds through the finally blocks that stop the servers


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    duration, runs, warmup = PRESETS[mode]
    chosen_systems = [systems.BY_NAME[n] for n in _names(args.systems, systems.BY_NAME, systems.DEFAULT)]
    default_scenarios = ["health"] if args.smoke else list(scenarios.BY_NAME)
    chosen = [scenarios.BY_NAME[n] for n in _names(args.scenarios, scenarios.BY_NAME, default_scenarios)]
    connections = tuple(int(c) for c in args.connections.split(",")) if args.connections else (64,) if args.smoke else None
    cfg = runner.Config(args.duration or duration, args.runs or runs, args.warmup if args.warmup is not None else warmup,
                        connections, Path(tempfile.mkdtemp(prefix="tachyon-bench-")))
    signal.signal(signal.SIGTERM, _sigterm)

    try:
        prereqs.ensure_wrk()
    except Exception as e:  # noqa: BLE001 - reported, then stop: nothing can be measured
        print(f"bench: {e}", file=sys.stderr)
        return 2
    start_failures: dict = {}
    for system in chosen_systems:
        try:
            system.prepare()
        except Exception as e:  # noqa: BLE001 - the system's cells report it
            for variant in scenarios.VARIANT_ENV:
                start_failures[(system.name, variant)] = (f"not prepared: {str(e).splitlines()[0]}", str(e))

    cells_per_system = sum(len(connections or s.connections) for s in chosen)
    estimate = len(chosen_systems) * (cells_per_system * cfg.runs * (round(cfg.duration) + 0.6) + len(chosen) * (cfg.warmup + 2))
    print(f"[bench] {mode}: {len(chosen_systems)} systems × {cells_per_system} cells × {cfg.runs} runs × "
          f"{cfg.duration:g} s; estimated {estimate / 60:.1f} min; logs in {cfg.workdir}", flush=True)

    background = _background_load()
    if background > 0.05:
        print(f"[bench] warning: the machine is {background:.0%} busy before starting; numbers will be noisy", flush=True)
    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    cells: list[runner.Cell] = []
    try:
        for scenario in chosen:
            cells += runner.run_scenario(scenario, chosen_systems, cfg, start_failures)
    except KeyboardInterrupt:
        print("bench: interrupted; servers stopped", file=sys.stderr)
        return 130

    meta = {
        "date": started,
        "command": shlex.join(["bench/run", *argv]),
        "mode": f"{mode}: {cfg.runs} run(s) × {cfg.duration:g} s per cell after {cfg.warmup:g} s warm-up; "
                f"wrk -t2; connections {', '.join(map(str, connections)) if connections else 'per scenario'}",
        "background": background,
        "machine": environment.machine(),
        "versions": environment.versions([s.name for s in chosen_systems]),
    }
    text = report.render(cells, chosen, chosen_systems, meta)
    print(text)
    if not (args.smoke or args.no_write):
        _write(text, meta, cells, mode)
    failed = [c for c in cells if c.failure or not c.runs]
    if failed:
        print(f"[bench] {len(failed)} cell(s) failed; server logs kept in {cfg.workdir}", file=sys.stderr)
    else:
        shutil.rmtree(cfg.workdir, ignore_errors=True)
    return 1 if args.smoke and failed else 0


def _background_load(seconds: float = 1.0) -> float:
    """Share of all cores busy while the harness itself is idle."""
    before = procstat.machine_busy_seconds()
    time.sleep(seconds)
    return (procstat.machine_busy_seconds() - before) / (seconds * (os.cpu_count() or 1))


def _write(text: str, meta: dict, cells: list, mode: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    stem = time.strftime("%Y-%m-%d-%H%M") + ("" if mode == "full" else f"-{mode}")
    for path, content in (
        (RESULTS / f"{stem}.md", text),
        (RESULTS / f"{stem}.json", json.dumps({**meta, "cells": [c.as_dict() for c in cells]}, indent=1)),
        (RESULTS.parent / "RESULTS.md", text),
    ):
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(content + ("\n" if not content.endswith("\n") else ""))
        tmp.replace(path)
        print(f"[bench] wrote {path.relative_to(systems.REPO)}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
