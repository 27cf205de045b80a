"""Bytes to text: BOMs, strict UTF-8, HTML <meta charset>, Windows-1256 and friends."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata


from marsad.errors import InputError

log = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never occur in text: C0 controls other than \t \n \v \f \r and ESC.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CONTROL_SHARE = 0.05
_UTF16_HIGH_BYTES = bytes([0x00, 0x06, 0x20, 0xFB, 0xFE])
_UTF16_HIGH, _UTF16_LOW = 0.9, 0.5  # shares of high bytes on the high side, at most on the other
_SAMPLE = 65_536
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WORD = re.compile(r"\S+")
_ARABIC_OK = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u200c-\u2027\u2030-\u205E«»]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")


def check_binary(data: bytes, *, name: str) -> None:
    """Raise ``InputError`` when ``data`` looks like a binary file rather than text."""
    if _bom_encoding(data) or utf16_without_bom(data):
        return
    sample = data[:_SAMPLE]
    if b"\x00" in data or _control_share(sample) > _CONTROL_SHARE:
        raise InputError(f"{name}: binary file, not text")


def _control_share(sample: bytes) -> float:
    """Share of C0 control bytes (not whitespace) in ``sample``."""
    if not sample:
        return 0.0
    removed = sample.translate(None, _CONTROL)
    return (len(sample) - len(removed)) / len(sample)


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when ``data`` is UTF-16 text without a byte-order mark, else None.

    In UTF-16 Arabic or Latin text every second byte is a high byte from a small set (0x00 for
    ASCII and Latin-1, 0x06 for Arabic, 0x20 for punctuation, 0xFB/0xFE for presentation
    forms); the other bytes vary. Binary data, UTF-8 and UTF-32 show no such one-sided pattern.
    The guess must then decode strictly into text without control characters.
    """
    sample = data[:_SAMPLE]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = _high_byte_share(sample[0::2]), _high_byte_share(sample[1::2])
    if max(even, odd) < _UTF16_HIGH or min(even, odd) > _UTF16_LOW:
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"
    text = _try_decode(data, codec)
    if text is None or _control_share(text[:_SAMPLE].encode("utf-8", "replace")) > _CONTROL_SHARE / 5:
        return None
    return codec


def _high_byte_share(column: bytes) -> float:
    """Share of ``column`` that are UTF-16 high bytes of Arabic or Latin text."""
    return (len(column) - len(column.translate(None, _UTF16_HIGH_BYTES))) / len(column)


def _bom_encoding(data: bytes) -> str | None:
    """Return the codec a byte-order mark announces, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_bytes(data: bytes, *, name: str, html: bool = False) -> tuple[str, str]:
    """Decode report bytes; return ``(text, encoding)`` or raise ``InputError``.

    Order: byte-order mark, strict UTF-8, the page's ``<meta charset>`` (HTML only),
    Windows-1256 when the result reads as Arabic, Windows-1252 when it reads as Latin
    text, then charset-normalizer's best guess when it recognises a language.
    """
    check_binary(data, name=name)
    bom = _bom_encoding(data) or utf16_without_bom(data)
    if bom:
        return _strict(data, bom, name=name), bom
    for encoding, check in _candidates(data, html=html):
        text = _try_decode(data, encoding)
        if text is not None and (not check or _fits(text, encoding)):
            if encoding != "utf-8":
                log.info("%s: decoded as %s", name, encoding)
            return text, encoding
    guessed = _guess(data)
    if guessed:
        return guessed
    raise InputError(f"{name}: not valid UTF-8 and no other encoding fits")


def _strict(data: bytes, encoding: str, *, name: str) -> str:
    """Decode with a BOM-announced codec; a failure is the file's fault."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} ({exc.reason})") from exc


def _candidates(data: bytes, *, html: bool) -> list[tuple[str, bool]]:
    """``(encoding, must_read_plausibly)`` pairs to try before charset-normalizer's guess."""
    order = [("utf-8", False)]
    declared = meta_charset(data) if html else None
    if declared and declared != "utf-8":
        order.append((declared, False))
    order += [("cp1256", True), ("cp1252", True)]
    return order


def meta_charset(data: bytes) -> str | None:
    """Return the codec name an HTML page declares in ``<meta charset>``, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _try_decode(data: bytes, encoding: str) -> str | None:
    """Strictly decode ``data``; None when it is not valid in ``encoding``."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _fits(text: str, encoding: str) -> bool:
    """True when a decoded text is plausible for ``encoding``."""
    if encoding == "cp1256":
        return reads_as_arabic(text)
    if encoding == "cp1252":
        return reads_as_latin(text)
    return True


def _non_ascii_words(text: str) -> list[str]:
    """Whitespace-separated words that contain a non-ASCII character."""
    return [w for w in _WORD.findall(text) if not w.isascii()]


def reads_as_arabic(text: str) -> bool:
    """True when every word with a non-ASCII character is plain Arabic script."""
    words = _non_ascii_words(text)
    if not words:
        return False
    good = sum(1 for w in words if _arabic_word(w))
    return good / len(words) >= 0.95


def _arabic_word(word: str) -> bool:
    """An Arabic-script word, possibly with ASCII punctuation/digits but no Latin letters."""
    for ch in word:
        if ch.isascii():
            if ch.isalpha():
                return False
        elif not _ARABIC_OK.match(ch):
            return False
    return True


def reads_as_latin(text: str) -> bool:
    """True when non-ASCII characters look like accents sprinkled in Latin-script words."""
    words = _non_ascii_words(text)
    if not words:
        return False
    return all(_latin_word(w) for w in words)


def _latin_word(word: str) -> bool:
    """A Latin word whose accented letters are a minority (or a short word like 'à')."""
    odd = [ch for ch in word if not ch.isascii()]
    if any(not _LATIN_LETTER.match(ch) and unicodedata.category(ch)[0] not in "PS" for ch in odd):
        return False
    return len(word) <= 3 or len(odd) / len(word) <= 0.5


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's guess, when it is clean and recognises a language."""
    from charset_normalizer import from_bytes  # only for bytes in no declared encoding

    best = from_bytes(data[:_SAMPLE * 4]).best()
    if best is None or best.chaos > 0.1 or best.coherence < 0.2:
        return None
    text = _try_decode(data, best.encoding)
    return (text, best.encoding) if text is not None else None
