"""Loads the engine into this process through hostfxr (the .NET hosting layer) with ctypes.

One CoreCLR per process. On Linux hostfxr's ``char_t`` is UTF-8, and UNMANAGEDCALLERSONLY_METHOD is
``(void*)-1``: entry points are ``[UnmanagedCallersOnly]`` static methods.
"""
from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

ENGINE_ASSEMBLY = "Tachyon.Engine"
_UNMANAGED_CALLERS_ONLY = ctypes.c_void_p(-1)
_LOAD_ASSEMBLY_AND_GET_FUNCTION_POINTER = 5  # hostfxr_delegate_type


class EngineLoadError(RuntimeError):
    """The engine could not be loaded: no suitable .NET runtime, or the engine is not built."""


def _dotnet_root() -> Path:
    root = os.environ.get("DOTNET_ROOT")
    if root:
        return Path(root)
    dotnet = shutil.which("dotnet")
    if dotnet:
        return Path(os.path.realpath(dotnet)).parent
    for candidate in ("/usr/share/dotnet", "/usr/lib/dotnet", "/usr/local/share/dotnet", str(Path.home() / ".dotnet")):
        if Path(candidate, "host", "fxr").is_dir():
            return Path(candidate)
    raise EngineLoadError(
        "Tachyon needs the .NET 10 runtime with ASP.NET Core (Microsoft.AspNetCore.App 10.x), "
        "and no .NET installation was found: install it, or set DOTNET_ROOT to its folder."
    )


def _hostfxr_path(root: Path) -> Path:
    fxr = root / "host" / "fxr"
    versions = sorted(
        (p for p in fxr.glob("*") if (p / "libhostfxr.so").exists()),
        key=lambda p: tuple(int(x) if x.isdigit() else 0 for x in p.name.split(".")),
    )
    if not versions:
        raise EngineLoadError(f"no libhostfxr.so under {fxr}: the .NET installation at {root} is incomplete")
    return versions[-1] / "libhostfxr.so"


def engine_dir() -> Path:
    configured = os.environ.get("TACHYON_ENGINE_DIR")
    folder = Path(configured) if configured else Path(__file__).resolve().parents[2] / "build" / "engine"
    if not (folder / f"{ENGINE_ASSEMBLY}.dll").exists():
        raise EngineLoadError(
            f"the Tachyon engine is not built ({folder / (ENGINE_ASSEMBLY + '.dll')} is missing): run scripts/setup.sh"
        )
    return folder


def load_entry_point(type_name: str, method_name: str) -> int:
    """Starts the CLR (once) and returns the address of an [UnmanagedCallersOnly] method of the engine."""
    folder = engine_dir()
    root = _dotnet_root()
    lib = ctypes.CDLL(str(_hostfxr_path(root)))

    init = lib.hostfxr_initialize_for_runtime_config
    init.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
    init.restype = ctypes.c_int32
    get_delegate = lib.hostfxr_get_runtime_delegate
    get_delegate.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.POINTER(ctypes.c_void_p)]
    get_delegate.restype = ctypes.c_int32
    close = lib.hostfxr_close
    close.argtypes = [ctypes.c_void_p]
    close.restype = ctypes.c_int32

    handle = ctypes.c_void_p()
    config = folder / f"{ENGINE_ASSEMBLY}.runtimeconfig.json"
    rc = init(str(config).encode(), None, ctypes.byref(handle))
    # 0: started; 1: the runtime was already running; 2: already running with other properties.
    if rc not in (0, 1, 2) or not handle:
        raise EngineLoadError(
            f"hostfxr could not start .NET for {config} (error 0x{rc & 0xFFFFFFFF:08x}). Tachyon needs "
            f"Microsoft.NETCore.App and Microsoft.AspNetCore.App 10.x under {root}; `dotnet --list-runtimes` shows what is installed."
        )
    try:
        loader = ctypes.c_void_p()
        rc = get_delegate(handle, _LOAD_ASSEMBLY_AND_GET_FUNCTION_POINTER, ctypes.byref(loader))
        if rc != 0 or not loader:
            raise EngineLoadError(f"hostfxr gave no assembly loader (error 0x{rc & 0xFFFFFFFF:08x})")
    finally:
        close(handle)

    load = ctypes.CFUNCTYPE(
        ctypes.c_int32, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_void_p),
    )(loader.value)
    address = ctypes.c_void_p()
    assembly = folder / f"{ENGINE_ASSEMBLY}.dll"
    qualified_type = f"{type_name}, {ENGINE_ASSEMBLY}".encode()
    rc = load(str(assembly).encode(), qualified_type, method_name.encode(), _UNMANAGED_CALLERS_ONLY, None, ctypes.byref(address))
    if rc != 0 or not address:
        raise EngineLoadError(f"could not load {type_name}.{method_name} from {assembly} (error 0x{rc & 0xFFFFFFFF:08x})")
    return address.value
