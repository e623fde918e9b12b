#!/usr/bin/env bash
# Install, then ingest the bundled example corpus into an SQLite ledger and print the claims table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DB=${CLAIMTRAIL_DB:-claimtrail.db}
.venv/bin/claimtrail ingest examples/kursk --db "$DB"
.venv/bin/claimtrail claims --db "$DB"
