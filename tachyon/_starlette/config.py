"""``starlette.config``: settings read from the environment, then from a .env-style file, with casts."""
from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any


class undefined:
    """The default of ``Config.get``: no default given."""


class EnvironError(Exception):
    """Changing an environment variable the app has already read."""


class Environ(MutableMapping[str, str]):
    """``os.environ`` that refuses to change a variable once the app has read it (settings would disagree)."""

    def __init__(self, environ: MutableMapping[str, str] = os.environ) -> None:
        self._environ = environ
        self._has_been_read: set[Any] = set()

    def __getitem__(self, key: Any) -> Any:
        self._has_been_read.add(key)
        return self._environ[key]

    def __setitem__(self, key: Any, value: Any) -> None:
        if key in self._has_been_read:
            raise EnvironError(f"Attempting to set environ['{key}'], but the value has already been read.")
        self._environ[key] = value

    def __delitem__(self, key: Any) -> None:
        if key in self._has_been_read:
            raise EnvironError(f"Attempting to delete environ['{key}'], but the value has already been read.")
        del self._environ[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._environ)

    def __len__(self) -> int:
        return len(self._environ)


environ = Environ()


class Config:
    """``config("DEBUG", cast=bool, default=False)``: the variable ``env_prefix + key`` from ``environ``, else
    from ``env_file`` (KEY=value lines; # comments; quotes stripped), else the default; KeyError without one."""

    def __init__(self, env_file: str | Path | None = None, environ: Mapping[str, str] = environ,
                 env_prefix: str = "", encoding: str = "utf-8") -> None:
        self.environ = environ
        self.env_prefix = env_prefix
        self.file_values: dict[str, str] = {}
        if env_file is not None:
            if os.path.isfile(env_file):
                self.file_values = self._read_file(env_file, encoding)
            else:
                warnings.warn(f"Config file '{env_file}' not found.")

    def __call__(self, key: str, cast: Callable[[Any], Any] | None = None, default: Any = undefined) -> Any:
        return self.get(key, cast, default)

    def get(self, key: str, cast: Callable[[Any], Any] | None = None, default: Any = undefined) -> Any:
        key = self.env_prefix + key
        if key in self.environ:
            return self._perform_cast(key, self.environ[key], cast)
        if key in self.file_values:
            return self._perform_cast(key, self.file_values[key], cast)
        if default is not undefined:
            return self._perform_cast(key, default, cast)
        raise KeyError(f"Config '{key}' is missing, and has no default.")

    def _read_file(self, file_name: str | Path, encoding: str = "utf-8") -> dict[str, str]:
        values: dict[str, str] = {}
        with open(file_name, encoding=encoding) as lines:
            for line in lines:
                line = line.strip()
                if "=" in line and not line.startswith("#"):
                    key, value = line.split("=", 1)
                    values[key.strip()] = value.strip().strip("\"'")
        return values

    def _perform_cast(self, key: str, value: Any, cast: Callable[[Any], Any] | None = None) -> Any:
        if cast is None or value is None:
            return value
        if cast is bool and isinstance(value, str):
            flags = {"true": True, "1": True, "false": False, "0": False}
            value = value.lower()
            if value not in flags:
                raise ValueError(f"Config '{key}' has value '{value}'. Not a valid bool.")
            return flags[value]
        try:
            return cast(value)
        except (TypeError, ValueError):
            raise ValueError(f"Config '{key}' has value '{value}'. Not a valid {cast.__name__}.") from None
