"""Whether two words are within ``k`` edits: the question a fuzzy term asks of each candidate word.

Whoosh's ``levenshtein`` and ``damerau_levenshtein`` fill the whole table, a Python ``min`` per
cell (~30 µs for two 8-letter words); a fuzzy term asks the question of thousands of words. Here
only the cells within ``k`` of the diagonal are computed (a cell further off is more than ``k``
edits whatever follows), after the words' common prefix and suffix are set aside (they change no
distance), and the answer comes as soon as a row has no cell within ``k``. The answers are the
same as comparing Whoosh's distance with ``k`` (``tests/search/test_edit_distance.py`` holds
them to it): a computed cell is exact wherever the true distance is at most ``k`` and otherwise
above ``k``.
"""

from __future__ import annotations


def _trimmed(a: str, b: str) -> tuple[str, str]:
    """``a`` and ``b`` without their common prefix and suffix (neither changes either distance)."""
    start = 0
    shorter = min(len(a), len(b))
    while start < shorter and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    return a[start:end_a], b[start:end_b]


def levenshtein_within(a: str, b: str, k: int) -> bool:
    """True if the Levenshtein distance of ``a`` and ``b`` (insertions, deletions, substitutions) is at most ``k``."""
    return _within(a, b, k, transpositions=False)


def damerau_within(a: str, b: str, k: int) -> bool:
    """True if the restricted Damerau-Levenshtein distance (also adjacent transpositions, as Whoosh's
    ``damerau_levenshtein``) of ``a`` and ``b`` is at most ``k``."""
    return _within(a, b, k, transpositions=True)


def _within(a: str, b: str, k: int, transpositions: bool) -> bool:
    if abs(len(a) - len(b)) > k:
        return False
    a, b = _trimmed(a, b)
    rows, columns = len(a), len(b)
    if rows == 0 or columns == 0:
        return max(rows, columns) <= k
    over = k + 1  # stands for every value above k: cells outside the band, and the unreachable
    previous = [j if j <= k else over for j in range(columns + 1)]
    before_previous: list[int] = []
    for i in range(1, rows + 1):
        low = max(1, i - k)
        high = min(columns, i + k)
        current = [over] * (columns + 1)
        if i <= k:
            current[0] = i
        best = current[low - 1]
        char = a[i - 1]
        for j in range(low, high + 1):
            value = previous[j - 1] + (char != b[j - 1])
            if previous[j] + 1 < value:
                value = previous[j] + 1
            if current[j - 1] + 1 < value:
                value = current[j - 1] + 1
            if (
                transpositions
                and i > 1
                and j > 1
                and char == b[j - 2]
                and a[i - 2] == b[j - 1]
                and char != b[j - 1]
                and before_previous[j - 2] + 1 < value
            ):
                value = before_previous[j - 2] + 1
            if value > over:
                value = over
            current[j] = value
            if value < best:
                best = value
        if best > k:
            return False
        before_previous, previous = previous, current
    return previous[columns] <= k
