"""The gazetteer is loaded (or built, on a fresh checkout) before the guarded call of the places component,
so the per-article time budget never cuts the build off (it would start again for every article)."""
from __future__ import annotations

import time

from pipeline.extract import _guard
from pipeline.extract.places import component as places_component


def test_slow_first_load_is_outside_the_time_budget(nlp, monkeypatch):
    pipe = nlp.get_pipe("claimscope_places")
    real = places_component.gz.get_gazetteer()
    calls = []

    def slow():
        calls.append(1)
        time.sleep(0.5)  # longer than the budget below
        return real

    monkeypatch.setattr(places_component.gz, "get_gazetteer", slow)
    monkeypatch.setattr(_guard, "TIME_BUDGET", 0.2)
    monkeypatch.setattr(pipe, "_finder", None)
    doc = nlp.make_doc("Gunmen attacked a checkpoint near Kirkuk on Monday.")
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "claimscope_places":
            break
    assert calls == [1]
    assert any(p["name"] == "Kirkuk" for p in doc._.cs_places)
    assert not [w for w in doc.user_data.get(_guard.WARNINGS_KEY, []) if "time budget" in w["reason"]]
