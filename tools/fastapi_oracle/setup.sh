#!/usr/bin/env bash
# Unpacks a real FastAPI (Debian forky's python3-fastapi, 0.143.3 when written) with its pure-Python dependencies
# into tools/fastapi_oracle/.cache (ignored by git), for diff.sh. The system's apt sources are left alone: apt
# reads a private configuration. Runs on the harness's Python and its pydantic 2. Needs apt-get and dpkg-deb.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="$here/.cache"
site="$cache/root/usr/lib/python3/dist-packages"
if PYTHONPATH="$site" python3 -c "import fastapi, starlette, httpx, python_multipart" 2>/dev/null; then
  echo "oracle: $(PYTHONPATH="$site" python3 -c 'import fastapi; print("FastAPI", fastapi.__version__)') ready in $site"
  exit 0
fi
mkdir -p "$cache/apt/lists/partial" "$cache/apt/archives/partial" "$cache/debs"
cat > "$cache/apt/forky.sources" <<SOURCES
Types: deb
URIs: http://deb.debian.org/debian
Suites: forky
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
apt=(-o "Dir::Etc::SourceList=$cache/apt/forky.sources" -o Dir::Etc::SourceParts=/dev/null
     -o "Dir::State::Lists=$cache/apt/lists" -o "Dir::Cache=$cache/apt" -o APT::Sandbox::User=root -qq)
apt-get "${apt[@]}" update
(cd "$cache/debs" && apt-get "${apt[@]}" download python3-fastapi python3-starlette python3-anyio python3-sniffio \
  python3-idna python3-httpx python3-httpcore python3-h11 python3-certifi python3-annotated-doc \
  python3-python-multipart python3-typing-extensions python3-opentelemetry-api)
rm -rf "$cache/root"
for deb in "$cache"/debs/*.deb; do dpkg-deb -x "$deb" "$cache/root"; done
echo "oracle: $(PYTHONPATH="$site" python3 -c 'import fastapi; print("FastAPI", fastapi.__version__)') ready in $site"
