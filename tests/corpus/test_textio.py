"""Bytes become document text by the text-offset rule (UTF-8 or cp1252, newlines normalised); nothing else changes."""

import pytest

from caseview.corpus import UnreadableDocument, decode_document_bytes

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


def test_utf8_text_is_kept_as_is() -> None:
    assert decode_document_bytes("Aïda Amer — “quoted”".encode()) == ("Aïda Amer — “quoted”", "utf-8")


def test_crlf_and_lone_cr_become_newlines() -> None:
    text, _ = decode_document_bytes(b"one\r\ntwo\rthree\n")
    assert text == "one\ntwo\nthree\n"


def test_a_utf8_byte_order_mark_is_dropped() -> None:
    assert decode_document_bytes(b"\xef\xbb\xbfTitle")[0] == "Title"


def test_cp1252_curly_quotes_fall_back_with_the_encoding_named() -> None:
    text, encoding = decode_document_bytes(b"\x93Mythos\x94 is \x96 risky")
    assert (text, encoding) == ("“Mythos” is – risky", "cp1252")


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"  \n\t ", "empty"), (PNG_HEADER + bytes(200), "binary")],
)
def test_empty_and_binary_data_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason):
        decode_document_bytes(data)


def test_undecodable_bytes_name_the_byte_and_offset() -> None:
    # 0x81 is undefined in cp1252 and invalid as UTF-8 here.
    with pytest.raises(UnreadableDocument, match=r"0x81 at offset 4"):
        decode_document_bytes(b"abcd\x81efg")
