"""A/B two engine builds on one scenario: alternating runs, CPU and context switches per request.

The full benchmark compares systems; this compares two builds of the engine (say, main and a change),
which is how the engine's performance changes were measured. Runs alternate A B A B … so drift on
the machine hits both alike; each run is a fresh server, warmed up, then one wrk run.

    python3 bench/engine_ab.py --a /tmp/engine-main --b build/engine --scenario items --connections 256 --rounds 3

A and B may also be one build run with different settings (--a-env NAME=VALUE, --b-env ...).
Build an engine elsewhere with:
    dotnet build engine/Tachyon.Engine/Tachyon.Engine.csproj -c Release -o /tmp/engine-main
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import prereqs, procstat, scenarios, systems, wrk  # noqa: E402
from bench.harness.server import Server  # noqa: E402


def context_switches(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                for line in (task / "status").read_text().splitlines():
                    if "ctxt_switches:" in line:   # voluntary and nonvoluntary
                        total += int(line.split()[1])
            except (OSError, ValueError):
                continue   # a thread that ended meanwhile
    return total


def one_run(engine: Path, extra_env: dict[str, str], scenario: scenarios.Scenario, connections: int, seconds: float,
            script: Path, log: Path) -> str:
    env = {**scenarios.VARIANT_ENV[scenario.variant], "TACHYON_ENGINE_DIR": str(engine.resolve()), **extra_env}
    server = Server(systems.BY_NAME["tachyon"], env, log)
    server.start()
    try:
        server.wait_ready()
        url = server.url + scenario.path
        wrk.run(url, script, connections, 3)   # warm-up: tiered JIT settles after a few seconds
        pids = server.pids()
        cpu0, switches0 = procstat.cpu_seconds(pids), context_switches(pids)
        result = wrk.run(url, script, connections, seconds)
        cpu1, switches1 = procstat.cpu_seconds(pids), context_switches(pids)
    finally:
        server.stop()
    n = max(1, result.requests)
    return (f"{result.rps:9,.0f} req/s  {(cpu1 - cpu0) / n * 1e6:6.1f} us CPU/request  "
            f"{(switches1 - switches0) / n:5.2f} context switches/request  errors {result.error_count}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--a", type=Path, required=True, help="engine build directory A")
    p.add_argument("--b", type=Path, required=True, help="engine build directory B")
    p.add_argument("--a-env", action="append", default=[], metavar="NAME=VALUE", help="environment for A's server")
    p.add_argument("--b-env", action="append", default=[], metavar="NAME=VALUE", help="environment for B's server")
    p.add_argument("--scenario", default="health", choices=sorted(scenarios.BY_NAME))
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--seconds", type=float, default=4.0)
    args = p.parse_args()
    prereqs.ensure_wrk()
    scenario = scenarios.BY_NAME[args.scenario]
    with tempfile.TemporaryDirectory(prefix="tachyon-ab-") as tmp:
        script = wrk.write_script(scenario, Path(tmp))
        for round_ in range(1, args.rounds + 1):
            for name, engine, env in (("A", args.a, args.a_env), ("B", args.b, args.b_env)):
                extra_env = dict(item.split("=", 1) for item in env)
                line = one_run(engine, extra_env, scenario, args.connections, args.seconds, script, Path(tmp) / f"{name}{round_}.log")
                print(f"round {round_} {name}: {line}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
