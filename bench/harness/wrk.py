"""Running wrk: a Lua script per scenario whose done() prints one parseable JSON line."""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .scenarios import Scenario

_MARK = "BENCH_RESULT "

_DONE = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '%s{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,' ..
    '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
    "MARK", summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
""".replace("MARK", _MARK)


@dataclass
class WrkResult:
    requests: int
    duration_s: float
    p50_us: float
    p99_us: float
    errors: dict[str, int]  # connect/read/write/timeout socket errors; status = HTTP >= 400

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def lua_script(scenario: Scenario) -> str:
    lines = [f'wrk.method = "{scenario.method}"']
    if scenario.body is not None:
        lines.append(f"wrk.body = {json.dumps(scenario.body.decode())}")
        lines.append('wrk.headers["Content-Type"] = "application/json"')
    return "\n".join(lines) + "\n" + _DONE


def write_script(scenario: Scenario, directory: Path) -> Path:
    path = directory / f"{scenario.name}.lua"
    path.write_text(lua_script(scenario))
    return path


def run(url: str, script: Path, connections: int, duration: float, threads: int = 2) -> WrkResult:
    """One bounded wrk run (whole seconds, at least 1); raises RuntimeError if wrk prints no result."""
    seconds = max(1, round(duration))
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", str(script), url]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 30)
    for line in done.stdout.splitlines():
        if line.startswith(_MARK):
            data = json.loads(line[len(_MARK) :])
            errors = {k: data[k] for k in ("connect", "read", "write", "status", "timeout")}
            return WrkResult(data["requests"], data["duration_us"] / 1e6, data["p50_us"], data["p99_us"], errors)
    message = (done.stderr or done.stdout).strip().splitlines() or ["no output"]
    raise RuntimeError(f"wrk exited {done.returncode}: {message[0][:200]}")


def version() -> str:
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return (done.stdout + done.stderr).splitlines()[0].split(" Copyright")[0].strip()
