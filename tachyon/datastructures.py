"""Starlette's data structures: headers, multi-dicts (query params, forms), URL, client address, state."""
from __future__ import annotations

import ipaddress
import re
import shlex
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from typing import Any, NamedTuple
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit


class Headers(Mapping[str, str]):
    """Request headers: case-insensitive, immutable, multi-valued (``getlist``); ``headers[k]`` is the first value.

    Built as Starlette's: from a mapping, from ``raw`` (latin-1 byte pairs, names expected in lower case, as an
    ASGI scope has them) or from a ``scope``. The pairs are kept decoded: the request's come that way from the
    engine (``from_pairs``)."""

    def __init__(self, headers: Mapping[str, str] | None = None, raw: list[tuple[bytes, bytes]] | None = None,
                 scope: MutableMapping[str, Any] | None = None) -> None:
        if headers is not None:
            assert raw is None, 'Cannot set both "headers" and "raw".'
            assert scope is None, 'Cannot set both "headers" and "scope".'
            self._list = [(k.lower(), v) for k, v in headers.items()]
        elif raw is not None:
            assert scope is None, 'Cannot set both "raw" and "scope".'
            self._list = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in raw]
        elif scope is not None:
            self._list = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        else:
            self._list = []

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, str]]) -> Headers:
        """Headers from decoded (name, value) pairs, names in any case."""
        headers = cls()
        headers._list = [(k.lower(), v) for k, v in pairs]
        return headers

    @property
    def raw(self) -> list[tuple[bytes, bytes]]:
        return [(k.encode("latin-1"), v.encode("latin-1")) for k, v in self._list]

    def __getitem__(self, key: str) -> str:
        key = key.lower()
        for k, v in self._list:
            if k == key:
                return v
        raise KeyError(key)

    def getlist(self, key: str) -> list[str]:
        key = key.lower()
        return [v for k, v in self._list if k == key]

    def items(self):  # type: ignore[override]
        return list(self._list)

    def keys(self):  # type: ignore[override]
        return [k for k, _ in self._list]

    def values(self):  # type: ignore[override]
        return [v for _, v in self._list]

    def mutablecopy(self) -> MutableHeaders:
        return MutableHeaders(raw=[(k.encode("latin-1"), v.encode("latin-1")) for k, v in self._list])

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and any(k == key.lower() for k, _ in self._list)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self._list)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Headers) and sorted(self._list) == sorted(other._list)

    def __repr__(self) -> str:
        name = self.__class__.__name__
        return f"{name}({dict(self._list)!r})" if len(set(self.keys())) == len(self._list) else f"{name}(raw={self.raw!r})"


class MutableHeaders(Headers, MutableMapping[str, str]):
    """Starlette's: edits a raw header list in place (a response's ``raw_headers``), names case-insensitive,
    values latin-1. Like Headers, it lists every pair: ``keys()``, ``items()`` and ``len()`` count repeats."""

    def __init__(self, headers: Mapping[str, str] | None = None, raw: list[tuple[bytes, bytes]] | None = None,
                 scope: MutableMapping[str, Any] | None = None) -> None:
        if headers is not None:
            assert raw is None, 'Cannot set both "headers" and "raw".'
            assert scope is None, 'Cannot set both "headers" and "scope".'
            self._raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        elif raw is not None:
            assert scope is None, 'Cannot set both "raw" and "scope".'
            self._raw = raw   # the very list: edits show in the response's raw_headers
        elif scope is not None:
            self._raw = scope["headers"] = list(scope["headers"])
        else:
            self._raw = []

    @property
    def _list(self) -> list[tuple[str, str]]:   # Headers' reading of the pairs
        return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in self._raw]

    @property
    def raw(self) -> list[tuple[bytes, bytes]]:
        return self._raw

    def __setitem__(self, key: str, value: str) -> None:
        """The first pair of that name takes the value, in its place; the others go (Starlette's order)."""
        name, encoded = key.lower().encode("latin-1"), value.encode("latin-1")
        found = [i for i, (k, _) in enumerate(self._raw) if k == name]
        for i in reversed(found[1:]):
            del self._raw[i]
        if found:
            self._raw[found[0]] = (name, encoded)
        else:
            self._raw.append((name, encoded))

    def __delitem__(self, key: str) -> None:
        """Every pair of that name; none is no error, as in Starlette."""
        name = key.lower().encode("latin-1")
        self._raw[:] = [(k, v) for k, v in self._raw if k != name]

    def __ior__(self, other: Mapping[str, str]) -> MutableHeaders:
        if not isinstance(other, Mapping):
            raise TypeError(f"Expected a mapping but got {other.__class__.__name__}")
        self.update(other)
        return self

    def __or__(self, other: Mapping[str, str]) -> MutableHeaders:
        if not isinstance(other, Mapping):
            raise TypeError(f"Expected a mapping but got {other.__class__.__name__}")
        combined = self.mutablecopy()
        combined.update(other)
        return combined

    def setdefault(self, key: str, value: str) -> str:  # type: ignore[override]
        name = key.lower().encode("latin-1")
        for k, v in self._raw:
            if k == name:
                return v.decode("latin-1")
        self._raw.append((name, value.encode("latin-1")))
        return value

    def update(self, other: Any = (), /, **kwargs: str) -> None:  # type: ignore[override]
        for key, value in {**dict(other), **kwargs}.items():
            self[key] = value

    def append(self, key: str, value: str) -> None:
        """Another pair, whatever is there already (a second set-cookie)."""
        self._raw.append((key.lower().encode("latin-1"), value.encode("latin-1")))

    def add_vary_header(self, vary: str) -> None:
        existing = self.get("vary")
        self["vary"] = vary if existing is None else ", ".join([existing, vary])

    def mutablecopy(self) -> MutableHeaders:
        return MutableHeaders(raw=list(self._raw))


