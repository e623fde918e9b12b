"""Version 3: ``claims.part_of``, the claim id of the whole a figure is a part of ("31 of 35 drones",
"of whom 12 were children"), found by ``extract.relations``. Claims stored before stay without
one (NULL) until their article is extracted again.
"""

from __future__ import annotations

from sqlalchemy import Connection

DESCRIPTION = "claims: part_of (the whole a figure is a part of)"


def upgrade(conn: Connection) -> None:
    """Add the nullable column (the same DDL on SQLite and PostgreSQL)."""
    conn.exec_driver_sql("ALTER TABLE claims ADD COLUMN part_of VARCHAR")
