# Sourced by diff.sh and difftests.sh with the file to compare as $1: the oracle's and this checkout's paths, and
# the file's folder (made the working directory), name and output folder.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
site="$here/.cache/root/usr/lib/python3/dist-packages"
file="$(readlink -f "$1")"; dir="$(dirname "$file")"; name="$(basename "$file" .py)"
out="$here/.cache/out"; mkdir -p "$out"
cd "$dir"
