#!/usr/bin/env bash
# Create ./.venv (if missing) and install storyweave with its pinned dependencies.
# Idempotent: a second run only checks that everything is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# pip reads constraints.txt so every machine gets the versions we measured.
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test]"
