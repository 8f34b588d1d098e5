"""`fastapi` and `fastapi.X` are `tachyon` and `tachyon.X` (tachyon itself answers `starlette.X` imports), so that an
app written for FastAPI runs unchanged on this checkout's Tachyon."""
import importlib
import importlib.abc
import importlib.util
import sys


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name.startswith("fastapi."):
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        return importlib.import_module("tachyon" + spec.name[len("fastapi"):])

    def exec_module(self, module):
        """Nothing to run: create_module returned tachyon's module, already imported."""


sys.meta_path.insert(0, _Alias())
import tachyon as _tachyon  # noqa: E402

sys.modules["fastapi"] = _tachyon
