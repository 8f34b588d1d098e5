"""Makes `import tachyon` and the `tachyon` command work for this python3, from this checkout.

The equivalent of `pip install -e .` without needing `wheel` or an index (PyPI is not reachable):
a .pth file pointing at the checkout (and installing the starlette.* aliases), and a launcher in the
interpreter's scripts folder.
"""
import os
import pathlib
import site
import sys
import sysconfig

root = pathlib.Path(__file__).resolve().parents[1]
site_packages = pathlib.Path(site.getsitepackages()[0])
# The second line installs the starlette.* aliases at interpreter start, before an app's first starlette import
# (tachyon/_starlette/finder.py; it imports nothing of Tachyon until such an import happens). It does nothing once
# the checkout is gone (a deleted clone must not make every python3 start print an error).
finder = root / "tachyon" / "_starlette" / "finder.py"
hook = (f"import os, importlib.util as _u; _f = {str(finder)!r}; "
        "_s = os.path.exists(_f) and _u.spec_from_file_location('tachyon_starlette_aliases', _f); "
        "_m = _s and _u.module_from_spec(_s); _s and _s.loader.exec_module(_m); _m and _m.install()")
(site_packages / "tachyon-checkout.pth").write_text(f"{root}\n{hook}\n")

launcher = pathlib.Path(sysconfig.get_path("scripts")) / "tachyon"
launcher.write_text(f"#!{sys.executable}\nimport sys\nfrom tachyon.cli import main\nsys.exit(main())\n")
launcher.chmod(0o755)
print(f"setup: tachyon importable from {root}; command at {launcher}")
