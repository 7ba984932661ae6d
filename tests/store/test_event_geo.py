"""The event's location fields in DuckDB (migration 0009): `events.country/admin1/admin2/geo_precision/lat/
lon/geo_place_*/geo_rule` hold what `events[]` shows, `places.coords` where a point comes from. Texts are
invented."""
from __future__ import annotations

from pipeline.ingest.readers import make_article
from pipeline.store import connect
from pipeline.store.repo import start_run, write_batch
from pipeline.types import Event, Extraction, GeoRef, Place, Span

TEXT = "A mine exploded near Zorvany in Vell Oblast on Monday."


def _sp(s: str) -> Span:
    at = TEXT.index(s)
    return Span(start=at, end=at + len(s), text=s)


def test_event_geo_columns(tmp_path):
    art = make_article(TEXT, "g.txt")
    vell = Place(name="Vell Oblast", geonameid=90000002, country="RR", admin1="Vell Oblast", lat=44.0, lon=21.0,
                 coords="centroid", feature="admin_region", relation="in", span=_sp("Vell Oblast"))
    zorvany = Place(name="Zorvany", relation="near", span=_sp("Zorvany"))
    ev = Event(id="ev-1", type="attack", span=_sp("A mine exploded"), places=[zorvany, vell], country="RR",
               admin1="Vell Oblast", geo_precision=3, lat=44.0, lon=21.0, geo_rule="containing-place",
               geo_place=GeoRef(name="Vell Oblast", geonameid=90000002, index=1, coords="centroid",
                                span=_sp("Vell Oblast")))
    ex = Extraction(article=art.meta(), events=[ev], places=[zorvany, vell])
    con = connect(tmp_path / "g.duckdb")
    write_batch(con, start_run(con, "m", "h", 1), [(art, ex)])
    row = con.execute("SELECT place_name, country, admin1, admin2, geo_precision, lat, lon, geo_rule, "
                      "geo_place_name, geo_place_geonameid, geo_place_start_char, geo_place_end_char, geo_coords "
                      "FROM events").fetchone()
    at = TEXT.index("Vell Oblast")
    assert row == ("Zorvany", "RR", "Vell Oblast", None, 3, 44.0, 21.0, "containing-place", "Vell Oblast",
                   90000002, at, at + len("Vell Oblast"), "centroid")
    coords = dict(con.execute("SELECT name, coords FROM places").fetchall())
    assert coords == {"Zorvany": None, "Vell Oblast": "centroid"}
    con.close()


def test_event_without_location(tmp_path):
    art = make_article(TEXT, "n.txt")
    ev = Event(id="ev-1", type="attack", span=_sp("A mine exploded"))
    con = connect(tmp_path / "n.duckdb")
    write_batch(con, start_run(con, "m", "h", 1), [(art, Extraction(article=art.meta(), events=[ev]))])
    assert con.execute("SELECT country, geo_precision, lat, geo_place_name FROM events").fetchone() == (
        None, None, None, None)
    con.close()


def test_place_references_table(tmp_path):
    text = "Shots were fired across the Ruritanian border."
    at = text.index("Ruritanian")
    art = make_article(text, "r.txt")
    ref = Place(name="Ruritania", geonameid=90000001, country="RR", feature="country", rule="demonym",
                span=Span(start=at, end=at + len("Ruritanian"), text="Ruritanian"))
    ex = Extraction(article=art.meta(), references=[ref, ref])
    con = connect(tmp_path / "r.duckdb")
    write_batch(con, start_run(con, "m", "h", 1), [(art, ex)])
    assert con.execute("SELECT kind, name, country, span_text FROM place_references").fetchall() == [
        ("demonym", "Ruritania", "RR", "Ruritanian")]
    assert con.execute("SELECT count(*) FROM places").fetchone()[0] == 0
    con.close()
