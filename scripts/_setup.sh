# Shared by scripts/serve and scripts/test: a private Python environment in .venv, made once
# and brought up to date when pyproject.toml changes. Sourced, not run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "Python 3.10 of nieuwer is nodig (gevonden: $("$PYTHON" --version 2>&1 || echo geen))." >&2
  echo "Installeer Python via https://www.python.org/downloads/ en probeer het opnieuw." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "Eenmalig: Python-omgeving maken in .venv ..." >&2
  "$PYTHON" -m venv .venv
fi
ifms_install() {
  # $1: the extras to install ("" or "[test]"); reinstall only when pyproject.toml changed.
  local marker=".venv/.installed${1}"
  if [ ! -f "$marker" ] || [ pyproject.toml -nt "$marker" ]; then
    echo "Onderdelen installeren (de eerste keer een à twee minuten) ..." >&2
    .venv/bin/python -m pip install --quiet --upgrade pip >&2
    .venv/bin/python -m pip install --quiet -e ".${1}" >&2
    touch "$marker"
  fi
}
