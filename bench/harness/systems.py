"""The systems under test: how to prepare, start and name each one."""

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import prereqs

REPO = Path(__file__).resolve().parents[2]
CEILING_DIR = REPO / "bench" / "ceiling"
CEILING_DLL = CEILING_DIR / "bin" / "Release" / "net10.0" / "Ceiling.dll"
# The ceiling compiles the engine's Kestrel transport wiring too (see Ceiling.csproj).
CEILING_LINKED = [REPO / "engine" / "Tachyon.Engine" / "Server" / "SocketTransport.cs"]


@dataclass(frozen=True)
class System:
    name: str
    label: str
    argv: Callable[[int], list[str]]  # port -> command line, run from the repo root
    prepare: Callable[[], None] = lambda: None  # raises on failure
    startup_timeout: float = 30.0
    notes: str = ""
    env: dict[str, str] = field(default_factory=dict)
    default: bool = True  # part of a run that names no --systems


def build_ceiling() -> None:
    """dotnet build -c Release, skipped when the dll is newer than every source file."""
    sources = [p for p in CEILING_DIR.iterdir() if p.suffix in (".cs", ".csproj")] + CEILING_LINKED
    if CEILING_DLL.exists() and CEILING_DLL.stat().st_mtime > max(p.stat().st_mtime for p in sources):
        return
    print("[bench] building bench/ceiling (dotnet build -c Release)", flush=True)
    done = subprocess.run(
        ["dotnet", "build", str(CEILING_DIR), "-c", "Release", "-nologo", "-v", "q"],
        capture_output=True, text=True, timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError("dotnet build failed:\n" + done.stdout[-2000:] + done.stderr[-1000:])


def _uvicorn(app: str, workers: int, python: str = prereqs.SYSTEM_PYTHON) -> Callable[[int], list[str]]:
    return lambda port: [
        python, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
        "--loop", "uvloop", "--http", "httptools", "--workers", str(workers),
        "--no-access-log", "--log-level", "warning",
    ]


_CURRENT_FASTAPI_ENV = {"PYTHONPATH": f"{prereqs.current_fastapi_path()}{os.pathsep}{REPO}"}


def _prepare_current_fastapi() -> None:
    prereqs.ensure_current_fastapi(sys.executable)


SYSTEMS = [
    System(
        "tachyon", "Tachyon",
        lambda port: [sys.executable, "-m", "tachyon", "run", "bench.apps.tachyon_app:app",
                      "--host", "127.0.0.1", "--port", str(port)],
        notes="1 worker, bench/apps/tachyon_app.py, harness Python",
    ),
    System(
        "ceiling", "C# ceiling",
        lambda port: ["dotnet", str(CEILING_DLL), "--port", str(port)],
        prepare=build_ceiling,
        notes="raw IHttpApplication on KestrelServer with the engine's transport wiring, bench/ceiling/",
        env={"DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1"},
    ),
    System(
        "fastapi", "FastAPI 1w", _uvicorn("bench.apps.fastapi_app:app", 1, sys.executable),
        prepare=_prepare_current_fastapi, env=_CURRENT_FASTAPI_ENV,
        notes="current FastAPI (Debian unstable's) on the harness Python and pydantic; uvicorn uvloop+httptools, 1 worker",
    ),
    System(
        "fastapi-2w", "FastAPI 2w", _uvicorn("bench.apps.fastapi_app:app", 2, sys.executable),
        prepare=_prepare_current_fastapi, env=_CURRENT_FASTAPI_ENV,
        notes="the same with 2 workers",
    ),
    System(
        "fastapi-0.92", "FastAPI 0.92", _uvicorn("bench.apps.fastapi_app:app", 1),
        prepare=prereqs.ensure_debian_fastapi, default=False,
        notes="Debian bookworm's FastAPI 0.92 on pydantic 1, /usr/bin/python3; uvicorn uvloop+httptools, 1 worker",
    ),
    System(
        "asgi", "bare ASGI", _uvicorn("bench.apps.asgi_app:app", 1),
        prepare=prereqs.ensure_debian_fastapi, notes="hand-written ASGI callable on the same uvicorn, 1 worker",
    ),
]

BY_NAME = {s.name: s for s in SYSTEMS}
DEFAULT = [s.name for s in SYSTEMS if s.default]
