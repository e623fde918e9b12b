#!/usr/bin/env bash
# Install, then run the whole test suite (PostgreSQL tests use the service on 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pytest "$@"
