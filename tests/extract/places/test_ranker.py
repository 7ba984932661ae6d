"""The namesake ranker (places/ranker.py): the hand weights rank as the hand score, fitting learns a context
feature the hand score does not weigh, the weights file is read (and can be switched off). Candidates here
are invented feature rows, not places."""
from __future__ import annotations

import json
import random

from pipeline.extract.places import ranker

N = len(ranker.FEATURES)
NEAR = ranker.FEATURES.index("near_context")
POP = ranker.FEATURES.index("log_pop")


def _row(hand: float, near: float = 0.0, pop: float = 3.0) -> list[float]:
    x = [0.0] * N
    x[0], x[NEAR], x[POP] = hand, near, pop
    return x


def _groups(n: int = 200, seed: int = 7) -> list:
    """Mentions whose right candidate lies near the article's other places but has the lower hand score in
    a quarter of them (a bigger namesake far away)."""
    rnd = random.Random(seed)
    out = []
    for k in range(n):
        right = _row(hand=rnd.uniform(2, 4), near=rnd.uniform(0.6, 1.0))
        wrong = _row(hand=right[0] + (1.0 if k % 4 == 0 else -1.0), near=rnd.uniform(0.0, 0.1), pop=5.0)
        out.append(([wrong, right], [0.0, 1.0]))
    return out


def test_hand_weights_rank_as_the_hand_score():
    r = ranker.Ranker(ranker.hand_weights())
    rows = [_row(3.0, near=0.0), _row(5.0, near=0.9), _row(1.0, near=0.5)]
    assert [r.score(x) for x in rows] == [3.0, 5.0, 1.0]


def test_fit_learns_the_context_feature():
    groups = _groups()
    w = ranker.fit(groups, l2=0.1, iters=300)
    assert ranker.accuracy(groups, ranker.hand_weights()) == 0.75
    assert ranker.accuracy(groups, w) > 0.9
    assert w["near_context"] > 0


def test_regularisation_pulls_towards_the_hand_weights():
    loose = ranker.fit(_groups(), l2=0.01, iters=200)
    tight = ranker.fit(_groups(), l2=20.0, iters=200)
    assert 0 < tight["near_context"] < loose["near_context"]


def test_load_reads_the_weights_and_can_be_switched_off(tmp_path, monkeypatch):
    p = tmp_path / "ranker.json"
    p.write_text(json.dumps({"weights": {"hand": 2.0, "near_context": 1.5}}), encoding="utf-8")
    monkeypatch.delenv(ranker.ENV, raising=False)
    r = ranker.load(p)
    assert r is not None and r.score(_row(1.0, near=1.0, pop=0.0)) == 3.5
    monkeypatch.setenv(ranker.ENV, "off")
    assert ranker.load(p) is None
    monkeypatch.delenv(ranker.ENV)
    assert ranker.load(None) is None and ranker.load(tmp_path / "absent.json") is None


def test_margin_keeps_the_hand_ranking_where_it_is_sure():
    w = {"hand": 1.0, "near_context": 10.0}
    sure = [_row(9.0, near=0.0), _row(2.0, near=1.0)]       # the hand score leads by 7
    unsure = [_row(3.0, near=0.0), _row(2.5, near=1.0)]     # by 0.5
    groups = [(sure, [1.0, 0.0]), (unsure, [0.0, 1.0])]
    assert ranker.accuracy(groups, w) == 0.5                # learned everywhere: the sure one is lost
    assert ranker.accuracy(groups, w, margin=4.0) == 1.0
    assert ranker.pick_margin(groups, w) is not None
    r = ranker.Ranker(w, margin=4.0)
    assert r.sure([9.0, 2.0]) and not r.sure([3.0, 2.5]) and not r.sure([5.0])
