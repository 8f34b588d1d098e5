"""What the results ran on: machine description and the version of every component."""

import os
import platform
import subprocess
import sys

from . import prereqs, wrk
from .systems import REPO


def _run(argv: list[str], **kwargs) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, **kwargs)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unavailable ({e.__class__.__name__})"
    return done.stdout.strip() if done.returncode == 0 else f"unavailable ({(done.stderr.strip().splitlines() or ['exit ' + str(done.returncode)])[-1][:160]})"


def machine() -> dict[str, str]:
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    return {
        "nproc": str(os.cpu_count()),
        "CPU": model,
        "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "kernel": platform.release(),
        "OS": _run(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
    }


_FASTAPI_PROBE = (
    "import sys, fastapi, starlette, pydantic, uvicorn, uvloop, httptools;"
    "print(f'Python {sys.version.split()[0]}, fastapi {fastapi.__version__}, starlette {starlette.__version__}, "
    "pydantic {pydantic.VERSION}, uvicorn {uvicorn.__version__}, uvloop {uvloop.__version__}, "
    "httptools {httptools.__version__}')"
)

_HARNESS_PROBE = (
    "import sys, pydantic; print(f'Python {sys.version.split()[0]}, pydantic {pydantic.VERSION}', end='');"
    "import tachyon; print(f', tachyon {getattr(tachyon, \"__version__\", \"(no __version__)\")}')"
)


def versions(system_names: list[str]) -> dict[str, str]:
    found = {"wrk": wrk.version(), "harness": f"Python {sys.version.split()[0]} ({sys.executable})"}
    git = _run(["git", "-C", str(REPO), "describe", "--always", "--dirty"])
    found["repo"] = git if not git.startswith("unavailable") else "no commit yet"
    if "tachyon" in system_names:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        found["Tachyon side"] = _run([sys.executable, "-c", _HARNESS_PROBE], env=env, cwd=REPO) or "import failed"
    if {"tachyon", "ceiling"} & set(system_names):
        runtimes = _run(["dotnet", "--list-runtimes"]).splitlines()
        found[".NET"] = ", ".join(r.split(" [")[0] for r in runtimes) or "unavailable"
    if {"fastapi", "fastapi-2w"} & set(system_names):
        env = {**os.environ, "PYTHONPATH": prereqs.current_fastapi_path()}
        found["current FastAPI side"] = f"{sys.executable}: " + _run([sys.executable, "-c", _FASTAPI_PROBE], env=env)
    if {"fastapi-0.92", "asgi"} & set(system_names):
        found["Debian side"] = f"{prereqs.SYSTEM_PYTHON}: " + _run([prereqs.SYSTEM_PYTHON, "-c", _FASTAPI_PROBE])
    return found
