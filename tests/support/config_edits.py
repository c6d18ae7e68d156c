"""A hand-written config file full of comments, and a check that an edit kept the user's layout.

`assert_edited_in_place(before, after)` reads both texts with the standard library's TOML parser
(never tomlkit, the writer's own library) to learn which settings changed and which were added,
then checks the lines: every line of `before` that holds no changed setting is in `after`,
byte for byte and in order; a changed setting keeps the comment beside it; an added setting sits
in its own [table] under the comment lines that document it in default.toml; nothing else is new.
"""

from __future__ import annotations

import re
import tomllib
from difflib import SequenceMatcher
from typing import Any

from posture.config.writer import default_config_text, key_comments

# Header comments, comments above and beside keys, blank lines, tables out of the schema's
# order, keys out of order, a quoted key, an integer for a float, a literal string, an indented
# comment, notes at the end of a table and at the end of the file.
COMMENTED = """\
# My Posture settings -- hand-tuned, please keep these notes.
#
# Last changed after the physio visit.

# Sitting: I take short walks, so the limit is long.
[sitting]   # the rules I agreed with myself
# The physio said 45 at most.
sit_limit_min = 45    # not 50
break_min = 3.0       # a trip to the kitchen counts

    # an indented note about repeats
sit_repeat_min = 20

[thresholds]
# unusual order on purpose
lean_deg = 14.0  # I sit a bit crooked
head_tilt_deg = 18
'min_visibility' = 0.6

# The camera setup
[monitor]
source = '0'  # the laptop's own camera
notifier = "auto"   # whatever works
# notes right below the last monitor setting

# end of file: nothing below
"""

# The other extreme: no blank lines (tables touch), indented settings, a list over two lines,
# and no newline at the end.
COMPACT = """\
# compact: no blank lines anywhere
[monitor]
  source = "0" # indented
  model = 'lite'
[sitting]
[coaching]
# only these apps
pause_apps = ["zoom",
              "obs"]"""

_HEADER = re.compile(r"""\s*\[\s*["']?([A-Za-z0-9_]+)["']?\s*\]""")
_KEY = re.compile(r"""\s*["']?([A-Za-z0-9_]+)["']?\s*=""")


def lines(text: str) -> list[str]:
    """The lines as TOML counts them (str.splitlines would also break at U+2028 and others)."""
    found = text.split("\n")
    return found[:-1] if found[-1] == "" else found


def settings_by_line(text: str) -> list[tuple[str, str] | None]:
    """For each line, the (table, key) whose setting it holds (a wrapped list: every line)."""
    table, owner, depth = "", None, 0
    found: list[tuple[str, str] | None] = []
    for line in lines(text):
        if depth > 0:  # the rest of a list; the tests' values hold no brackets in strings
            found.append(owner)
            depth += line.count("[") - line.count("]")
            continue
        owner = None
        if (header := _HEADER.match(line)) is not None and "=" not in line.split("]")[0]:
            table = header.group(1)
        elif (key := _KEY.match(line)) is not None and not line.lstrip().startswith("#"):
            owner = (table, key.group(1))
            value = line.split("=", 1)[1]
            depth = value.count("[") - value.count("]") if value.lstrip().startswith("[") else 0
        found.append(owner)
    return found


def comment_lines(text: str) -> list[str]:
    """The lines that are only a comment, as written."""
    return [line for line in lines(text) if line.lstrip().startswith("#")]


def inline_comment(line: str) -> str:
    """The comment beside a hand-written setting, with the spaces before it ("" for none)."""
    at = line.find("#")
    return "" if at < 0 else line[len(line[:at].rstrip()) :]


def edits(before: str, after: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The (table, key) settings whose value changed, and those added, read by tomllib."""
    old, new = tomllib.loads(before), tomllib.loads(after)
    for name, table in old.items():
        assert set(table) <= set(new.get(name, {})), f"settings of [{name}] were removed"
    changed = {(t, k) for t, table in old.items() for k, v in table.items() if new[t][k] != v}
    added = {(t, k) for t, table in new.items() for k in table if k not in old.get(t, {})}
    return changed, added


def assert_edited_in_place(before: str, after: str) -> None:
    """Only the changed and added settings differ; see the module docstring."""
    changed, added = edits(before, after)
    b, a = lines(before), lines(after)
    b_owner, a_owner = settings_by_line(before), settings_by_line(after)
    kept_b, kept_a = set(), set()
    for block in SequenceMatcher(None, b, a, autojunk=False).get_matching_blocks():
        kept_b.update(range(block.a, block.a + block.size))
        kept_a.update(range(block.b, block.b + block.size))
    for i, line in enumerate(b):
        if i not in kept_b:
            assert b_owner[i] in changed, f"line {i + 1} was changed or lost: {line!r}"
    for i, owner in enumerate(b_owner):
        if owner in changed:
            assert i not in kept_b, f"{owner} changed but line {i + 1} did not: {b[i]!r}"
    _assert_comments_beside_kept(b, a, b_owner, a_owner, changed)
    documented = key_comments(default_config_text())
    explained: set[int] = set()
    for i, owner in enumerate(a_owner):
        if owner in added and (i == 0 or a_owner[i - 1] != owner):
            above = documented.get(owner, [])
            written = [line.strip() for line in a[i - len(above) : i]]
            assert written == above, f"{owner} lacks its documented comment"
            explained.update(range(i - len(above), i))
            assert _table_above(a, i) == owner[0], f"{owner} is not in [{owner[0]}]"
    for i, line in enumerate(a):
        if i in kept_a or a_owner[i] in changed | added or i in explained:
            continue
        header = _HEADER.match(line)
        new_table = header is not None and header.group(1) not in tomllib.loads(before)
        assert new_table or (line == "" and i + 1 < len(a) and _HEADER.match(a[i + 1])), (
            f"line {i + 1} is new and unexplained: {line!r}"
        )
    assert comment_lines(before) == [c for c in comment_lines(after) if c in comment_lines(before)]


def _assert_comments_beside_kept(
    b: list[str],
    a: list[str],
    b_owner: list[tuple[str, str] | None],
    a_owner: list[tuple[str, str] | None],
    changed: set[tuple[str, str]],
) -> None:
    for owner in changed:
        old = next(b[i] for i, o in enumerate(b_owner) if o == owner)
        new = [a[i] for i, o in enumerate(a_owner) if o == owner]
        comment = inline_comment(old)
        assert new and new[-1].endswith(comment), f"{owner} lost its comment {comment!r}"


def _table_above(lines: list[str], index: int) -> str:
    for line in reversed(lines[:index]):
        if (header := _HEADER.match(line)) is not None:
            return header.group(1)
    return ""


def loaded(text: str) -> dict[str, Any]:
    """The text read by tomllib (not by the writer's own library)."""
    return tomllib.loads(text)
