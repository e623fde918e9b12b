"""`claimtrail serve`: the web app and REST API over a ledger (uvicorn, 127.0.0.1 by default)."""

from __future__ import annotations

import typer

from ..settings import load_settings
from .common import DB_HELP, err, fail, reports_errors


@reports_errors
def serve_command(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to bind (0.0.0.0 exposes it to the network)."
    ),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port."),
) -> None:
    """Serve the web app (dashboard, articles, claims, timelines, sources) and the REST API under /api/.

    Writing (POST /api/articles) is enabled only when CLAIMTRAIL_API_TOKEN is set; clients send it as
    a bearer token. The desk's pages and API write as a user (`claimtrail users add`, then /signin
    or a bearer token). Reading needs a sign-in when bound to an address other than loopback, or
    when CLAIMTRAIL_READ_SIGNIN=1."""
    import uvicorn

    from ..web.app import create_app
    from ..web.auth import read_needs_signin

    settings = load_settings(db=db)
    app = create_app(settings.db, create=False, read_signin=read_needs_signin(host))
    err.print(
        f"claimtrail: serving {settings.db} on http://{host}:{port}/ (API docs at /api/docs)", highlight=False
    )
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, server_header=False)
    except OSError as exc:  # port in use, address not available
        fail(f"cannot serve on {host}:{port}: {exc.strerror or exc}")
