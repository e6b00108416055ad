"""Split dev2.jsonl once, by id, into a tuning half and a test half (issue 13).

Items are grouped by their labels (route, qualifies, immediate risk) so that both halves hold every
kind; within a group they are ordered by the SHA-256 of their id and dealt alternately, starting
with the tuning half. Only the labels and ids are read; the texts are copied, not looked at.

    python data/eval/split_dev2.py path/to/dev2.jsonl
"""

import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent


def main(source: Path) -> None:
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line]
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[(row["route"], row["qualifies"], row["immediate_risk"])].append(row)
    halves: dict[str, list[dict]] = {"tune": [], "test": []}
    turn = 0
    for key in sorted(groups, key=str):
        for row in sorted(groups[key], key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest()):
            halves["tune" if turn % 2 == 0 else "test"].append(row)
            turn += 1
    for name, part in halves.items():
        part.sort(key=lambda r: r["id"])
        lines = (json.dumps(r, ensure_ascii=False) for r in part)
        (HERE / f"dev2-{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
