"""Makes `import tachyon` and the `tachyon` command work for this python3, from this checkout.

The equivalent of `pip install -e .` without needing `wheel` or an index (PyPI is not reachable):
a .pth file pointing at the checkout, and a launcher in the interpreter's scripts folder.
"""
import os
import pathlib
import site
import sys
import sysconfig

root = pathlib.Path(__file__).resolve().parents[1]
site_packages = pathlib.Path(site.getsitepackages()[0])
(site_packages / "tachyon-checkout.pth").write_text(f"{root}\n")

launcher = pathlib.Path(sysconfig.get_path("scripts")) / "tachyon"
launcher.write_text(f"#!{sys.executable}\nimport sys\nfrom tachyon.cli import main\nsys.exit(main())\n")
launcher.chmod(0o755)
print(f"setup: tachyon importable from {root}; command at {launcher}")
