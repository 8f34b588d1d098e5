"""Seeded, deterministic input generators for tests/test_coercion_differential.py.

Each ``*_inputs(rng)`` returns decoded strings (what pydantic would see) meant to probe one coercion:
spellings pydantic accepts, near misses it rejects, and the quirks in between. The same seed always
gives the same lists, in the same order, so a failure can be reproduced from its printed input.
"""
from __future__ import annotations

import random
import uuid

# Rust's str::trim (what pydantic-core applies to numbers) trims Unicode White_Space; the C# fast path
# trims only the ASCII part. Zero-width space and BOM are *not* White_Space and must not be trimmed.
ASCII_WS = [" ", "\t", "\n", "\r", "\v", "\f"]
UNICODE_WS = ["\u0085", "\u00a0", "\u1680", "\u2000", "\u2003", "\u200a", "\u2028", "\u2029", "\u202f",
              "\u205f", "\u3000"]
NOT_WS = ["\u200b", "\ufeff", "\u180e", "\x00", "\x1c", "\x1f"]   # not Unicode White_Space (Python's str.strip does strip \x1c-\x1f)
ALL_PADDING = ASCII_WS + UNICODE_WS + NOT_WS

# Digits that Python's int() accepts but pydantic does not (and a few it accepts in neither).
UNICODE_DIGIT_SETS = [
    "٠١٢٣٤٥٦٧٨٩",            # Arabic-Indic
    "۰۱۲۳۴۵۶۷۸۹",            # Extended Arabic-Indic
    "०१२३४५६७८९",            # Devanagari
    "０１２３４５６７８９",    # fullwidth
    "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",            # mathematical bold (outside the BMP)
    "⁰¹²³⁴⁵⁶⁷⁸⁹",            # superscripts (isdigit, not decimal)
]

INT_ANCHORS = [
    0, 1, 2, 5, 7, 9, 10, 42, 99, 100, 255, 256, 999, 1000, 1001, 1024, 4096, 65535, 65536,
    -1, -2, -4, -5, -6, -7, -10, -100, -1000,
    2**31 - 1, 2**31, 2**31 + 1, -2**31, -2**31 - 1,
    2**32 - 1, 2**32, 2**52, 2**53 - 1, 2**53, 2**53 + 1, -2**53 + 1, -2**53, -2**53 - 1,
    2**62, 2**63 - 2, 2**63 - 1, 2**63, 2**63 + 1, -2**63 + 1, -2**63, -2**63 - 1, -2**63 - 2,
    2**64 - 1, 2**64, 2**64 + 1, -2**64, 10**18, 10**19, -10**19, 10**20, 10**30, 10**100, -10**100,
    922337203685477580, 922337203685477581, 9223372036854775799, 9223372036854775810,
    92233720368547758070, 18446744073709551615, 18446744073709551616,
]


def _case_variants(word: str, rng: random.Random) -> list[str]:
    out = {word.lower(), word.upper(), word.title(), word.swapcase()}
    for _ in range(2):
        out.add("".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word))
    return sorted(out)


def _underscored(digits: str, rng: random.Random) -> list[str]:
    """Underscores in every position: between digits (valid), doubled, leading, trailing."""
    out = []
    if len(digits) >= 2:
        k = rng.randrange(1, len(digits))
        out.append(digits[:k] + "_" + digits[k:])
        out.append("_".join(digits))
        out.append(digits[:k] + "__" + digits[k:])
    out.append("_" + digits)
    out.append(digits + "_")
    if len(digits) >= 4:
        out.append(f"{int(digits):_}" if digits.isdigit() and not digits.startswith("0") else digits)
    return out


def _unicode_digits(text: str, rng: random.Random) -> list[str]:
    out = []
    for digits in UNICODE_DIGIT_SETS:
        table = {str(i): digits[i] for i in range(10)}
        out.append("".join(table.get(c, c) for c in text))
    if any(c.isdigit() for c in text):   # one digit replaced: mixed scripts
        positions = [i for i, c in enumerate(text) if c.isdigit()]
        i = rng.choice(positions)
        out.append(text[:i] + rng.choice(UNICODE_DIGIT_SETS)[int(text[i])] + text[i + 1:])
    return out


def _padded(text: str, rng: random.Random) -> list[str]:
    a, b = rng.choice(ALL_PADDING), rng.choice(ALL_PADDING)
    return [f" {text}", f"{text} ", f"  {text}\t", f"{a}{text}", f"{text}{b}", f"{a}{text}{b}",
            f"{rng.choice(UNICODE_WS)}{text}{rng.choice(ASCII_WS)}"]


