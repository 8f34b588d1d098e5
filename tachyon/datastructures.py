"""Case-insensitive header views over ``raw_headers`` lists of (bytes, bytes), as in Starlette."""
from __future__ import annotations

from collections.abc import Iterator, MutableMapping


class MutableHeaders(MutableMapping[str, str]):
    """Edits a response's raw header list in place. Names are case-insensitive; values are latin-1."""

    def __init__(self, raw: list[tuple[bytes, bytes]]) -> None:
        self.raw = raw

    def __getitem__(self, key: str) -> str:
        name = key.lower().encode("latin-1")
        for k, v in self.raw:
            if k == name:
                return v.decode("latin-1")
        raise KeyError(key)

    def __setitem__(self, key: str, value: str) -> None:
        name = key.lower().encode("latin-1")
        self.raw[:] = [(k, v) for k, v in self.raw if k != name]
        self.raw.append((name, value.encode("latin-1")))

    def __delitem__(self, key: str) -> None:
        name = key.lower().encode("latin-1")
        before = len(self.raw)
        self.raw[:] = [(k, v) for k, v in self.raw if k != name]
        if len(self.raw) == before:
            raise KeyError(key)

    def append(self, key: str, value: str) -> None:
        self.raw.append((key.lower().encode("latin-1"), value.encode("latin-1")))

    def getlist(self, key: str) -> list[str]:
        name = key.lower().encode("latin-1")
        return [v.decode("latin-1") for k, v in self.raw if k == name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(k.decode("latin-1") for k, _ in self.raw))

    def __len__(self) -> int:
        return len({k for k, _ in self.raw})

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.raw!r})"
