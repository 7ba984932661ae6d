"""ACLED event type and sub-event type of an event, from the mapping table models/acled_mapping.json.

Rows are tried in order; the first whose `type` matches and whose `subtype` / `target` (when the row names
them) match decides. `target == "armed"`: the event's object or victims are armed or security forces
(`armed_target` below), so that an attack on soldiers is a battle and an attack on villagers violence against
civilians, as the ACLED codebook separates them.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from pipeline.extract._doc import children


class AcledMap:
    def __init__(self, table: dict):
        self.rows = [r for r in table["rows"] if isinstance(r, dict)]
        self.version = table.get("version")

    def types(self, typ: str, subtype: Optional[str] = None, target: Optional[str] = None
              ) -> tuple[Optional[str], Optional[str]]:
        """(event_type, sub_event_type); (None, None) for a type the table does not list."""
        for r in self.rows:
            if r["type"] != typ:
                continue
            if "subtype" in r and r["subtype"] != subtype:
                continue
            if "target" in r and r["target"] != target:
                continue
            return r.get("event_type"), r.get("sub_event_type")
        return None, None


def armed_target(tok: Token, armed: set[str]) -> bool:
    """The trigger's object, passive subject or "on"/"against" object is an armed or security force ("attacked
    an army convoy", "soldiers were ambushed", "an assault on a police post")."""
    objs = [c for c in children(tok) if c.dep_ in ("dobj", "nsubjpass")]
    objs += [g for c in children(tok) if c.dep_ == "prep" and c.lower_ in ("on", "against", "at")
             for g in children(c) if g.dep_ == "pobj"]
    for o in objs:
        words = {o.lemma_.lower(), o.lower_} | {c.lemma_.lower() for c in children(o) if c.dep_ == "compound"}
        if words & armed:
            return True
    return False
