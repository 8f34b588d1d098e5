"""Generates url_cases.jsonl: CPython's answers for PercentDecoding and QueryString tests.

One JSON object per line: {"s": input, "unquote": unquote(s), "unquote_plus": unquote_plus(s),
"qsl": parse_qsl(s, keep_blank_values=True) as [[name, value], ...]}.
Inputs mix literal text (ASCII and not), '+', '&', '=', ';', stray '%', and escapes of valid and invalid
UTF-8 (truncated, overlong, surrogates, > U+10FFFF). Deterministic; rerun `python3 make_url_cases.py` here.
"""
import json
import random
from urllib.parse import parse_qsl, unquote, unquote_plus

rng = random.Random(7)


def escape(data: bytes) -> str:
    return "".join(f"%{b:02{rng.choice('xX')}}" for b in data)


def random_char_bytes() -> bytes:
    cp = rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0x7FF), rng.randint(0x800, 0xFFFF),
                     rng.randint(0x10000, 0x10FFFF)])
    return chr(cp).encode("utf-8", "surrogatepass")


BAD_UTF8 = [b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98", b"\x80", b"\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xe0\x80\x80",
            b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80", b"\xff", b"\xfe", b"\xf8\x88\x80\x80"]
LITERALS = ["a", "Z", "0", "9", "f", "F", "g", " ", "+", "+", "=", "=", "&", "&", ";", "%", "%", "%2", "%g0",
            "%0g", "é", "€", "😀", "\u00a0", "/", "?", "#", "~"]


def piece() -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return rng.choice(LITERALS)
    if kind == 1:
        return escape(random_char_bytes())
    if kind == 2:
        return escape(rng.choice(BAD_UTF8))
    if kind == 3:
        return escape(random_char_bytes())[: rng.randint(1, 8)]  # cut mid-sequence or mid-escape
    return escape(bytes([rng.randrange(256)]))


inputs = ["", "a", "%", "%%", "%2", "%20", "+", "a+b", "a%2Bb", "%2b", "%C3%A9", "%c3%a9", "%C3", "%C3é%A9",
          "%E2%82%AC", "%F0%9F%98%80", "%ED%A0%80", "%zz", "100%", "%%41", "%4", "%41%", "a=1&b=2", "a=1;b=2",
          "a", "a=", "=b", "=", "&", "&&a=1&&", "a==b", "a=b=c", "a=%20&%20=b", "a+b=c+d", "key=%E2%82%AC+x",
          "é=ü&ü", "x=%FF%FE", "&=&"]
while len(inputs) < 3000:
    inputs.append("".join(piece() for _ in range(rng.randint(1, 12))))

with open("url_cases.jsonl", "w", encoding="ascii") as f:
    for s in inputs:
        qsl = [list(pair) for pair in parse_qsl(s, keep_blank_values=True)]
        f.write(json.dumps({"s": s, "unquote": unquote(s), "unquote_plus": unquote_plus(s), "qsl": qsl}) + "\n")
print(len(inputs), "cases")
