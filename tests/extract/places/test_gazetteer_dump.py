"""A user-provided GeoNames dump (gazetteer.add_dump, dump_path, use_dump): a tiny invented dump file in
GeoNames' geoname-table layout; the names, ids and coordinates in it are invented."""
from __future__ import annotations

import json
import zipfile

import pytest

from pipeline.extract.places import gazetteer as gz


def _row(gid, name, lat, lon, fclass, fcode, cc, a1="01", pop=0, alts=""):
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 admin1 admin2 admin3 admin4 population
    # elevation dem timezone modified
    return "\t".join([str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, cc, "", a1, "", "", "",
                      str(pop), "", "12", "Europe/Nowhere", "2020-01-01"])


DUMP = [
    _row(90000001, "Ruritania", 45.5, 20.25, "A", "PCLI", "RR", a1="00", pop=2000000),  # a country we have
    _row(90000002, "Vell Oblast", 44.0, 21.0, "A", "ADM1", "RR", pop=300000),            # a region we have
    _row(90000003, "Oskby", 44.123, 21.456, "P", "PPL", "RR", pop=120, alts="Oskbi,Oskby-Dolne"),  # a village
    _row(90000004, "Tsombe Ridge", 44.5, 21.5, "T", "RDGE", "RR"),                        # no populated place
    _row(90000005, "Lakeville", 44.9, 21.9, "P", "PPL", "RR", pop=20000),                # a town we have
    "# a comment line",
    "not\ta\trow",
]


def _small() -> tuple[gz.Gazetteer, dict]:
    g = gz.Gazetteer()
    b = {"exact": {}, "skel": {}}
    i = g._add(90000001, "Ruritania", "RR", None, gz.COUNTRY, 2000000, 45.0, 20.0, gz.CAPITAL)
    g.country["RR"] = i
    j = g._add(90000002, "Vell", "RR", "01", gz.ADMIN1, 0, 44.5, 21.2, gz.CENTROID)
    g.admin1["RR.01"] = j
    g._add(90000005, "Lakeville", "RR", "01", gz.CITY, 20000, 44.9, 21.9)
    return g, b


@pytest.fixture
def dump_file(tmp_path):
    p = tmp_path / "RR.txt"
    p.write_text("\n".join(DUMP) + "\n", encoding="utf-8")
    return p


def test_dump_adds_villages_and_geonames_points(dump_file):
    g, b = _small()
    stats = gz.add_dump(g, b, dump_file)
    assert stats == {"rows": 5, "points": 2, "added": 1}
    country = g.entry(g.country["RR"])
    assert (country.lat, country.lon, country.coords) == (45.5, 20.25, "geonames")
    region = g.entry(g.admin1["RR.01"])
    assert (region.lat, region.coords) == (44.0, "geonames")
    village = [g.entry(i) for i in range(len(g.gid)) if g.gid[i] == 90000003]
    assert len(village) == 1 and village[0].feature == "village" and village[0].coords == "geonames"
    assert {gz.norm("Oskby"), gz.norm("Oskbi"), gz.norm("Oskby-Dolne")} <= set(b["exact"])
    assert gz.norm("Tsombe Ridge") not in b["exact"]  # not a populated place


def test_dump_in_a_zip(tmp_path, dump_file):
    z = tmp_path / "RR.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("readme.txt", "not the data\n")
        zf.write(dump_file, "RR.txt")
    g, b = _small()
    assert gz.add_dump(g, b, z)["added"] == 1


def test_dump_path_from_env_then_pointer(tmp_path, dump_file, monkeypatch):
    monkeypatch.setattr(gz, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.delenv(gz.DUMP_ENV, raising=False)
    assert gz.dump_path() is None
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / gz.DUMP_POINTER).write_text(json.dumps({"path": str(dump_file)}), encoding="utf-8")
    assert gz.dump_path() == dump_file
    monkeypatch.setenv(gz.DUMP_ENV, str(tmp_path / "missing.txt"))
    assert gz.dump_path() is None  # the environment wins, and a missing file is no dump
    monkeypatch.setenv(gz.DUMP_ENV, str(dump_file))
    assert gz.dump_path() == dump_file


def test_a_dump_changes_the_index_signature(tmp_path, dump_file, monkeypatch):
    monkeypatch.setattr(gz, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.delenv(gz.DUMP_ENV, raising=False)
    without = gz.data_signature()
    monkeypatch.setenv(gz.DUMP_ENV, str(dump_file))
    assert gz.data_signature() != without
