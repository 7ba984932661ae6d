"""Small articles written for the runtime tests (short, so spaCy is not the cost), and DB helpers."""
from __future__ import annotations

from pathlib import Path

import duckdb

PLACES = ["Kirkuk", "Mosul", "Aleppo", "Kabul", "Mogadishu", "Sanaa", "Benghazi", "Peshawar", "Gao", "Homs", "Tikrit",
          "Ramadi"]


def article_text(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (f"{place.upper()}, June {i % 27 + 1}, 2016\n\n"
            f"At least {i + 2} people were killed and {i + 5} injured when gunmen attacked a checkpoint near "
            f"{place} on Monday, police said.\n\n"
            f"No group has claimed responsibility, but officials blamed militants for the attack.\n")


def write_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        p = folder / f"art{i:03d}.txt"
        p.write_text(article_text(i), encoding="utf-8")
        out.append(p)
    return out


CLAIM_TABLES = ("events", "casualties", "places", "dates", "attributions")


def snapshot(db: str | Path) -> dict:
    """Articles and claim ids per table (read-only), for exactly-once comparisons."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        snap = {"articles": sorted(r[0] for r in con.execute("SELECT sha256 FROM articles").fetchall())}
        for t in CLAIM_TABLES:
            snap[t] = sorted(r[0] for r in con.execute(f"SELECT claim_id FROM {t}").fetchall())
        return snap
    finally:
        con.close()
