"""The shape of the code base stays what issue 9 made it: short functions (a longer one says why
next to it), and each vocabulary defined once (the event, modality and source-type words live in
``claimtrail.model`` only)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "claimtrail"
MAX_LINES = 60
# A function may be longer when a comment on its ``def`` line or on the line just above says why:
# ``# long: <reason>``.
REASON = re.compile(r"#\s*long:\s*\S")


def _functions():
    for path in sorted(SRC.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                yield path, node, lines[max(0, first - 2) : node.lineno]


def test_no_function_is_longer_than_60_lines_without_a_reason():
    long = [
        f"{path.relative_to(SRC.parent)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path, node, head in _functions()
        if node.end_lineno - node.lineno + 1 > MAX_LINES and not any(REASON.search(h) for h in head)
    ]
    assert not long, "functions over 60 lines without a `# long: reason` comment:\n" + "\n".join(long)


def test_the_closed_vocabularies_are_spelled_out_only_in_the_model():
    """Event and modality names appear as a full list in one module; the others import it."""
    events = re.compile(r'"deployed",\s*"killed",\s*"wounded"')
    modalities = re.compile(r'"asserted",\s*"reported",\s*"estimated"')
    where = {
        str(p.relative_to(SRC.parent))
        for p in SRC.rglob("*.py")
        for pattern in (events, modalities)
        if pattern.search(p.read_text(encoding="utf-8"))
    }
    assert where <= {"claimtrail/model.py"}, where
