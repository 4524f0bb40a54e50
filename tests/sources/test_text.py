"""Plain-text reader: ids, dates, encodings and the files it refuses."""

from __future__ import annotations

import codecs

import pytest

ENGLISH = (
    "Pakistan's prime minister met the Russian president in Tianjin on Monday and "
    "both sides agreed to expand trade in energy and grain."
)


def test_text_id_is_stem_and_date_is_default_only(tmp_path, read):
    path = tmp_path / "meeting-report.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    articles, bad = read(path)
    assert [a.id for a in articles] == ["meeting-report"]
    assert articles[0].published is None  # never the file's mtime
    dated, _ = read(path, default_date="2025-09-01")
    assert dated[0].published == "2025-09-01"
    assert bad == []


@pytest.mark.parametrize(
    ("encoded", "expected_note"),
    [
        (("Café diplomacy: " + ENGLISH).encode("latin-1"), "decoded as cp1252"),
        (("“Talks” in Café – " + ENGLISH).encode("cp1252"), "decoded as cp1252"),
        (codecs.BOM_UTF16_LE + ("Café " + ENGLISH).encode("utf-16-le"), "decoded as utf-16"),
        (codecs.BOM_UTF8 + ("Café " + ENGLISH).encode("utf-8"), None),
    ],
)
def test_text_misencoded_files_are_decoded(tmp_path, read, encoded, expected_note):
    path = tmp_path / "enc.txt"
    path.write_bytes(encoded)
    articles, bad = read(path)
    assert bad == []
    assert "Café" in articles[0].text
    assert not articles[0].text.startswith("\ufeff")
    if expected_note:
        assert expected_note in articles[0].notes
    else:
        assert articles[0].notes == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (bytes(range(256)) * 40, "binary data"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 500, "binary data"),
    ],
)
def test_text_empty_and_binary_files_are_reported(tmp_path, read, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    articles, bad = read(path)
    assert articles == []
    assert len(bad) == 1 and reason in bad[0].reason and bad[0].path == str(path)


def test_text_huge_article_is_capped_at_a_set_limit_with_a_warning(tmp_path, read):
    path = tmp_path / "huge.txt"
    sentence = "The ministers met in Islamabad and discussed trade. "
    path.write_text(sentence * (50_000_000 // len(sentence)), encoding="utf-8")
    articles, bad = read(path, max_chars=200_000)
    assert len(articles[0].text) == 200_000 and articles[0].cut_at == 200_000
    assert any("text cut at 200000" in note for note in articles[0].notes)
    assert [(b.kind, b.reason) for b in bad] == [("warning", articles[0].notes[-1])]


def test_text_long_article_is_kept_whole_without_a_limit(tmp_path, read):
    path = tmp_path / "long.txt"
    text = "The ministers met in Islamabad and discussed trade.\n\n" * 20_000
    path.write_text(text, encoding="utf-8")
    articles, bad = read(path)
    assert bad == [] and articles[0].text == text.strip() and articles[0].cut_at is None


def test_text_other_language_is_skipped_with_reason(tmp_path, read):
    (tmp_path / "fr.txt").write_text(
        "Le Premier ministre pakistanais a rencontré le président russe à Tianjin lundi "
        "et les deux pays ont convenu de développer leurs échanges.",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    articles, bad = read(tmp_path)
    assert [a.id for a in articles] == ["en"]
    assert [(b.reason, b.kind) for b in bad] == [("language: fr", "skipped")]


def test_text_short_texts_are_not_language_checked(tmp_path, read):
    (tmp_path / "short.txt").write_text("Ja, nein.", encoding="utf-8")
    articles, bad = read(tmp_path / "short.txt")
    assert len(articles) == 1 and bad == []
