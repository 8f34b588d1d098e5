"""Which app ``tachyon run`` serves: ``MODULE:ATTRIBUTE`` as uvicorn takes it, or, as the ``fastapi`` command
does, a file (``main.py``, ``app/main.py``), a package directory or a module, in which the app is found by name
(``app``, then ``api``) or else as the first FastAPI instance; with no argument, the first of ``main.py``,
``app.py``, ``api.py``, ``app/main.py``, ``app/app.py`` and ``app/api.py`` in the current directory."""
from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

DEFAULT_FILES = ("main.py", "app.py", "api.py", "app/main.py", "app/app.py", "app/api.py")


def load_app(spec: str | None) -> Any:
    """The app ``spec`` names; SystemExit with the reason when there is none."""
    if spec is None:
        found = next((Path(name) for name in DEFAULT_FILES if Path(name).is_file()), None)
        if found is None:
            raise SystemExit(f"error: no app given, and none of {', '.join(DEFAULT_FILES)} here")
        spec = str(found)
    target, _, attribute = spec.partition(":")
    if not target:
        raise SystemExit(f"error: expected MODULE:APP or a file (for example examples.hello:app), got {spec!r}")
    path = Path(target)
    module_name = _module_of(path) if target.endswith(".py") or path.is_dir() else target
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise SystemExit(f"error: cannot import module {module_name!r}: {exc}") from None
    if attribute:
        app = module
        for part in attribute.split("."):
            app = getattr(app, part, None)
            if app is None:
                raise SystemExit(f"error: module {module_name!r} has no attribute {attribute!r}")
        return app
    return _find_app(module, module_name)


def _module_of(path: Path) -> str:
    """The import name of a file or package directory: its packages up to the first directory without an
    ``__init__.py``, which goes on ``sys.path`` (as the fastapi command does)."""
    path = path.resolve()
    if not path.exists():
        raise SystemExit(f"error: no such file or directory: {path}")
    parts = [path.stem] if path.is_file() else [path.name]
    if path.is_file() and path.name == "__init__.py":
        parts = []
    top = path.parent
    while (top / "__init__.py").is_file():
        parts.insert(0, top.name)
        top = top.parent
    if not parts:
        raise SystemExit(f"error: cannot tell the module of {path}")
    if str(top) not in sys.path:
        sys.path.insert(0, str(top))
    return ".".join(parts)


def _find_app(module: Any, module_name: str) -> Any:
    from .applications import FastAPI

    for name in ("app", "api"):
        if isinstance(getattr(module, name, None), FastAPI):
            return getattr(module, name)
    for name in dir(module):
        if isinstance(getattr(module, name), FastAPI):
            return getattr(module, name)
    raise SystemExit(f"error: no FastAPI app in module {module_name!r}; name it as {module_name}:ATTRIBUTE")