class ImmutableMultiDict(Mapping[str, Any]):
    """Starlette's multi-dict: ``d[k]`` is the last value, ``getlist(k)`` all of them, in order."""

    def __init__(self, items: Any = (), **kwargs: Any) -> None:
        if isinstance(items, ImmutableMultiDict):
            pairs = items.multi_items()
        elif isinstance(items, Mapping):
            pairs = list(items.items())
        else:
            pairs = list(items)
        pairs += kwargs.items()   # as Starlette's: keyword pairs after the given ones
        self._list = pairs
        self._dict = {k: v for k, v in pairs}

    def getlist(self, key: str) -> list[Any]:
        return [v for k, v in self._list if k == key]

    def multi_items(self) -> list[tuple[str, Any]]:
        return list(self._list)

    def __getitem__(self, key: str) -> Any:
        return self._dict[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict)

    def __len__(self) -> int:
        return len(self._dict)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ImmutableMultiDict) and sorted(self._list) == sorted(other._list)

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self._list!r})"


class MultiDict(ImmutableMultiDict):
    """Starlette's mutable multi-dict: setting a key replaces all its values, ``append`` adds one more,
    ``setlist``/``poplist`` handle them all; ``d[k]`` stays the last value."""

    def __setitem__(self, key: str, value: Any) -> None:
        self.setlist(key, [value])

    def __delitem__(self, key: str) -> None:
        del self._dict[key]
        self._list = [(k, v) for k, v in self._list if k != key]

    def pop(self, key: str, default: Any = None) -> Any:
        self._list = [(k, v) for k, v in self._list if k != key]
        return self._dict.pop(key, default)

    def popitem(self) -> tuple[str, Any]:
        key, value = self._dict.popitem()
        self._list = [(k, v) for k, v in self._list if k != key]
        return key, value

    def poplist(self, key: str) -> list[Any]:
        values = self.getlist(key)
        self.pop(key)
        return values

    def clear(self) -> None:
        self._dict.clear()
        self._list.clear()

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self._dict:
            self.append(key, default)
        return self._dict[key]

    def setlist(self, key: str, values: list[Any]) -> None:
        if not values:
            self.pop(key, None)
            return
        self._list = [(k, v) for k, v in self._list if k != key] + [(key, value) for value in values]
        self._dict[key] = values[-1]

    def append(self, key: str, value: Any) -> None:
        self._list.append((key, value))
        self._dict[key] = value

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Each key of the update replaces all values of that key, as Starlette's."""
        value = MultiDict(*args, **kwargs)
        self._list = [(k, v) for k, v in self._list if k not in value._dict] + value.multi_items()
        self._dict.update(value._dict)


class QueryParams(ImmutableMultiDict):
    """A query's parameters: from a query string (``+`` and ``%XX`` decoded, blank values kept), or pairs or a
    mapping; ``str()`` encodes them again (``+`` for spaces), as Starlette's."""

    def __init__(self, items: Any = (), **kwargs: Any) -> None:
        if isinstance(items, bytes):
            items = items.decode("latin-1")
        if isinstance(items, str):
            items = parse_qsl(items, keep_blank_values=True)
        super().__init__(items, **kwargs)

    def __str__(self) -> str:
        return urlencode(self._list)

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({str(self)!r})"


class FormData(ImmutableMultiDict):
    async def close(self) -> None:
        for _, value in self._list:
            close = getattr(value, "close", None)
            if close is not None:
                await close()


class Secret:
    """A string kept out of reprs and tracebacks (Starlette's): ``str(secret)`` where the value is needed."""

    def __init__(self, value: str) -> None:
        self._value = value

    def __repr__(self) -> str:
        return f"{type(self).__name__}('**********')"

    def __str__(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)


