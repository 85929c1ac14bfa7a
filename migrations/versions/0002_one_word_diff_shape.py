"""Quote family diffs in the one word-diff shape the quote check uses: [{"op", "source", "quote", ...}, ...].

Before, families stored [[op, earliest words, these words], ...] and readers reconciled the two shapes.
Each stored item becomes {"op", "source" (the earliest member's words), "quote" (this member's),
"start": null, "end": null, "stands_for_different_words": false}, the fields of
app.services.wording.diff.DiffOp; downgrade turns them back into lists. Rows already in the target
shape are left as they are, so the step can be re-run safely.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Rows read and rewritten per round trip: a large collection is not held in memory at once.
BATCH = 1000

quotes = sa.table("quotes", sa.column("id", sa.Integer), sa.column("family_diff", sa.JSON))


def _as_item(old: Any) -> Any:
    if isinstance(old, (list, tuple)) and len(old) >= 3:
        return {"op": old[0], "source": old[1], "quote": old[2], "start": None, "end": None,
                "stands_for_different_words": False}
    return old


def _as_list(item: Any) -> Any:
    if isinstance(item, dict) and "op" in item:
        return [item["op"], item.get("source", ""), item.get("quote", "")]
    return item


def _rewrite(convert: Callable[[Any], Any]) -> None:
    connection = op.get_bind()
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(quotes.c.id, quotes.c.family_diff)
            .where(quotes.c.id > last_id, quotes.c.family_diff.is_not(None))
            .order_by(quotes.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        for quote_id, diff in rows:
            if isinstance(diff, list):
                rewritten = [convert(item) for item in diff]
                if rewritten != diff:
                    connection.execute(
                        quotes.update().where(quotes.c.id == quote_id).values(family_diff=rewritten)
                    )
        last_id = rows[-1][0]


def upgrade() -> None:
    _rewrite(_as_item)


def downgrade() -> None:
    _rewrite(_as_list)
