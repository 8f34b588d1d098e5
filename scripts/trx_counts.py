"""Prints "passed failed" from a .trx file written by dotnet test (0 0 when there is none)."""
import sys
import xml.etree.ElementTree as ET

try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError):
    print(0, 1)  # no results at all counts as a failure
    sys.exit(0)
counters = next(e for e in root.iter() if e.tag.endswith("Counters"))
print(counters.get("passed", "0"), int(counters.get("failed", "0")) + int(counters.get("error", "0")))