class CommaSeparatedStrings(Sequence[str]):
    """Starlette's: "a, 'b c', d" -> ['a', 'b c', 'd'] (shell-style quotes), or a sequence taken as it is."""

    def __init__(self, value: str | Sequence[str]) -> None:
        if isinstance(value, str):
            splitter = shlex.shlex(value, posix=True)
            splitter.whitespace = ","
            splitter.whitespace_split = True
            self._items = [item.strip() for item in splitter]
        else:
            self._items = list(value)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: Any) -> Any:
        return self._items[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._items!r})"

    def __str__(self) -> str:
        return ", ".join(repr(item) for item in self._items)


class Address(NamedTuple):
    host: str
    port: int


class URLPath(str):
    """A path ``url_path_for`` found (Starlette's): a str that can become an absolute URL under a base URL."""

    def __new__(cls, path: str, protocol: str = "", host: str = "") -> URLPath:
        assert protocol in ("http", "websocket", ""), f"unknown protocol {protocol!r}"   # Starlette's AssertionError
        return str.__new__(cls, path)

    def __init__(self, path: str, protocol: str = "", host: str = "") -> None:
        self.protocol = protocol
        self.host = host

    def make_absolute_url(self, base_url: str | URL) -> URL:
        """This path under ``base_url`` (its scheme follows the base's security for a protocol-bound path)."""
        base = URL(base_url) if isinstance(base_url, str) else base_url
        if self.protocol:
            secure = base.is_secure
            scheme = {"http": "https" if secure else "http", "websocket": "wss" if secure else "ws"}[self.protocol]
        else:
            scheme = base.scheme
        return URL(f"{scheme}://{self.host or base.netloc}{base.path.rstrip('/')}{self}")


class URL:
    """A URL and its parts, as Starlette's ``URL``: made from a string, an ASGI ``scope`` or its parts
    (``URL(scheme=..., netloc=..., path=...)``); ``replace`` any part (also hostname, port, username,
    password), and the query helpers pagination links are built with. As Starlette's, it keeps the string
    and splits it on first use: ``jsonable_encoder`` (``vars``) of an untouched URL gives ``{"_url": ...}``."""

    def __init__(self, url: str = "", scope: Mapping[str, Any] | None = None, **components: Any) -> None:
        if scope is not None:
            assert not url, 'Cannot set both "url" and "scope".'
            assert not components, 'Cannot set both "scope" and "**components".'
            url = _url_of_scope(scope)
        elif components:
            assert not url, 'Cannot set both "url" and "**components".'
            url = URL("").replace(**components).components.geturl()
        self._url = url

    @property
    def components(self) -> SplitResult:
        if not hasattr(self, "_components"):
            self._components = urlsplit(self._url)
        return self._components

    scheme = property(lambda self: self.components.scheme)
    netloc = property(lambda self: self.components.netloc)
    path = property(lambda self: self.components.path)
    query = property(lambda self: self.components.query)
    fragment = property(lambda self: self.components.fragment)
    username = property(lambda self: self.components.username)
    password = property(lambda self: self.components.password)
    hostname = property(lambda self: self.components.hostname)
    port = property(lambda self: self.components.port)

    @property
    def is_secure(self) -> bool:
        return self.scheme in ("https", "wss")

    def replace(self, **kwargs: Any) -> URL:
        if {"username", "password", "hostname", "port"} & kwargs.keys():
            kwargs["netloc"] = self._netloc(kwargs.pop("hostname", None), kwargs.pop("port", self.port),
                                            kwargs.pop("username", self.username), kwargs.pop("password", self.password))
        return self.__class__(self.components._replace(**kwargs).geturl())

    def _netloc(self, hostname: str | None, port: int | None, username: str | None, password: str | None) -> str:
        if hostname is None:   # keep the host as written (an IPv6 one with its brackets), without its port
            hostname = self.netloc.rpartition("@")[2]
            if not hostname.endswith("]"):
                hostname = hostname.rsplit(":", 1)[0]
        elif ":" in hostname and not hostname.startswith("[") and _is_ipv6(hostname):
            hostname = f"[{hostname}]"   # as Starlette's
        netloc = hostname if port is None else f"{hostname}:{port}"
        if username is not None:
            netloc = f"{username}{':' + password if password is not None else ''}@{netloc}"
        return netloc

    def include_query_params(self, **kwargs: Any) -> URL:
        """The query with these parameters set (each replaces all values of its name, at the end)."""
        updated = {str(k): str(v) for k, v in kwargs.items()}
        kept = [(k, v) for k, v in parse_qsl(self.query, keep_blank_values=True) if k not in updated]
        return self.replace(query=urlencode(kept + list(updated.items())))

    def replace_query_params(self, **kwargs: Any) -> URL:
        return self.replace(query=urlencode([(str(k), str(v)) for k, v in kwargs.items()]))

    def remove_query_params(self, keys: str | Sequence[str]) -> URL:
        removed = {keys} if isinstance(keys, str) else set(keys)
        return self.replace(query=urlencode([(k, v) for k, v in parse_qsl(self.query, keep_blank_values=True)
                                             if k not in removed]))

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self._url)

    def __str__(self) -> str:
        return self._url

    def __repr__(self) -> str:
        url = str(self.replace(password="********")) if self.password else str(self)
        return f"{self.__class__.__name__}({url!r})"