def int_inputs(rng: random.Random) -> list[str]:
    out: list[str] = []
    literals = [
        "", " ", "  ", "\t", "-", "+", "_", ".", "-.", "+.", "--1", "++1", "+-1", "-+1", "- 1", "+ 1", "1 2",
        "0-5", "1-2", "0-0", "00-7", "0+5", "5-", "5+", "1,000", "1'000", "1 000", "0x10", "0X1F", "0o17", "0b101",
        "1e0", "1e3", "1E3", "1e-3", "1.", "1.0", "1.00", "1.000000000000000000000000000000000000000000000000000000000000000000",
        "-1.0", "+1.0", "-0", "+0", "-0.0", "0.0", ".0", "0.", "1.5", "-1.5", "1.01", "1.0_0", "1_0.0", "1_000.0",
        "1.0.0", "1..0", "1.0 ", " 1.0", "1.0e0", "1.00000000000000000001", "2.5", "0.9999999999999999999",
        "9223372036854775807.0", "9223372036854775808.0", "-9223372036854775808.0", "18446744073709551616.0",
        "inf", "-inf", "nan", "infinity", "None", "null", "true", "false", "one", "1a", "a1", "0_1", "00_1", "0__1",
        "1_", "_1", "+_1", "-_1", "1__0", "1_0_0_0", "0" * 70 + "1", "-" + "0" * 70 + "1", "0" * 64, "0" * 63 + "7",
        "1" * 63, "1" * 64, "1" * 65, "9" * 4300, "9" * 4301, "-" + "9" * 4300, "0" * 4400 + "5", "1" + "0" * 4299,
        "١٢٣", "１２３", "٤٢", "𝟒𝟐", "²", "½", "Ⅻ", "\u00a0\u00a0", "1\x00", "\x001", "𝟏",
    ]
    out += literals
    numbers = list(INT_ANCHORS) + [rng.randrange(-2**rng.randrange(1, 200), 2**rng.randrange(1, 200)) for _ in range(60)]
    numbers += [rng.randrange(-10, 1010) for _ in range(60)]   # around the /bounded bounds
    for n in numbers:
        text = str(n)
        digits = str(abs(n))
        sign = "-" if n < 0 else ""
        out.append(text)
        out.append(("+" if n >= 0 else "-") + digits)
        out.append(sign + "0" + digits)
        out.append(sign + "000" + digits)
        out.append(text + ".0")
        out.append(text + ".000")
        out.append(text + ".5")
        out.append(text + "e0")
        if rng.random() < 0.5:
            out += _padded(text, rng)
        else:
            out.append(rng.choice(_padded(text, rng)))
        out += [sign + u for u in _underscored(digits, rng)]
        if rng.random() < 0.3:
            out += _unicode_digits(text, rng)
    # random compositions of the pieces above
    pieces_sign = ["", "", "", "+", "-", "--", "+-"]
    pieces_zero = ["", "", "0", "00", "0_"]
    pieces_tail = ["", "", "", ".0", ".00", ".", ".5", "e1", "_", "_0", "0"]
    for _ in range(400):
        digits = str(rng.randrange(0, 10 ** rng.randrange(1, 25)))
        if rng.random() < 0.3:
            digits = rng.choice(_underscored(digits, rng))
        text = rng.choice(pieces_sign) + rng.choice(pieces_zero) + digits + rng.choice(pieces_tail)
        if rng.random() < 0.3:
            text = rng.choice(_padded(text, rng))
        out.append(text)
    return out


