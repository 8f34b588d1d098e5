"""Debian packages without installing them: downloaded with a private apt configuration (the system's sources
are left alone) and unpacked into a folder of their own. PyPI is not reachable on these machines; Debian's
archive is. Used by the set-up (httpx for the TestClient), the benchmark (the current FastAPI) and the FastAPI
oracle tool."""

import shutil
import subprocess
from pathlib import Path


def unpack_debian_packages(suite: str, packages: list[str], cache: Path, root: Path) -> None:
    """Downloads ``packages`` from Debian ``suite`` (bookworm's archive server) with a private apt configuration
    under ``cache``, leaving the system's sources alone, and unpacks them all into ``root`` (replaced)."""
    if not shutil.which("apt-get") or not shutil.which("dpkg-deb"):
        raise RuntimeError("downloading Debian packages needs apt-get and dpkg-deb (Debian)")
    apt, debs = cache / f"apt-{suite}", cache / f"debs-{suite}"
    for d in (apt / "lists" / "partial", apt / "archives" / "partial", debs):
        d.mkdir(parents=True, exist_ok=True)
    sources = apt / f"{suite}.sources"   # deb822: apt reads it by its suffix
    sources.write_text(f"Types: deb\nURIs: http://deb.debian.org/debian\nSuites: {suite}\nComponents: main\n"
                       "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n")
    options = [
        "-o", f"Dir::Etc::SourceList={sources}", "-o", "Dir::Etc::SourceParts=/dev/null",
        "-o", f"Dir::State::Lists={apt / 'lists'}", "-o", f"Dir::Cache={apt}",
        "-o", "APT::Sandbox::User=root", "-qq",
    ]
    print(f"[debian] downloading {suite}'s {' '.join(packages)} into {cache}", flush=True)
    subprocess.run(["apt-get", *options, "update"], check=True, timeout=600)
    for old in debs.glob("*.deb"):
        old.unlink()
    subprocess.run(["apt-get", *options, "download", *packages], cwd=debs, check=True, timeout=600)
    shutil.rmtree(root, ignore_errors=True)
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True, timeout=120)
