"""Documents: segmentation into paragraphs, sentences and quotations; lossless write-back."""

from __future__ import annotations

from cleanup.core.document import Document, TextView
from cleanup.io.readers import decode_document


def test_sentences_keep_abbreviations_and_closing_quotes() -> None:
    view = TextView("The U.S. Department said “no.” Mr. Kirby left. Then he returned")
    assert [view.text[s:e] for s, e in view.sentences] == [
        "The U.S. Department said “no.”",
        "Mr. Kirby left.",
        "Then he returned",
    ]


def test_paragraphs_split_on_blank_lines() -> None:
    view = TextView("One.\n\nTwo.\n \nThree.\n")
    assert [view.text[s:e] for s, e in view.paragraphs] == ["One.", "Two.", "Three."]


def test_quote_spans_cover_curly_and_straight_quotes() -> None:
    text = 'Kirby said “not a permanent move” and "fine".'
    view = TextView(text)
    assert [text[s:e] for s, e in view.quotes] == ["“not a permanent move”", '"fine"']
    assert view.in_quote(text.index("permanent"), text.index("permanent") + 9)
    assert not view.in_quote(text.index("Kirby"))


def test_crlf_and_bom_survive_a_round_trip() -> None:
    data = "\ufeffOne line\r\nTwo line\r\n".encode()
    document = decode_document(data, "x.txt")
    assert document.text == "One line\nTwo line\n" and document.bom and document.newline == "\r\n"
    assert document.encode(document.text) == data


def test_mixed_newlines_are_kept_as_they_are() -> None:
    document = Document.from_text("a\r\nb\nc")
    assert document.text == "a\r\nb\nc" and document.encode(document.text) == b"a\r\nb\nc"


def test_utf16_with_bom_is_read_and_written_as_utf8_with_bom() -> None:
    document = decode_document("Kyiv – Київ\n".encode("utf-16"), "x.txt")
    assert document.text == "Kyiv – Київ\n"
    assert document.encode(document.text) == "\ufeffKyiv – Київ\n".encode()