def float_inputs(rng: random.Random) -> list[str]:
    out: list[str] = []
    literals = [
        "", " ", ".", "-", "+", "e", "E", "e1", ".e1", "-.e1", "1e", "1e+", "1e-", "1.5e", "1.5e+", "e+5",
        ".5", "5.", "-.5", "+.5", "-5.", "+5.", "0.5", "00.5", "-00.5", "5.e3", ".5e3", ".5E-3", "+.5e-3",
        "1e5", "1E5", "1e+5", "1e-5", "1e05", "1e+0005", "1e-0005", "1E+308", "1e308", "1.7976931348623157e308",
        "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e309", "1e400", "1e99999", "-1e99999",
        "1e-300", "2.2250738585072014e-308", "2.225073858507201e-308", "4.9e-324", "5e-324", "2.5e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-324", "1e-400", "-1e-400", "0e0", "-0e0",
        "0.0", "-0.0", "+0.0", "0", "-0", "00", "0.", "-0.", ".0", "-.0",
        "inf", "-inf", "+inf", "INF", "Inf", "iNf", "infinity", "Infinity", "INFINITY", "-Infinity", "+infinity",
        "infinit", "infinityy", "in", "nan", "-nan", "+nan", "NaN", "NAN", "nAn", "snan", "qnan", "nan(1)", "nan0",
        " inf", "inf ", " nan ", "\u00a0inf", "−1", "－1",
        "1_0.5", "1_0", "1__0.5", "_1.5", "1.5_", "1._5", "1_.5", "1.5_5", "1e1_0", "1_e1", "1e_1", "+0_.", "-0_.",
        "0_0.0_0", "1_000_000.000_001", "_", "_.5", "._5",
        "0x1p3", "0x10", "1d5", "1f", "1.5f", "1,5", "1.2.3", "1..2", "1ee5", "1e5e5", "1e5.5", "--1.5", "+-1.5",
        "١.٥", "١٫٥", "１.５", "𝟏.𝟓", "1.٥", "٤٢", "½", "1/2",
        "0.1", "0.2", "0.3", "0.1000000000000000055511151231257827", "0.30000000000000004",
        "9007199254740993", "9007199254740992.5", "123456789012345678", "123456789012345678901234567890",
        "1" * 64, "1" * 63 + ".", "0." + "0" * 60 + "1", "0." + "0" * 62 + "1", "1." + "0" * 70,
        "9" * 400, "9" * 400 + ".5", "1" + "0" * 308, "1" + "0" * 309,
        "1e10", "9999999999.999999", "10000000000.0", "1e10 ", "0.000001", "1e-323",
    ]
    out += literals
    specials = [0.0, 1.0, -1.0, 0.1, 1e10, -1e10, 1e-10, 1e16, 1e21, 1e22, 1e23, 1.5, 2.5, 1 / 3, 2 / 3, 3.141592653589793,
                1.7976931348623157e308, 2.2250738585072014e-308, 5e-324, 9007199254740993.0, 4503599627370497.5]
    values = specials + [rng.uniform(-1e6, 1e6) for _ in range(50)]
    values += [rng.uniform(0, 1) * 10 ** rng.randrange(-320, 309) * rng.choice((1, -1)) for _ in range(100)]
    values += [rng.randrange(-2**64, 2**64) / 2 ** rng.randrange(0, 70) for _ in range(50)]
    values += [rng.uniform(9.99e9, 1.001e10) for _ in range(10)]   # around /floatb's upper bound
    for x in values:
        text = repr(x)
        out.append(text)
        out.append(f"{x:.17g}")
        out.append(f"{x:e}")
        out.append(f"{x:E}")
        if rng.random() < 0.3:
            out.append(f"{x:.40f}".rstrip("0"))
        if rng.random() < 0.4:
            out.append(rng.choice(_padded(text, rng)))
    # random decimal spellings: sign, integer digits, '.', fraction digits, exponent, underscores
    for _ in range(500):
        sign = rng.choice(["", "", "", "-", "+"])
        intp = "".join(rng.choice("0123456789") for _ in range(rng.choice([0, 1, 1, 2, 3, 5, 10, 17, 20])))
        frac = "".join(rng.choice("0123456789") for _ in range(rng.choice([0, 0, 1, 2, 5, 17, 25])))
        dot = rng.choice([".", ".", ""]) if frac == "" else "."
        exp = ""
        if rng.random() < 0.4:
            exp = rng.choice("eE") + rng.choice(["", "+", "-"]) + str(rng.choice([0, 1, 5, 10, 22, 99, 300, 307, 308, 309, 323, 324, 400]))
        text = sign + intp + dot + frac + exp
        if rng.random() < 0.1 and len(intp) >= 2:
            k = rng.randrange(1, len(intp))
            text = sign + intp[:k] + "_" + intp[k:] + dot + frac + exp
        if rng.random() < 0.1:
            text = rng.choice(_padded(text, rng))
        out.append(text)
    return out


BOOL_WORDS = ["true", "false", "t", "f", "yes", "no", "y", "n", "on", "off"]


def bool_inputs(rng: random.Random) -> list[str]:
    out: list[str] = ["1", "0", "", " ", "2", "-1", "+1", "00", "01", "10", "1.0", "0.0", "1e0", "-0", "+0",
                      "tru", "truee", "ture", "fals", "ye", "yess", "of", "offf", "o", "nn", "none", "None", "null",
                      "ja", "nein", "enabled", "disabled", "1 ", " 0", "\t1", "1\n", "\u00a0true",
                      "İ", "ı", "ｔｒｕｅ", "ＴＲＵＥ", "１", "٠", "ᵗʳᵘᵉ", "falſe", "yeſ", "ﬀ", "oﬀ", "true\x00", "\x00",
                      "t\u0301", "tr\u200bue", "Off", "oN", "Yes", "nO"]
    for word in BOOL_WORDS:
        for variant in _case_variants(word, rng):
            out.append(variant)
            out += _padded(variant, rng)[:3]
    return out