# Starlette's: a Host header of a host name, IPv4 address or bracketed IP literal, and a port.
_HOST = re.compile(r"^(?P<host>[a-z0-9._~%!$&'()*+,;=-]+|\[(?:(?P<ipv6>[a-f0-9]*:[a-f0-9.:]+)|"
                   r"(?-i:v)[a-f0-9]+\.[a-z0-9._~!$&'()*+,;=:-]+)\])(?::(?P<port>[0-9]+))?$", re.IGNORECASE)


def _is_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


def host_authority(host_header: str | None) -> str | None:
    """The Host header's host and port when it is a valid one (as Starlette's parse_host_header, with a port up to
    65535); None otherwise: a URL then takes the server's address, so that no header can inject a path or a user."""
    found = _HOST.fullmatch(host_header) if host_header is not None else None
    if found is None:
        return None
    if found["ipv6"] is not None and not _is_ipv6(found["ipv6"]):
        return None
    port = found["port"]
    if port is not None and (len(port.lstrip("0")) > 5 or int(port) > 65535):
        return None
    return found["host"] if port is None else f"{found['host']}:{port}"


def server_netloc(server: tuple[str, int | None], scheme: str) -> str:
    """The server's address as a URL's host: an IPv6 one in brackets, the scheme's default port left out."""
    host, port = server
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    default_port = {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme)
    return host if port == default_port or port is None else f"{host}:{port}"


def _url_of_scope(scope: Mapping[str, Any]) -> str:
    """Starlette's URL of an ASGI scope: the Host header's host when valid, else the server's, the path (its '?',
    '#' and '\\' escaped, so they stay in the path; as in ASGI, it holds the root path already), and the query
    string."""
    scheme = scope.get("scheme", "http")
    server = scope.get("server")
    path = scope["path"].replace("?", "%3F").replace("#", "%23").replace("\\", "%5C")
    query_string = scope.get("query_string", b"")
    host = host_authority(next((value.decode("latin-1") for key, value in scope["headers"] if key == b"host"), None))
    if host is None and server is not None:
        host = server_netloc(server, scheme)
    query = query_string.decode()
    if host is not None:   # (a path without its leading '/' gets one: it never reads as part of the host)
        return SplitResult(scheme=scheme, netloc=host, path=path, query=query, fragment="").geturl()
    url = "/%2F" + path[2:] if path.startswith("//") else path   # else the '//' would read as an authority
    return f"{url}?{query}" if query else url


class State:
    """An object for arbitrary attributes (``request.state``, ``app.state``); as in Starlette 1.x, also a mapping
    of them (``state["db"]``, ``len(state)``, iterating over their names)."""

    def __init__(self, state: dict[str, Any] | None = None) -> None:
        super().__setattr__("_state", state if state is not None else {})   # the dict itself, as Starlette's

    def __setattr__(self, key: str, value: Any) -> None:
        self._state[key] = value

    def __getattr__(self, key: str) -> Any:
        try:
            return self._state[key]
        except KeyError:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{key}'") from None

    def __delattr__(self, key: str) -> None:
        del self._state[key]

    def __getitem__(self, key: str) -> Any:
        return self._state[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._state[key] = value

    def __delitem__(self, key: str) -> None:
        del self._state[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._state)

    def __len__(self) -> int:
        return len(self._state)


class DefaultPlaceholder:
    """An option left at its default (FastAPI's ``Default(...)``): a router's or the app's own default
    may still replace it when routes are included, where an explicitly passed value wins."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __bool__(self) -> bool:
        return bool(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DefaultPlaceholder) and other.value == self.value


def Default(value: Any) -> Any:  # noqa: N802 - FastAPI's name
    return DefaultPlaceholder(value)


def get_value_or_default(first: Any, *more: Any) -> Any:
    """The first explicitly set value, else the first placeholder (FastAPI's precedence: route, then
    the included router, then ``include_router``'s argument, then the including router or app)."""
    for value in (first, *more):
        if not isinstance(value, DefaultPlaceholder):
            return value
    return first


def __getattr__(name: str) -> Any:
    # UploadFile lives with the form parsing (tachyon.forms, which builds on this module); FastAPI apps import
    # it from here too (fastapi.datastructures.UploadFile).
    if name == "UploadFile":
        from .forms import UploadFile

        return UploadFile
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
