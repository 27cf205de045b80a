"""Bytes to text: UTF-8, BOMs, Windows-1256, <meta charset>, and what is refused."""

from __future__ import annotations

import pytest

from marsad.errors import InputError
from marsad.ingest import decode_bytes, read_path
from marsad.ingest.encoding import meta_charset, reads_as_arabic, reads_as_latin

ARABIC = "قتل مدنيان بقصف مدفعي على بلدة كفرنبل في ريف إدلب الجنوبي، بحسب «الدفاع المدني».\nوأصيب ثلاثة آخرون – بينهم طفل – بجروح."


def test_encoding_utf8_plain():
    assert decode_bytes(ARABIC.encode("utf-8"), name="a.txt") == (ARABIC, "utf-8")


def test_encoding_utf8_bom_is_dropped():
    text, encoding = decode_bytes(b"\xef\xbb\xbf" + ARABIC.encode("utf-8"), name="a.txt")
    assert text == ARABIC and encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_encoding_utf16_with_bom(codec):
    data = ARABIC.encode(codec)
    if codec != "utf-16":  # explicit-endian codecs write no BOM: add the right one
        data = ("\ufeff").encode(codec) + data
    text, encoding = decode_bytes(data, name="a.txt")
    assert text == ARABIC and encoding == "utf-16"


def test_encoding_cp1256_round_trip():
    text, encoding = decode_bytes(ARABIC.encode("cp1256"), name="a.txt")
    assert (text, encoding) == (ARABIC, "cp1256")


def test_encoding_cp1256_short_line():
    text, encoding = decode_bytes("قتل شخص".encode("cp1256"), name="a.txt")
    assert (text, encoding) == ("قتل شخص", "cp1256")


def test_encoding_cp1256_file_round_trip(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    (doc,) = read_path(path)
    assert doc.text == ARABIC
    assert doc.meta["encoding"] == "cp1256"
    assert doc.raw == ARABIC


def test_encoding_html_meta_charset_is_honoured():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body><p>نص</p></body></html>'
    data = page.encode("cp1256")
    assert meta_charset(data) == "cp1256"
    assert decode_bytes(data, name="p.html", html=True) == (page, "cp1256")


def test_encoding_html_meta_charset_other_than_arabic():
    page = '<html><head><meta charset="iso-8859-6"></head><body><p>قصف على حلب</p></body></html>'
    text, encoding = decode_bytes(page.encode("iso-8859-6"), name="p.html", html=True)
    assert text == page and encoding == "iso8859-6"


def test_encoding_cp1252_latin_text_fits():
    text = "Le café était fermé à Deir ez-Zor, a dit un témoin."
    assert decode_bytes(text.encode("cp1252"), name="fr.txt") == (text, "cp1252")


def test_encoding_invalid_utf8_raises():
    data = b"Report text \x80\x81\xfe\xff\xc3\x28 more \x9d\x8f\x90"
    with pytest.raises(InputError, match=r"^x\.txt: not valid UTF-8 and no other encoding fits$"):
        decode_bytes(data, name="x.txt")


def test_encoding_invalid_utf8_accented_run_raises():
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_bytes(b"hello world \xff\xfe\xfd\xfc\xfb\xfa\xf9", name="x.txt")


def test_encoding_nul_bytes_are_binary():
    with pytest.raises(InputError, match=r"^x\.bin: binary file, not text$"):
        decode_bytes(b"PK\x03\x04\x00\x00abc", name="x.bin")


def test_encoding_control_characters_are_binary():
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 20 + b"some text" * 10
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(data, name="x.bin")


def test_encoding_plausibility_checks():
    assert reads_as_arabic("قتل “عنصران” – بحسب المرصد")
    assert not reads_as_arabic("Report €پ‏ےأ( more")
    assert reads_as_latin("Le café à Alep")
    assert not reads_as_latin("hello ÿþýüûúù")
