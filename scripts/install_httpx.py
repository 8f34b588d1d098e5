"""Makes httpx importable for this python3: the TestClient is an httpx client, as Starlette's is, and test suites
written for FastAPI import httpx themselves (``httpx.AsyncClient``, ``httpx.HTTPStatusError``). PyPI is not
reachable here, so httpx and its pure-Python dependencies come from Debian's stable release (trixie: httpx 0.28,
Starlette's TestClient's version), unpacked into build/pydeps/ and put on the path by a .pth file after
site-packages. A python3 that imports httpx already keeps its own and nothing is downloaded."""
import pathlib
import site
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(root))
from scripts.debian_packages import unpack_debian_packages  # noqa: E402

SUITE = "trixie"
PACKAGES = ["python3-httpx", "python3-httpcore", "python3-h11", "python3-certifi", "python3-idna", "python3-sniffio",
            "python3-anyio"]
cache = root / "build" / "pydeps"
unpacked = cache / "root"
dist_packages = unpacked / "usr" / "lib" / "python3" / "dist-packages"
pth = pathlib.Path(site.getsitepackages()[0]) / "tachyon-httpx.pth"


def imports_httpx(extra_path: str = "") -> bool:
    code = f"import sys; sys.path.append({extra_path!r}) if {extra_path!r} else None; import httpx, anyio"
    return subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


if pth.exists():
    pth.unlink()   # judge this python3 without our own copy
if imports_httpx():
    print("setup: httpx is installed for this python3")
    sys.exit(0)
if not imports_httpx(str(dist_packages)):
    unpack_debian_packages(SUITE, PACKAGES, cache, unpacked)
    if not imports_httpx(str(dist_packages)):
        sys.exit("setup: httpx from Debian does not import (see above)")
pth.write_text(f"{dist_packages}\n")
print(f"setup: httpx from Debian {SUITE} in {dist_packages}")
