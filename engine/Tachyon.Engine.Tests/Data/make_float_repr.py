"""Generates float_repr.txt: the expected output of PythonFloatFormatter, straight from CPython.

Each line is `<16 hex digits of the IEEE-754 bits> <repr(value)>`, for finite doubles only.
Deterministic (fixed seed); rerun with `python3 make_float_repr.py` from this folder after changing it.
"""
import math
import random
import struct

rng = random.Random(20240611)


def bits(x: float) -> str:
    return struct.pack(">d", x).hex()


def from_bits(b: int) -> float:
    return struct.unpack(">d", b.to_bytes(8, "big"))[0]


values = set()

# Edges: zeros, extremes, subnormals, and the fixed/exponent switch points (1e-5/1e-4 and 1e15/1e16).
for x in [0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
          1.7976931348623157e308, -1.7976931348623157e308, 1.0, -1.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3,
          math.pi, math.e, 1e22, 1e23, 9007199254740992.0, 9007199254740993.0,
          12345678901234567890.0, 123456789012345.6, 1.5e-07]:
    values.add(x)
for e in range(-325, 309):
    for m in (1.0, 1.5, 9.999999999999999, 1.2345678901234567, 5.0, 9.0):
        values.add(float(f"{m}e{e}"))
# Neighbours of the fixed/exponent switch points.
for edge in (1e16, 1e-4, 1e-5, 1e15):
    for direction in (math.inf, -math.inf):
        x = edge
        for _ in range(30):
            values.add(x)
            x = math.nextafter(x, direction)
for k in range(-30, 31):
    values.add(float(10 ** 16 + 2 * k))
    values.add(float(10 ** 15 + k) + 0.5)

# Random bit patterns: uniform over exponents, so all magnitudes and subnormals appear.
while len(values) < 4000:
    x = from_bits(rng.getrandbits(64))
    if math.isfinite(x):
        values.add(x)
# Short "human" decimals and integers, the common case in JSON responses.
for _ in range(1500):
    digits = rng.randint(1, 17)
    mantissa = rng.randint(0, 10 ** digits - 1)
    values.add(float(f"{mantissa}e{rng.randint(-25, 25)}") * rng.choice((1, -1)))
    values.add(float(rng.randint(-10 ** 18, 10 ** 18)))
    values.add(round(rng.uniform(-1000, 1000), rng.randint(0, 6)))

values = {x for x in values if math.isfinite(x)}  # float("9.9e308") is inf, not an error
with open("float_repr.txt", "w", encoding="ascii") as f:
    for x in sorted(values, key=bits):
        f.write(f"{bits(x)} {x!r}\n")
print(len(values), "values")
