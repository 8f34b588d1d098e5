"""Generates scalar_cases.jsonl: pydantic v2's lax-mode verdicts that ScalarFastPath is checked against.

Every input is validated as each of int, float, bool and uuid.UUID with TypeAdapter(T).validate_python(s).
One JSON object per line (json.dumps, ASCII with \\u escapes):
  {"s": input, "len": len(s),
   "int": str(value) or null,         # null = pydantic raised ValidationError
   "float": IEEE-754 bits as 16 hex digits or null,
   "bool": true/false or null,
   "uuid": str(value) or null,
   "uuid_ctor": str(uuid.UUID(s)) or null}
Inputs cover numbers with signs, whitespace (ASCII and Unicode), underscores, leading zeros, exponents,
huge values and long digit strings, Unicode digits, inf/nan spellings, bool spellings in all letter cases,
UUID variants and random garbage. Deterministic; rerun `python3 make_scalar_cases.py` from this folder.
"""
import itertools
import json
import random
import struct
import uuid

from pydantic import TypeAdapter, ValidationError

rng = random.Random(20240612)
adapters = {"int": TypeAdapter(int), "float": TypeAdapter(float), "bool": TypeAdapter(bool),
            "uuid": TypeAdapter(uuid.UUID)}
inputs: list[str] = []

ASCII_WS = [" ", "\t", "\n", "\v", "\f", "\r"]
OTHER_WS = ["\u00a0", "\u2003", "\u3000", "\u0085", "\u2028", "\x1c", "\ufeff", "\u200b"]
UNICODE_DIGITS = ["\u0660", "\u0966", "\uff10", "\U0001d7ce"]  # Arabic-Indic, Devanagari, fullwidth, math bold


def pad(s: str) -> str:
    """Sometimes surround with whitespace, mostly ASCII."""
    r = rng.random()
    if r < 0.7:
        return s
    ws = ASCII_WS if r < 0.9 else OTHER_WS
    return rng.choice(["", rng.choice(ws)]) + s + rng.choice(["", rng.choice(ws), rng.choice(ws) * 2])


def to_unicode_digits(s: str) -> str:
    zero = ord(rng.choice(UNICODE_DIGITS))
    return "".join(chr(zero + int(c)) if c.isdigit() and rng.random() < 0.5 else c for c in s)


def underscored(digits: str) -> str:
    out = digits[0]
    for c in digits[1:]:
        out += rng.choice(["", "", "_", "__"]) + c
    return rng.choice(["", "", "", "_"]) + out + rng.choice(["", "", "", "_"])


def fuzz(alphabet: list[str], count: int, max_len: int) -> None:
    for _ in range(count):
        inputs.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, max_len))))


# --- integers
inputs += ["0", "1", "42", "-7", "+1", " 1", "1 ", "01", "00", "-0", "+0", "-01", "1_000", "1__0", "_1", "1_",
           "1.0", "1.00", "1.", ".0", "1.5", "1e3", "1E3", "0x10", "0b1", "0o7", "", "-", "+", "+-1", "--1",
           "1_0.0", "1.0_0", "1 .0", "0-5", "0__9", "+_1", "-_1", "1,000", "1'000", "١٢", "１２"]
for bound in (2 ** 63, 2 ** 64, 10 ** 18, 10 ** 19):
    for k in range(-3, 4):
        for sign in ("", "-", "+"):
            inputs.append(f"{sign}{bound + k}")
            inputs.append(f"{sign}{bound + k}.0")
for _ in range(1500):
    n = rng.randint(0, 10 ** rng.randint(1, 25))
    digits = "0" * rng.choice([0, 0, 0, 1, 3]) + str(n)
    if rng.random() < 0.2:
        digits = underscored(digits)
    s = rng.choice(["", "", "-", "+"]) + digits + rng.choice(["", "", "", ".0", ".000", ".", ".5", "e0", "e3", ".0e0"])
    if rng.random() < 0.05:
        s = to_unicode_digits(s)
    inputs.append(pad(s))
fuzz(["0", "0", "1", "9", "_", "_", ".", "+", "-", " ", "5"], 1500, 8)
inputs += ["0" * 70 + "1", "1" + "0" * 70, "9" * 5000]

