"""Tools the benchmark needs from Debian: installed with apt-get when missing (as root).

Two FastAPI peers come from Debian. Bookworm's packages (FastAPI 0.92 on pydantic 1) install
system-wide for /usr/bin/python3. The current FastAPI (Debian unstable's, on pydantic 2) is only
downloaded, with a private apt configuration that leaves the system's sources untouched, and
unpacked into bench/.cache: it runs on the harness's Python and pydantic, with bookworm's uvicorn,
uvloop and httptools (built for Python 3.11) linked in from the system's dist-packages.
"""

import os
import shutil
import subprocess
from pathlib import Path

from scripts.debian_packages import unpack_debian_packages

SYSTEM_PYTHON = "/usr/bin/python3"
SYSTEM_SITE = Path("/usr/lib/python3/dist-packages")
FASTAPI_PACKAGES = ["python3-fastapi", "python3-uvicorn", "python3-uvloop", "python3-httptools"]

CACHE = Path(__file__).resolve().parents[1] / ".cache"
CURRENT_FASTAPI_ROOT = CACHE / "fastapi-current"
CURRENT_FASTAPI_SITE = CURRENT_FASTAPI_ROOT / "usr" / "lib" / "python3" / "dist-packages"
# uvicorn and its compiled loop/parser from bookworm; pure-Python dependencies of uvicorn 0.17 too.
BOOKWORM_SERVER_MODULES = ["uvicorn", "uvloop", "httptools", "click", "h11", "asgiref"]
BOOKWORM_SERVER_LINKS = CURRENT_FASTAPI_ROOT / "bookworm-server"
# FastAPI's pure-Python dependency closure in unstable; pydantic itself is the harness's.
UNSTABLE_PACKAGES = [
    "python3-fastapi", "python3-starlette", "python3-anyio", "python3-sniffio", "python3-idna",
    "python3-typing-extensions", "python3-annotated-doc", "python3-opentelemetry-api",
]


def _apt_install(packages: list[str]) -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise RuntimeError(f"missing Debian packages {' '.join(packages)}: run `apt-get install {' '.join(packages)}`")
    print(f"[bench] apt-get install {' '.join(packages)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=True, timeout=600)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], env=env, check=True, timeout=900)


def ensure_wrk() -> None:
    if not shutil.which("wrk"):
        _apt_install(["wrk"])


def ensure_debian_fastapi() -> None:
    probe = [SYSTEM_PYTHON, "-c", "import fastapi, uvicorn, uvloop, httptools"]
    if not os.path.exists(SYSTEM_PYTHON) or subprocess.run(probe, capture_output=True).returncode != 0:
        _apt_install(FASTAPI_PACKAGES)


def current_fastapi_path() -> str:
    """PYTHONPATH for the current-FastAPI peer: unstable's packages first, then bookworm's server."""
    return f"{CURRENT_FASTAPI_SITE}{os.pathsep}{BOOKWORM_SERVER_LINKS}"


def _link_bookworm_server() -> None:
    BOOKWORM_SERVER_LINKS.mkdir(parents=True, exist_ok=True)
    for name in BOOKWORM_SERVER_MODULES:
        link = BOOKWORM_SERVER_LINKS / name
        if not link.is_symlink():
            link.symlink_to(SYSTEM_SITE / name)


def ensure_current_fastapi(python: str) -> None:
    ensure_debian_fastapi()
    probe = [python, "-c", "import fastapi, pydantic, uvicorn, uvloop, httptools; assert pydantic.VERSION >= '2'"]
    env = {**os.environ, "PYTHONPATH": current_fastapi_path()}
    if subprocess.run(probe, env=env, capture_output=True).returncode == 0:
        return
    unpack_debian_packages("sid", UNSTABLE_PACKAGES, CACHE, CURRENT_FASTAPI_ROOT)
    _link_bookworm_server()
    done = subprocess.run(probe, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError("the current-FastAPI peer does not import:\n" + done.stderr[-1500:])
