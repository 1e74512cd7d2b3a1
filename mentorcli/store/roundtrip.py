"""Editing a round-trip YAML document (ruamel.yaml) so that the file changes only where it must.

Pure: these functions take ruamel nodes and text and return or change them; reading, locking
and writing files is `mentorcli.store.writing`'s business.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq


def to_yaml_node(value: Any, flow: bool = False) -> Any:
    """Plain dicts and lists as ruamel nodes (block style, or flow style with `flow`).

    Nodes that are already ruamel nodes are kept as they are (with their own style).
    """
    from mentorcli.store.edits import Flow, FlowList

    if isinstance(value, (CommentedMap, CommentedSeq)):
        return value
    flow = flow or isinstance(value, (Flow, FlowList))
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = to_yaml_node(item, flow)
        if flow:
            node.fa.set_flow_style()
        return node
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(to_yaml_node(item, flow) for item in value)
        if flow:
            seq.fa.set_flow_style()
        return seq
    return value


# ------------------------------------------------------------------ blank lines kept

# ruamel.yaml attaches the blank lines and comments that end a block (say, the blank line
# between `pairs:` and `sessions:`) to the last value inside it. Anything then added at the
# end of that block would land after the blank line. So before a change the gap is taken off
# the last value of each block and, after the change, put back on whatever is last then.

_Gap = tuple[Any, Any, str]  # (container, child object or key, the gap text)


def _is_block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 \
        and not node.fa.flow_style()


def _last_slot(node: Any) -> tuple[Any, Any, int] | None:
    """(container, key, comment slot) of the last value written inside `node`."""
    while _is_block(node):
        if isinstance(node, CommentedMap):
            key: Any = next(reversed(node))
            slot = 2
        else:
            key, slot = len(node) - 1, 0
        child = node[key]
        if _is_block(child):
            node = child
            continue
        return node, key, slot
    return None


def _end_slot(container: Any, key: Any) -> tuple[Any, Any, int] | None:
    """Where the comment that ends `container[key]` is kept."""
    child = container[key]
    if _is_block(child):
        return _last_slot(child)
    return container, key, 2 if isinstance(container, CommentedMap) else 0


def _end_token(container: Any, key: Any) -> Any:
    """The comment token that ends `container[key]` (its line's end and what follows), if any."""
    place = _end_slot(container, key)
    if place is None:
        return None
    holder, slot_key, slot = place
    entry = holder.ca.items.get(slot_key)
    if not entry or len(entry) <= slot:
        return None
    return entry[slot]


def _take_gap(container: Any, key: Any) -> str | None:
    token = _end_token(container, key)
    if token is None:
        return None
    value = token.value
    first_line_end = value.find("\n")
    if first_line_end < 0 or first_line_end == len(value) - 1:
        return None
    token.value = value[:first_line_end + 1]
    return value[first_line_end + 1:]


def append_after_value(container: Any, key: Any, text: str) -> None:
    """Add lines (blank lines, comments) after the value of `container[key]`.

    When the value is a block, the lines go after its last scalar, where ruamel keeps them.
    """
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    place = _end_slot(container, key)
    if place is None:
        return
    holder, slot_key, slot = place
    entry = holder.ca.items.setdefault(slot_key, [None, None, None, None])
    while len(entry) <= slot:
        entry.append(None)
    if entry[slot] is None:
        entry[slot] = CommentToken("\n" + text, CommentMark(0), None)
    else:
        entry[slot].value += text


def remove_key(node: CommentedMap, key: str) -> bool:
    """Remove `key` from a round-trip mapping, keeping the blank lines and whole-line
    comments that followed its value. False when there was no such key."""
    if key not in node:
        return False
    gap = _take_gap(node, key)
    keys = list(node.keys())
    position = keys.index(key)
    del node[key]
    if gap and position > 0:
        append_after_value(node, keys[position - 1], gap)
    return True


def detach_gaps(root: Any) -> list[_Gap]:
    """Take the trailing gaps off every block's last value (see above)."""
    gaps: list[_Gap] = []

    def visit(node: Any, is_root: bool) -> None:
        keys = list(node.keys()) if isinstance(node, CommentedMap) else list(range(len(node)))
        for position, key in enumerate(keys):
            child = node[key]
            if _is_block(child):
                visit(child, False)
            if (is_root or position < len(keys) - 1) and (is_root or _is_block(child)):
                gap = _take_gap(node, key)
                if gap is not None:
                    handle = key if isinstance(node, CommentedMap) else child
                    gaps.append((node, handle, gap))

    if _is_block(root):
        visit(root, True)
    return gaps


def reattach_gaps(gaps: list[_Gap]) -> None:
    """Put the gaps back on the blocks they ended, after a change."""
    for container, handle, gap in gaps:
        if isinstance(container, CommentedMap):
            if handle in container:
                append_after_value(container, handle, gap)
        else:
            for index, child in enumerate(container):
                if child is handle:
                    append_after_value(container, index, gap)
                    break


def ensure_list(document: CommentedMap, key: str) -> CommentedSeq:
    """The list at top-level `key`, made a block list if it was empty, null or missing.

    Keeps the comment written on the key's line (`pairs:   # written by pair`).
    """
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    current = document.get(key)
    if isinstance(current, CommentedSeq) and (len(current) or not current.fa.flow_style()):
        return current
    seq = CommentedSeq()
    entry = document.ca.items.get(key)
    if entry and len(entry) > 2 and entry[2] is not None:
        head = entry[2].value
        seq.ca.comment = [CommentToken(head, CommentMark(entry[2].column), None), None]
    if isinstance(current, CommentedSeq):
        for item in current:
            seq.append(item)
    document[key] = seq
    return seq


def minimal_text(original: str, before: str, after: str) -> str:
    """`original` with the change from `before` to `after` applied, and nothing else.

    `before` is ruamel's rendering of the unchanged `original`; where ruamel normalises
    something (spacing inside `[ a , b ]`, say), those lines keep their original spelling
    unless the change itself touches them. So `git diff` shows just the change.
    """
    if before == original:
        return after
    from difflib import SequenceMatcher

    orig = original.splitlines(keepends=True)
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    chunks: list[list[str]] = [[line] for line in old]
    block_of: dict[int, tuple[int, int]] = {}
    pending: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, orig, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                chunks[i1 + k] = [orig[j1 + k]]
        elif tag == "insert":
            pending = orig[j1:j2]
            if i1 < len(old):
                chunks[i1] = pending + chunks[i1]
                block_of[i1] = (i1, i1 + 1)
            continue
        else:  # the original spelled these lines differently (or not at all)
            chunks[i1] = orig[j1:j2]
            for k in range(i1 + 1, i2):
                chunks[k] = []
            for k in range(i1, i2):
                block_of[k] = (i1, i2)
    trailing = pending if pending and not old else []
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    spoiled = set()
    for block in set(block_of.values()):
        start, end = block
        for tag, i1, i2, _, _ in opcodes:
            inside_insert = tag == "insert" and start < i1 < end
            overlaps = tag in ("replace", "delete") and i1 < end and i2 > start
            if inside_insert or overlaps:
                spoiled.add(block)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal":
            out.extend(new[j1:j2])
            continue
        for k in range(i1, i2):
            out.extend([old[k]] if block_of.get(k) in spoiled else chunks[k])
    return "".join(out + trailing)


def _followed_by_blank_line(container: Any, key: Any) -> bool:
    token = _end_token(container, key)
    if token is None:
        return False
    value = token.value
    return value[value.find("\n") + 1:].startswith("\n")


def spaced_lists(root: Any) -> dict[str, set[int]]:
    """The top-level lists whose items are separated by blank lines, with their items' ids.

    Read before a change, so that `space_new_items` can space what the change adds alike.
    """
    spaced = {}
    for key, value in root.items() if isinstance(root, CommentedMap) else []:
        if _is_block(value) and isinstance(value, CommentedSeq) and len(value) > 1:
            blank = sum(_followed_by_blank_line(value, i) for i in range(len(value) - 1))
            if blank * 2 >= len(value) - 1:
                spaced[key] = {id(item) for item in value}
    return spaced


def space_new_items(root: Any, spaced: dict[str, set[int]]) -> None:
    """Put a blank line before each item a change added to a list read as spaced."""
    for key, known in spaced.items():
        items = root.get(key)
        if not isinstance(items, CommentedSeq):
            continue
        for index in range(1, len(items)):
            if id(items[index]) not in known and not _followed_by_blank_line(items, index - 1):
                append_after_value(items, index - 1, "\n")


def flow_empty_lists(root: Any) -> None:
    """Write a list a change emptied as `[]`: an empty block list cannot be written."""
    stack = [root]
    while stack:
        node = stack.pop()
        children = node.values() if isinstance(node, CommentedMap) else \
            node if isinstance(node, CommentedSeq) else []
        for child in children:
            if isinstance(child, CommentedSeq) and not len(child):
                child.fa.set_flow_style()
            elif isinstance(child, (CommentedMap, CommentedSeq)):
                stack.append(child)
