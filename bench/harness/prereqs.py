"""Tools the benchmark needs from Debian: installed with apt-get when missing (as root)."""

import os
import shutil
import subprocess

SYSTEM_PYTHON = "/usr/bin/python3"
FASTAPI_PACKAGES = ["python3-fastapi", "python3-uvicorn", "python3-uvloop", "python3-httptools"]


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
