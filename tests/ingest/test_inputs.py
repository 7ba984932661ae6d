"""Inputs told plainly: files claimscope does not read are listed with the reason, symbolic-link loops are
reported, a file that is not UTF-8 is decoded with the encoding a detector guesses (a warning on the
article), and `run` and `extract` read the same files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import read_inputs, read_path
from pipeline.ingest.readers import Failure, decode, skip_reason

BODY = "Two men were hurt when a wall fell on a market street in Lenwick on Sunday, the council said.\n"


def _tree(root: Path) -> None:
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(BODY, encoding="utf-8")
    (root / "sub" / "b.md").write_text(BODY, encoding="utf-8")
    (root / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\n")
    (root / "notes.docx").write_bytes(b"PK\x03\x04rest")
    (root / "sub" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (root / "bundle.zip").write_bytes(b"PK\x03\x04")
    (root / "table.csv").write_text("a,b\n", encoding="utf-8")
    (root / "README").write_text(BODY, encoding="utf-8")
    (root / ".hidden.pdf").write_bytes(b"%PDF")


def test_folder_lists_every_file_not_read_with_its_reason(tmp_path):
    _tree(tmp_path)
    res = read_inputs([tmp_path])
    assert sorted(Path(a.source).name for a in res.articles) == ["a.txt", "b.md"]
    reasons = {Path(s.source).name: s.reason for s in res.skipped}
    assert set(reasons) == {"report.pdf", "notes.docx", "photo.jpg", "bundle.zip", "table.csv", "README"}
    assert "PDF" in reasons["report.pdf"] and "word-processor" in reasons["notes.docx"]
    assert "image" in reasons["photo.jpg"] and "archive" in reasons["bundle.zip"]
    assert "no suffix" in reasons["README"] and not res.failures


@pytest.mark.parametrize("name, read", [
    ("story.pdf", False), ("story.docx", False), ("scan.png", False), ("pack.tar", False), ("data.json", False),
    ("story.txt", True), ("story.HTML", True), ("story", True), ("story.text", True), ("wire.log", True),
])
def test_a_named_file_is_read_unless_a_known_non_text_type(name, read):
    assert (skip_reason(Path(name), named=True) is None) == read


def test_named_pdf_is_skipped_not_an_error(tmp_path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    res = read_inputs([pdf])
    assert not res.articles and not res.failures
    assert [s.source for s in res.skipped] == [str(pdf)]


def test_symlink_loop_and_broken_link_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)   # a loop back to the root
    (tmp_path / "l1.txt").symlink_to(tmp_path / "l2.txt")                     # l1 -> l2 -> l1
    (tmp_path / "l2.txt").symlink_to(tmp_path / "l1.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    res = read_inputs([tmp_path])
    assert [Path(a.source).name for a in res.articles] == ["a.txt"]
    reasons = {Path(s.source).name: s.reason for s in res.skipped}
    assert "loop" in reasons["up"] and "loop" in reasons["l1.txt"] and "loop" in reasons["l2.txt"]
    assert "broken" in reasons["gone.txt"]


def test_a_linked_folder_is_followed_once(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "c.txt").write_text(BODY, encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "one").symlink_to(data, target_is_directory=True)
    (root / "two").symlink_to(data, target_is_directory=True)
    res = read_inputs([root])
    assert [Path(a.source).parent.name for a in res.articles] == ["one"]
    assert [(Path(s.source).name, "same folder" in s.reason) for s in res.skipped] == [("two", True)]


# ------------------------------------------------------------------------------------------------ encodings
# invented texts, each in a language whose usual single-byte encoding is not cp1252
TEXTS = {
    "ru": ("В понедельник вечером в пригороде Северска сгорел склад. По словам пожарных, два человека получили "
           "ожоги, их доставили в больницу. Причины пожара выясняются, сообщили в местной администрации."),
    "pl": ("W poniedziałek wieczorem w Żółkowie spłonął magazyn. Według strażaków dwie osoby zostały ranne i "
           "trafiły do szpitala. Przyczyny pożaru są wyjaśniane, poinformował urząd gminy."),
    "cs": ("V pondělí večer v obci Lhotka vyhořel sklad. Podle hasičů se zranili dva lidé, kteří byli převezeni "
           "do nemocnice. Příčina požáru se vyšetřuje, uvedl starosta obce."),
    "el": ("Τη Δευτέρα το βράδυ κάηκε μια αποθήκη στα περίχωρα της πόλης. Σύμφωνα με την πυροσβεστική, δύο "
           "άνθρωποι τραυματίστηκαν και μεταφέρθηκαν στο νοσοκομείο. Τα αίτια της φωτιάς ερευνώνται."),
    "fr": ("Lundi soir, un entrepôt a brûlé près de la gare. Selon les pompiers, deux employés ont été blessés "
           "et transportés à l'hôpital. Les causes de l'incendie sont à l'étude, a indiqué la préfecture."),
    "de": ("Am Montagabend brannte eine Lagerhalle am Stadtrand. Nach Angaben der Feuerwehr wurden zwei "
           "Arbeiter verletzt und ins Krankenhaus gebracht. Die Ursache des Feuers wird geprüft, hieß es."),
}

ENCODED = [
    ("ru", "cp1251"), ("ru", "koi8_r"), ("pl", "iso8859_2"), ("pl", "cp1250"), ("cs", "iso8859_2"),
    ("el", "iso8859_7"), ("fr", "cp1252"), ("de", "cp1252"), ("ru", "iso8859_5"), ("el", "cp1253"), ("cs", "cp1250"),
    ("fr", "iso8859_15"), ("de", "iso8859_2"),
]


@pytest.mark.parametrize("lang, codec", ENCODED, ids=[f"{lang}-{codec}" for lang, codec in ENCODED])
def test_single_byte_encodings_come_out_right(tmp_path, lang, codec):
    text = TEXTS[lang] + "\n"
    p = tmp_path / f"{lang}.txt"
    p.write_bytes(text.encode(codec))
    (art,) = list(read_path(p))
    assert not isinstance(art, Failure), art
    assert art.text == text, (art.encoding, art.encoding_note)
    assert "invalid UTF-8" in art.encoding_note and "guessed" in art.encoding_note
    assert art.encoding.lower() != "utf-8"


def test_utf8_input_has_no_note():
    text, encoding, note = decode(TEXTS["ru"].encode("utf-8"), "x.txt")
    assert (text, encoding, note) == (TEXTS["ru"], "utf-8", None)


def test_undecodable_bytes_still_give_an_article_with_a_note(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"Three cars burned \x81\x8d\x8f\x90\x9d on a quiet road near Harlow.\n")
    (art,) = list(read_path(p))
    assert not isinstance(art, Failure)
    assert art.text.startswith("Three cars burned ") and art.text.rstrip().endswith("near Harlow.")
    assert "invalid UTF-8 at byte 18" in art.encoding_note


# ------------------------------------------------------------------------------------------------ CLI
def test_extract_tells_what_it_skipped(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04")
    r = CliRunner().invoke(app, ["extract", str(tmp_path)])
    assert r.exit_code == 1
    assert "skipped:" in r.output and "a.pdf" in r.output and "b.docx" in r.output
    assert "no article read (2 file(s) skipped, 0 error(s))" in " ".join(r.output.split())


def test_run_tells_what_it_skipped_and_reads_what_extract_reads(tmp_path):
    """No new article: nothing slow starts, and the summary lists the files skipped."""
    from pipeline.batch import plan_run

    _tree(tmp_path / "in")
    db = tmp_path / "c.duckdb"
    plan = plan_run([tmp_path / "in"], str(db))
    res = read_inputs([tmp_path / "in"])
    assert sorted(a.source for a in plan.all_articles) == sorted(a.source for a in res.articles)
    assert [(s.source, s.reason) for s in plan.skipped_files] == [(s.source, s.reason) for s in res.skipped]
    only_pdf = tmp_path / "pdfs"
    only_pdf.mkdir()
    (only_pdf / "report.pdf").write_bytes(b"%PDF-1.4\n")
    r = CliRunner().invoke(app, ["run", str(only_pdf), "--db", str(db), "--no-prefect"],
                           env={"COLUMNS": "200", "PREFECT_HOME": str(tmp_path / ".prefect")})
    assert r.exit_code == 0, r.output
    assert "files skipped (not read)" in r.output and "report.pdf" in r.output and "PDF" in r.output


def test_run_warns_about_a_guessed_encoding(tmp_path):
    from pipeline.batch import plan_run

    p = tmp_path / "ru.txt"
    p.write_bytes((TEXTS["ru"] + "\n").encode("cp1251"))
    plan = plan_run([p], str(tmp_path / "c.duckdb"))
    assert [src for src, _ in plan.decoding_notes] == [str(p)]
    assert "guessed" in plan.decoding_notes[0][1]
    assert os.path.exists(tmp_path / "c.duckdb")


@pytest.mark.parametrize("text, codec", [
    ("Пожар на складе в Северске", "cp1251"),
    ("Żółta łódź zatonęła na jeziorze pod Łomżą", "cp1250"),
    ("Ο δήμαρχος μίλησε χθες", "iso8859_7"),
])
def test_a_short_headline_comes_out_right(text, codec):
    assert decode(text.encode(codec), "h.txt")[0] == text
