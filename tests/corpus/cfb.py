"""A minimal writer of OLE compound files (MS-CFB version 3), so tests can make real Outlook ``.msg``
files themselves: streams under 4,096 bytes go to the mini stream, the rest to regular sectors.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

_SECTOR, _MINI, _CUTOFF = 512, 64, 4096
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


@dataclass
class Node:
    name: str
    data: bytes | None = None  # None: a storage
    children: list[Node] = field(default_factory=list)
    index: int = 0
    start: int = _END
    size: int = 0
    left: int = _NOSTREAM
    right: int = _NOSTREAM
    child: int = _NOSTREAM


def storage(name: str, *children: Node) -> Node:
    return Node(name, None, list(children))


def stream(name: str, data: bytes) -> Node:
    return Node(name, data)


def _key(node: Node) -> tuple[int, str]:
    return (len(node.name), node.name.upper())


def _chain(fat: list[int], first: int, count: int) -> None:
    for offset in range(count):
        fat[first + offset] = first + offset + 1 if offset + 1 < count else _END


def write_cfb(children: list[Node]) -> bytes:
    root = Node("Root Entry", None, children)
    nodes: list[Node] = []

    def number(node: Node) -> None:
        node.index = len(nodes)
        nodes.append(node)
        for child in node.children:
            number(child)

    number(root)
    streams = [node for node in nodes if node.data is not None]
    mini = bytearray()
    mini_fat: list[int] = []
    big: list[Node] = []
    for node in streams:
        assert node.data is not None
        node.size = len(node.data)
        if node.size < _CUTOFF:
            if node.size:
                first, count = len(mini) // _MINI, -(-node.size // _MINI)
                node.start = first
                mini += node.data.ljust(count * _MINI, b"\x00")
                mini_fat += [0] * count
                _chain(mini_fat, first, count)
        else:
            big.append(node)
    body = bytearray()

    def place(data: bytes) -> tuple[int, int]:
        first, count = len(body) // _SECTOR, -(-len(data) // _SECTOR)
        body.extend(data.ljust(count * _SECTOR, b"\x00"))
        return first, count

    chains: list[tuple[int, int]] = []
    for node in big:
        assert node.data is not None
        node.start, count = place(node.data)
        chains.append((node.start, count))
    if mini:
        root.start, count = place(bytes(mini))
        root.size = len(mini)
        chains.append((root.start, count))
    mini_fat_start = _END
    if mini_fat:
        raw = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
        mini_fat_start, count = place(raw)
        chains.append((mini_fat_start, count))
        mini_fat_sectors = count
    else:
        mini_fat_sectors = 0
    directory = b"".join(_entry(node, nodes) for node in nodes)
    directory = directory.ljust(-(-len(directory) // _SECTOR) * _SECTOR, b"\x00")
    dir_start, count = place(directory)
    chains.append((dir_start, count))
    data_sectors = len(body) // _SECTOR
    fat_sectors = 1
    while (data_sectors + fat_sectors) > fat_sectors * (_SECTOR // 4):
        fat_sectors += 1
    assert fat_sectors <= 109
    fat = [_FREE] * (fat_sectors * (_SECTOR // 4))
    for first, count in chains:
        _chain(fat, first, count)
    for offset in range(fat_sectors):
        fat[data_sectors + offset] = _FATSECT
    difat = [data_sectors + offset for offset in range(fat_sectors)] + [_FREE] * (109 - fat_sectors)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, fat_sectors, dir_start, 0, _CUTOFF, mini_fat_start, mini_fat_sectors, _END, 0)
        + struct.pack("<109I", *difat)
    )
    return header + bytes(body) + struct.pack(f"<{len(fat)}I", *fat)


def _tree(children: list[Node]) -> int:
    """The index of the root of a binary search tree of ``children`` (siblings set on the way)."""
    if not children:
        return _NOSTREAM
    ordered = sorted(children, key=_key)
    middle = len(ordered) // 2
    node = ordered[middle]
    node.left = _tree(ordered[:middle])
    node.right = _tree(ordered[middle + 1 :])
    return node.index


def _entry(node: Node, nodes: list[Node]) -> bytes:
    if node.index == 0:
        for each in nodes:
            if each.data is None:
                each.child = _tree(each.children)
    name = node.name.encode("utf-16-le") + b"\x00\x00"
    kind = 5 if node.index == 0 else (1 if node.data is None else 2)
    return (
        name.ljust(64, b"\x00")
        + struct.pack("<HBB", len(name), kind, 1)
        + struct.pack(
            "<III",
            node.left,
            node.right,
            node.child,
        )
        + b"\x00" * 16
        + b"\x00" * 4
        + b"\x00" * 16
        + struct.pack("<IQ", node.start if (node.data is not None or node.index == 0) else 0, node.size)
    )