def uuid_inputs(rng: random.Random) -> list[str]:
    out: list[str] = ["", " ", "0", "-", "{}", "urn:uuid:", "00000000-0000-0000-0000-000000000000",
                      "ffffffff-ffff-ffff-ffff-ffffffffffff", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
                      "0" * 32, "f" * 32, "g" * 32, "0" * 31, "0" * 33, "0" * 36, "-" * 36, "a" * 16, "\x00" * 16]
    for _ in range(60):
        u = uuid.UUID(int=rng.getrandbits(128))
        if rng.random() < 0.5:
            u = uuid.UUID(int=rng.getrandbits(128), version=rng.choice([1, 3, 4, 5]))
        s, h = str(u), u.hex
        mixed = "".join(c.upper() if rng.random() < 0.5 else c for c in s)
        forms = [
            s, s.upper(), mixed, h, h.upper(), "{" + s + "}", "{" + s.upper() + "}", "{" + h + "}",
            "urn:uuid:" + s, "urn:uuid:" + s.upper(), "URN:UUID:" + s, "Urn:Uuid:" + s, "urn:uuid:" + h, "uuid:" + s,
            "{urn:uuid:" + s + "}", "urn:uuid:{" + s + "}",
            s[:-1], s + "0", s[1:], h[:-1], h + "0", "{" + s, s + "}", "(" + s + ")", "[" + s + "]",
            s.replace("-", "", 1), s.replace("-", "_"), s.replace("-", " "), s[:8] + s[9:13] + "-" + s[13:] + "-",
            s[:9] + "-" + s[9:], h[:8] + "-" + h[8:], s[:35] + "g", s[:35] + "G", s[:35] + "\u0660",
            s + " ", " " + s, "\t" + s, s + "\u00a0", h + " ", s + "\x00",
            "".join({"0": "０", "1": "１"}.get(c, c) for c in s),
            s.replace("a", "ａ"),
            h[:16],   # 16 characters: pydantic would try raw bytes only for bytes input, not str
            "-".join([h[:8], h[8:12], h[12:16], h[16:20], h[20:32]]).replace("-", "--", 1),
            h[:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:24] + "-" + h[24:],   # right length, wrong places
        ]
        out += forms
    return out


class Color:
    """Values of the str Enum used by the /enum routes (the Enum class itself lives in the test module)."""
    VALUES = {"red": "red", "green": "green", "blue": "Blue", "spaced": "x y", "plus": "a+b", "pct": "50%",
              "amp": "r&d", "eq": "k=v", "accent": "café", "emoji": "🙂", "digit": "1", "empty": ""}


def enum_inputs(rng: random.Random) -> list[str]:
    out: list[str] = ["", " ", "0", "1", "01", "1.0", "-", "null", "None", "RED", "Red", "rEd", "blue", "BLUE",
                      "red ", " red", "red\x00", "gre en", "x+y", "x%20y", "a b", "50", "50%25", "r", "cafe",
                      "cafe\u0301", "CAFÉ", "🙂 ", "🙃", "Color.red", "red,green", "[red]", "'red'", '"red"']
    for name, value in Color.VALUES.items():
        out.append(value)
        out.append(name)
        out += _case_variants(value, rng) if value else []
        out += _padded(value, rng)[:3]
    return out


_PRINTABLE = [chr(c) for c in range(0x20, 0x7f)]
_UNICODE_RANGES = [(0x80, 0x2ff), (0x370, 0x3ff), (0x400, 0x4ff), (0x590, 0x6ff), (0x900, 0x97f), (0x2000, 0x206f),
                   (0x3000, 0x30ff), (0x4e00, 0x4eff), (0xac00, 0xacff), (0xfe00, 0xfeff), (0xff00, 0xffef),
                   (0xfff0, 0xfffd), (0x1f300, 0x1f6ff), (0x1d400, 0x1d7ff), (0x10000, 0x1007f), (0x20000, 0x2007f),
                   (0xe0000, 0xe007f), (0x10fff0, 0x10fffd), (0x300, 0x36f)]


