#!/usr/bin/env bash
# Set up a virtual environment in .venv (once, or again when pyproject.toml changes) and run:
#   ./dev.sh run      the intake on the embedded default (SQLite in your data folder, no LLM)
#   ./dev.sh test     the whole test suite on SQLite, then again on a throwaway PostgreSQL
#                     cluster when PostgreSQL's server is installed (Debian: apt install postgresql)
#   ./dev.sh bench    the benchmarks, printing their figures
#   ./dev.sh check    ruff lint and format check, the import contracts (lint-imports) and mypy
#   ./dev.sh model    retrain the classifier's learned second opinion from data/eval
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP=$VENV/.installed

setup() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV"
    fi
    if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e ".[dev]"
        touch "$STAMP"
    fi
}

# The classifier's rules compiled with mypyc into .compiled/ when their source has changed: a
# speed-up only (intake/classifier/compiled.py); without a C compiler, plain Python is used.
compile_rules() {
    "$VENV/bin/python" -c 'import intake.classifier.compiled as c; c.main()' || true
}

command=${1:-run}
shift || true
case "$command" in
    run)   setup; compile_rules; exec "$VENV/bin/intake" "$@" ;;
    test)
        setup
        compile_rules
        "$VENV/bin/pytest" -q "$@"
        if .ci/with-postgres true >/dev/null 2>&1; then
            .ci/with-postgres "$VENV/bin/pytest" -q "$@"
        else
            echo "dev.sh: PostgreSQL server not installed; the suite ran on SQLite only" >&2
        fi
        ;;
    bench)
        setup
        compile_rules
        "$VENV/bin/pytest" -q -m benchmark -s tests/benchmarks "$@"
        if .ci/with-postgres true >/dev/null 2>&1; then  # row-level security: PostgreSQL only
            .ci/with-postgres "$VENV/bin/pytest" -q -m benchmark -s tests/benchmarks/test_bench_rls.py
        fi
        ;;
    model) setup; exec "$VENV/bin/python" -m intake.classifier.learned.train "$@" ;;
    check)
        setup
        "$VENV/bin/ruff" check .
        "$VENV/bin/ruff" format --check .
        "$VENV/bin/lint-imports"
        "$VENV/bin/mypy"
        ;;
    *) echo "usage: ./dev.sh [run|test|bench|check|model] [args...]" >&2; exit 2 ;;
esac
