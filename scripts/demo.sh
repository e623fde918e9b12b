#!/usr/bin/env bash
# Install, then ingest the bundled example corpus into an SQLite ledger and print the claims table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DB=${CLAIMTRAIL_DB:-claimtrail.db}
.venv/bin/claimtrail ingest examples/kursk --db "$DB"
[ -t 1 ] || export COLUMNS=${COLUMNS:-160}   # tables stay readable when the output is captured
.venv/bin/claimtrail claims --db "$DB" --kind quantity
.venv/bin/claimtrail track --db "$DB"
