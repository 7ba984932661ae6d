"""Review claims in the browser (issue 8): decisions, journal, the local web server, and exports.

`flush_journal(con, db_path)` writes decisions taken while another process held the database into the
`reviews` table; `claimscope run` should call it on its writable connection.
"""
from pipeline.review.decisions import (
    InvalidDecision, flush_journal, journal_path, make_review, reviewer_name, store_review,
)

__all__ = ["InvalidDecision", "flush_journal", "journal_path", "make_review", "reviewer_name", "store_review"]
