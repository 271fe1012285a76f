#!/usr/bin/env bash
# The test suite, from a clean clone: sets up the venv, installs the system packages the
# browser and PostgreSQL tests need (Debian: chromium, postgresql), then runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/system-deps.sh || echo "warning: system packages missing; browser/PostgreSQL tests will be skipped" >&2
exec .venv/bin/python -m pytest -q "$@"
