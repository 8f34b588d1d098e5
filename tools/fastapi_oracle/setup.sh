#!/usr/bin/env bash
# Unpacks a real FastAPI (Debian forky's python3-fastapi, 0.143.3 when written) with its pure-Python dependencies
# into tools/fastapi_oracle/.cache (ignored by git), for diff.sh, with scripts/debian_packages.py (a private
# apt configuration: the system's sources are left alone). Runs on this Python and its pydantic 2.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
site="$here/.cache/root/usr/lib/python3/dist-packages"
if ! PYTHONPATH="$site" python3 -c "import fastapi, starlette, httpx, python_multipart" 2>/dev/null; then
  (cd "$repo" && python3 -c "
from pathlib import Path
from scripts.debian_packages import unpack_debian_packages
cache = Path('$here/.cache')
unpack_debian_packages('forky', ['python3-fastapi', 'python3-starlette', 'python3-anyio', 'python3-sniffio',
    'python3-idna', 'python3-httpx', 'python3-httpcore', 'python3-h11', 'python3-certifi', 'python3-annotated-doc',
    'python3-python-multipart', 'python3-typing-extensions', 'python3-opentelemetry-api'], cache, cache / 'root')
")
fi
# pytest for difftests.sh: Debian's python3-pytest (for the system's python3), linked into a folder of its own.
if [ ! -d /usr/lib/python3/dist-packages/_pytest ]; then
  apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pytest > /dev/null
fi
mkdir -p "$here/.cache/pytest"
for module in _pytest pytest py.py pluggy iniconfig packaging; do
  ln -sfn "/usr/lib/python3/dist-packages/$module" "$here/.cache/pytest/$module"
done
echo "oracle: $(PYTHONPATH="$site" python3 -c 'import fastapi; print("FastAPI", fastapi.__version__)') ready in $site"