# --- floats
inputs += ["1", "-2.5", "3.14", "1e3", "1E3", "1e+3", "1e-3", "+1", ".5", "1.", "-.5", "+.5", "-0", "-0.0", "0e0",
           "inf", "Inf", "INFINITY", "-inf", "+inf", "infinity", "nan", "NaN", "-nan", "+NaN", "1_0", "1_0.5",
           "1.5_0", "+0_.", "0x1p3", "1e400", "-1e400", "1e-400", "4.9e-324", "2.4e-324", "2.5e-324",
           "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "e3", "1e", "1e+",
           "1e+-3", "1.e3", ".e3", "1d", "1f", "1.5e3_0", "1e0003", "0.1e-310", "1e0000000000000000003",
           "0e99999999999999999999", "1e-99999999999999999999", "1e99999999999999999999", "9007199254740993",
           "9007199254740993.0000000000000000001", "2.2250738585072011e-308", "2.2250738585072012e-308",
           "1.00000000000000011102230246251565404236316680908203125",
           "1.00000000000000011102230246251565404236316680908203124", "0." + "0" * 60 + "1", "1" * 64,
           "123456789012345678901234567890", "1.0000000000000000000000000000000000001", "3,14", "١.٥", "１.５"]
for _ in range(1500):
    x = struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]
    s = rng.choice([repr(x), f"{x:.{rng.randint(1, 25)}g}", f"{x:.{rng.randint(0, 20)}e}"])
    if rng.random() < 0.3:
        s = s.upper()
    inputs.append(pad(s))
for _ in range(1500):
    mantissa = str(rng.randint(0, 10 ** rng.randint(1, 30)))
    point = rng.randint(0, len(mantissa))
    s = rng.choice(["", "", "-", "+"]) + mantissa[:point] + rng.choice([".", ".", ""]) + mantissa[point:]
    if rng.random() < 0.5:
        s += rng.choice("eE") + rng.choice(["", "+", "-"]) + str(rng.randint(0, 400))
    if rng.random() < 0.05:
        s = rng.choice([underscored, to_unicode_digits])(s) if s[:1].isdigit() else s
    inputs.append(pad(s))
fuzz(["0", "1", "9", "5", "_", ".", "+", "-", " ", "e", "E", "i", "n", "f", "a"], 1500, 8)

# --- bools
for word in ["0", "1", "t", "f", "y", "n", "on", "no", "off", "yes", "true", "false"]:
    for letters in itertools.product(*[(c.lower(), c.upper()) for c in word]):
        inputs.append("".join(letters))
    for ws in ASCII_WS[:3] + OTHER_WS[:2]:
        inputs += [ws + word, word + ws]
inputs += ["2", "01", "00", "10", "1.0", "0.0", "-0", "+1", "truee", "tru", "yess", "offf", "falſe", "\u0131",
           "tru\u0435", "Ｔrue", "\u212a", "ture", "none", "null", "nil"]

# --- uuids
for _ in range(400):
    u = uuid.UUID(int=rng.getrandbits(128))
    h = u.hex
    forms = [str(u), str(u).upper(), "".join(rng.choice((c, c.upper())) for c in str(u)), h, h.upper(),
             "{" + str(u) + "}", "urn:uuid:" + str(u), " " + str(u), str(u) + "\n", str(u)[:-1], str(u) + "0",
             h[:-1], h + "a", str(u).replace("-", ""), h[:8] + "-" + h[8:], str(u).replace("-", "_"),
             h[:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:24] + "-" + h[24:]]
    s = rng.choice(forms)
    if rng.random() < 0.1:
        i = rng.randrange(len(s))
        s = s[:i] + rng.choice(["g", "G", "\uff41", "\u0660", "-", " ", "x"]) + s[i + 1:]
    inputs.append(s)

# --- garbage and code point lengths
fuzz(["a", "Z", " ", "é", "€", "😀", "𝟎", "\u0301", "-", "1", "%", "\u00a0"], 400, 12)
inputs += ["😀", "a😀b", "é", "e\u0301", "𝟘𝟙", "\U0010ffff", "\u00a0"]


def verdict(kind: str, s: str):
    try:
        v = adapters[kind].validate_python(s)
    except ValidationError:
        return None
    if kind == "float":
        return struct.pack(">d", v).hex()
    if kind == "bool":
        return v
    return str(v)


def uuid_ctor(s: str):
    try:
        return str(uuid.UUID(s))
    except ValueError:
        return None


seen = set()
with open("scalar_cases.jsonl", "w", encoding="ascii") as f:
    for s in inputs:
        if s in seen:
            continue
        seen.add(s)
        row = {"s": s, "len": len(s)}
        row.update({kind: verdict(kind, s) for kind in adapters})
        row["uuid_ctor"] = uuid_ctor(s)
        f.write(json.dumps(row) + "\n")
print(len(seen), "cases")
