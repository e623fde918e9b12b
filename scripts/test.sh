#!/usr/bin/env bash
# Install, then run ruff (lint, format), mypy and the whole test suite (given arguments: pytest only).
# PostgreSQL tests use the service on 127.0.0.1:5432; browser tests drive Debian's chromium headless (installed here when missing; Playwright downloads nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
if [ $# -eq 0 ]; then
  # The whole run also keeps the code base clean: lint, format and types (issue 9).
  .venv/bin/ruff check .
  .venv/bin/ruff format --check .
  .venv/bin/mypy
fi
.venv/bin/python -m pytest "$@"
