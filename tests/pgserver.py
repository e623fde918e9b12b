"""The PostgreSQL service the backend tests use (127.0.0.1:5432, trust auth, database ``test``):
one place that finds a working user and says why when the server cannot be reached."""

from __future__ import annotations

from sqlalchemy import create_engine, text

PG_BASE = "postgresql+psycopg://{user}@127.0.0.1:5432/test"
_state: dict[str, str | None] = {}


def pg_base_url() -> str | None:
    """A working PostgreSQL URL (user postgres, else root), or None; ``skip_reason`` says why."""
    if "url" in _state:
        return _state["url"]
    errors = []
    for user in ("postgres", "root"):
        url = PG_BASE.format(user=user)
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            _state["url"] = url
            return url
        except Exception as exc:  # noqa: BLE001 - any failure means: no usable server
            errors.append(f"{user}: {str(exc).splitlines()[0]}")
        finally:
            engine.dispose()
    _state["url"] = None
    _state["reason"] = "PostgreSQL at 127.0.0.1:5432 unreachable (" + "; ".join(errors) + ")"
    return None


def skip_reason() -> str:
    """Why pg_base_url gave None."""
    return _state.get("reason") or "PostgreSQL unreachable"
