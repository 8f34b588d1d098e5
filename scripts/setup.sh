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

# The docs pages' assets (Swagger UI, ReDoc) from npm, served by apps at /_tachyon/docs/: docs work offline.
if [ ! -f build/docs/node_modules/swagger-ui-dist/swagger-ui-bundle.js ] || [ ! -f build/docs/node_modules/redoc/bundles/redoc.standalone.js ]; then
  if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing npm (apt-get)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm; } \
      > build/npm-install.log 2>&1 || echo "setup: apt-get install npm failed (see build/npm-install.log)" >&2
  fi
  if command -v npm >/dev/null 2>&1; then
    echo "setup: installing Swagger UI and ReDoc assets from npm (build/docs)"
    mkdir -p build/docs
    (cd build/docs && npm install --no-audit --no-fund --silent swagger-ui-dist@5 redoc@2 >/dev/null)
  else
    echo "setup: npm not found: /docs and /redoc will lack their assets" >&2
  fi
fi

# httpx, which the TestClient is built on (from Debian when this python3 has none).
python3 scripts/install_httpx.py

# The `tachyon` command and `import tachyon`, from this checkout (an editable install without pip).
python3 scripts/install_command.py
if command -v pyenv >/dev/null 2>&1; then pyenv rehash; fi
echo "setup: done"
