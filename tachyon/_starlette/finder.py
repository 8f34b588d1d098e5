"""``starlette.*`` imports for apps that run without Starlette installed.

FastAPI apps import some names from Starlette directly (``from starlette.requests import Request``,
``from starlette.exceptions import HTTPException``, ``from starlette.config import Config``). When Starlette
is not installed, this finder resolves those modules to Tachyon's implementation of the same API, so the
app runs after only its ``fastapi`` imports were changed. It sits last on ``sys.meta_path``: an installed
Starlette is always found first and left alone. Modules Tachyon does not implement stay missing.

This file imports nothing from Tachyon, so the checkout's .pth can install the finder at interpreter start
(before an app's first ``starlette`` import) without loading the framework; the alias targets are
imported on first use.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from types import ModuleType
from typing import Any

# starlette module -> the Tachyon module that implements it.
ALIASES = {
    "starlette.applications": "tachyon.applications",
    "starlette.authentication": "tachyon._starlette.authentication",
    "starlette.background": "tachyon.background",
    "starlette.concurrency": "tachyon.concurrency",
    "starlette.config": "tachyon._starlette.config",
    "starlette.convertors": "tachyon.convertors",
    "starlette.datastructures": "tachyon.datastructures",
    "starlette.endpoints": "tachyon._starlette.endpoints",
    "starlette.exceptions": "tachyon._starlette.exceptions",
    "starlette.requests": "tachyon.requests",
    "starlette.responses": "tachyon.responses",
    "starlette.routing": "tachyon.routing",
    "starlette.status": "tachyon.status",
    "starlette.templating": "tachyon.templating",
    "starlette.testclient": "tachyon.testclient",
    "starlette.types": "tachyon._starlette.types",
    "starlette.websockets": "tachyon.websockets",
    "starlette._utils": "tachyon._starlette.utils",
}


def real_starlette_installed() -> bool:
    """Whether a Starlette package is on sys.path (looked up by path, past this finder)."""
    return importlib.machinery.PathFinder.find_spec("starlette") is not None


def from_real_starlette(module: str, name: str) -> Any:
    """``name`` of an installed Starlette's ``module`` (Tachyon's classes derive from or reuse it, so code
    written against Starlette catches Tachyon's); None without Starlette, or without that name."""
    if not real_starlette_installed():
        return None
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


class StarletteAliases(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    tachyon_starlette_aliases = True   # marks the installed finder (install() is idempotent)

    def __init__(self) -> None:
        self._own_specs: dict[str, importlib.machinery.ModuleSpec] = {}

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name == "starlette":
            # An empty package: its submodules come only from this finder, never from a path.
            return importlib.util.spec_from_loader(name, self, is_package=True)
        if name in ALIASES and getattr(sys.modules.get("starlette"), "__loader__", None) is self:
            return importlib.util.spec_from_loader(name, self)
        return None   # not ours, or a module an installed Starlette lacks

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        if spec.name not in ALIASES:
            return None
        # The very module Tachyon uses: its classes are the ones the app's code and Tachyon share.
        module = importlib.import_module(ALIASES[spec.name])
        self._own_specs[module.__name__] = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        if module.__name__ == "starlette":
            module.__doc__ = "Starlette's API as Tachyon implements it (Starlette itself is not installed)."
            # The Starlette release whose behaviour Tachyon follows (FastAPI 0.143's): integrations that gate on
            # ``starlette.__version__`` take their current code paths rather than failing to import.
            module.__version__ = "1.9.0"
        else:
            # The import system has just set the alias's spec on Tachyon's module: give it back its own, or its
            # relative imports would resolve against "starlette" (and warn that __package__ != __spec__.parent).
            module.__spec__ = self._own_specs.pop(module.__name__)


def install() -> None:
    """Appends the finder to sys.meta_path once; TACHYON_NO_STARLETTE_ALIASES=1 turns it off."""
    if os.environ.get("TACHYON_NO_STARLETTE_ALIASES") == "1":
        return
    if not any(getattr(finder, "tachyon_starlette_aliases", False) for finder in sys.meta_path):
        sys.meta_path.append(StarletteAliases())
