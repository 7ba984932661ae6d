"""One article's scoring: every scorer its gold annotates (the dispatch sits above metrics, gva and timex, which
do not import it)."""
from __future__ import annotations

from pipeline.eval.gold import (
    F_ARTICLE_CASUALTIES, F_ATTRIBUTIONS, F_DATES, F_EVENTS, F_GVA, F_GVDB, F_TIMEX, F_TOPONYMS, GoldDoc,
)
from pipeline.eval.gva import score_gva
from pipeline.eval.metrics import (
    Casualties,
    Scores,
    score_article_casualties,
    score_attributions,
    score_dates,
    score_events,
    score_gvdb,
    score_toponyms,
)
from pipeline.eval.timex import score_timexes
from pipeline.types import Extraction


def score_doc(sc: Scores, gold: GoldDoc, ex: Extraction, cas: Casualties) -> None:
    """Add one article's comparison to the dataset's scores (only the fields its gold annotates)."""
    sc.articles += 1
    a = gold.annotated
    if F_EVENTS in a:
        score_events(sc, gold, ex)
    if F_ARTICLE_CASUALTIES in a:
        score_article_casualties(sc, gold, ex, cas)
    if F_GVDB in a:
        score_gvdb(sc, gold, ex, cas)
    if F_ATTRIBUTIONS in a:
        score_attributions(sc, gold, ex)
    if F_TOPONYMS in a:
        score_toponyms(sc, gold, ex)
    if F_DATES in a:
        score_dates(sc, gold, ex)
    if F_GVA in a:  # GVA registry records
        score_gva(sc, gold, ex, cas)
    if F_TIMEX in a:  # TimeML timexes
        score_timexes(sc, gold, ex)
