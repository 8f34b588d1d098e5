#!/usr/bin/env bash
# Sets up a fresh machine of this kind for Tachyon: builds the C# engine and makes the `tachyon`
# command available. Idempotent; safe to run before every run or test.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK 10 (dotnet) is required and was not found on PATH" >&2
  exit 1
fi
if ! dotnet --list-runtimes | grep -q '^Microsoft.AspNetCore.App 10\.'; then
  echo "setup: the ASP.NET Core 10 runtime (Microsoft.AspNetCore.App 10.x) is required" >&2
  exit 1
fi
python3 -c 'import sys, pydantic; assert sys.version_info >= (3, 11) and pydantic.VERSION.startswith("2")' || {
  echo "setup: Tachyon needs python3 >= 3.11 with pydantic 2" >&2
  exit 1
}

echo "setup: building the engine (build/engine)"
dotnet build engine/Tachyon.Engine/Tachyon.Engine.csproj -c Release -o build/engine.next --nologo -v quiet -clp:ErrorsOnly
# Replace files by unlinking first: a process still running the old engine keeps its (mapped) copy.
mkdir -p build/engine
cp --remove-destination build/engine.next/* build/engine/

# The `tachyon` command and `import tachyon`, from this checkout (an editable install without pip).
python3 scripts/install_command.py
if command -v pyenv >/dev/null 2>&1; then pyenv rehash; fi
echo "setup: done"
