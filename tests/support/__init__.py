"""What the tests share, imported as ``from tests.support.x import y`` (never ``sys.path``).

- ``cli``: run the installed console scripts as a user would (``run_cli``, ``cli_env``).
- ``database``: whether the suite runs on SQLite or a PostgreSQL test server.
- ``migrations``: a test database moved up or down its migrations (``migrate``).
- ``factories``: staff, users and submitted cases made directly in the database.
- ``tui``: what both TUI drivers share (waiting for the app to settle, the words on screen).
- ``intake_tui``: the intake TUI driver; unfinished interviews saved to resume at a question.
- ``backoffice_tui``: the back-office TUI driver (the queue, a case) and the demo staff.
- ``chat``: driving the line-mode interview (`intake chat`) through pipes.
- ``llm_server``: a fake OpenAI-compatible model server on loopback, scripted by the test.
- ``offline``: the team tests' server that goes away (a TCP relay) and laptop outboxes.
- ``concurrency_worker``: one desk of the concurrency test, run as its own process.
"""