def _random_char(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.45:
        return rng.choice(_PRINTABLE)
    if r < 0.5:
        return rng.choice("+%&=#?/;\\ \t\n\r\x00\x7f")
    lo, hi = rng.choice(_UNICODE_RANGES)
    return chr(rng.randrange(lo, hi + 1))


def str_inputs(rng: random.Random) -> list[str]:
    out: list[str] = [
        "", " ", "  ", "a", "ab", "abc", "abcd", "abcde", "abcdef", "+", "++", "a+b", "%", "%%", "%20", "%2B", "%zz", "%e9",
        "&", "=", "a=b", "a&b", "&=", "?", "#", "#a", "a#b", ";", "a;b", "/", "a/b", "\\", "\x00", "\x00\x00", "\x7f",
        "\t", "\n", "\r\n", "é", "éé", "e\u0301", "🙂", "🙂🙂", "🙂🙂🙂🙂🙂", "🙂🙂🙂🙂🙂🙂", "a🙂", "a🙂b🙂c",
        "👨‍👩‍👧", "\U0010fffd", "\ufffd", "\ufeff", "\u200b", "\u2028", "null", "None", "true", "0", "1.5",
        ".", "..", "...", "~", "-", "_", "'", '"', "<>", "{}", "[]", "`", "^", "|",
    ]
    for n in range(0, 8):   # lengths around /strlen's bounds, in code points that are 1, 2 or 4 UTF-8 bytes, 1 or 2 UTF-16 units
        for ch in ("x", "é", "中", "🙂", "\U0001d400"):
            out.append(ch * n)
    for _ in range(900):
        n = rng.choice([0, 1, 1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 12, 20, 40])
        out.append("".join(_random_char(rng) for _ in range(n)))
    return out


# Raw (already percent-encoded) query values: what pydantic sees is urllib.parse.unquote_plus of them.
RAW_QUERY_FRAGMENTS = [
    "+", "++", "+1", "1+", "+1+", "%2B1", "%2b1", "%2B", "+%2B+", "%20", "%201%20", "%31", "%31%32", "%2D5", "%2d5", "-%35",
    "%", "%%", "%2", "%zz", "%z1", "%1", "1%", "%%31", "%2%31", "%25", "%2525", "%FF", "%ff", "%C3", "%C3%A9", "%c3%a9",
    "%E2%82", "%E2%82%AC", "%E2%82a", "%ED%A0%80", "%ED%BF%BF", "%F0%9F%98%80", "%F0%9F%98", "%F4%90%80%80", "%C0%AF",
    "%C1%BF", "%80", "%BF", "%FE%FF", "%EF%BB%BF1", "%C2%A01", "%E3%80%801", "%E2%80%8B1", "%00", "1%00", "%7F",
    "a=b", "=", "==", "a==b", "1=2", "%3D", "%26", "%3F", "?", "/", "a/b", ";", "1;2", ",", "1,5", "!", "*", "'", "(1)",
    "@", "~", "$", "[]", "%5B%5D", "true+", "+true", "yes%20", "%74rue", "%54RUE", "1%2E0", "1.%30", "1%5F000",
    "1_000", "%2E5", "5%2E", "inf", "%69nf", "1%65%33", "nan", "%20%09%0A1", "%E2%80%83%31",
]

# Raw path segments: pydantic sees urllib.parse.unquote of them ('+' stays a plus in a path).
RAW_PATH_FRAGMENTS = [
    "+", "+1", "1+", "%2B1", "%20", "%201%20", "%31", "%31%32", "%2D5", "-%35", "%", "%%", "%2", "%zz", "%1", "1%",
    "%%31", "%25", "%2525", "%FF", "%C3", "%C3%A9", "%E2%82", "%E2%82%AC", "%ED%A0%80", "%F0%9F%98%80", "%F0%9F%98",
    "%C0%AF", "%80", "%EF%BB%BF1", "%C2%A01", "%E3%80%801", "%00", "1%00", "%7F", "a=b", "&", "a&b", "=", ";", "1;2",
    ",", "1,5", "!", "*", "'", "(1)", "@", "~", "$", ":", "a:b", "%3F", "%23", ".", "..", "...", "%2E", "%2E%2E",
    "true+", "%74rue", "%54RUE", "1%2E0", "1%5F000", "1_000", "%2E5", "5%2E", "%69nf", "1%65%33", "%20%09%0A1",
]

# Characters a query may carry unescaped without changing what it decodes to ('+', '&', '=', '%', '#' excluded).
QUERY_SAFE = "!$'()*,;@/?~"
# Characters a path segment may carry unescaped ('/', '%', '?', '#' excluded; '+', '&', '=' are literal in a path).
PATH_SAFE = "!$&'()*+,;=:@~"

# Alphabet for random raw query strings (keys and values both): every decoding rule gets exercised.
RAW_ALPHABET = "%%%%++&&==0123456789abcdefABCDEFvVxz-._~!$'()*,;:@/?" + "\"<>\\^`{|}["
