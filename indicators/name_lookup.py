"""Names looked up in a text word by word (the gazetteer's place names)."""

from __future__ import annotations


class Names:
    """Place names looked up word by word: at each word of a text, the longest name that
    starts there (a set lookup per length, where one pattern of every name was a regular
    expression of thousands of alternatives tried at every letter)."""

    def __init__(self, names) -> None:
        self.names = frozenset(names)
        self.starting: dict[str, int] = {}
        """Each word a name starts with, and the most words of the names it starts."""
        for name in self.names:
            words = name.split(" ")
            self.starting[words[0]] = max(self.starting.get(words[0], 0), len(words))

    def hits(self, words: list[tuple[int, int, str]], keys: list[str]):
        """(start, end, name) of every name in a folded text split in ``words`` (start,
        end, word); ``keys``: the words as the names are kept (lowered or as written)."""
        for i in range(len(words)):
            longest = self.starting.get(keys[i])
            if longest is None:  # no name starts with this word: most words of a text
                continue
            for n in range(min(longest, len(words) - i), 0, -1):
                key = " ".join(keys[i : i + n])
                if key in self.names:
                    yield words[i][0], words[i + n - 1][1], key
                    break
