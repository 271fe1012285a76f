#!/usr/bin/env bash
# The main job on the bundled sample: set up, ingest examples/ into an embedded SQLite file,
# run every stage, list the stories and print the brief of the largest one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export STORYWEAVE_DB=${STORYWEAVE_DB:-storyweave.db}
.venv/bin/storyweave run examples/articles/
.venv/bin/storyweave stories
story=$(.venv/bin/storyweave stories --json | .venv/bin/python -c 'import json,sys; s=json.load(sys.stdin); print(max(s, key=lambda x: len(x["articles"]))["id"] if s else "")')
if [ -n "$story" ]; then .venv/bin/storyweave brief "$story"; fi
