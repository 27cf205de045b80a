"""Near-duplicate reports: MinHash signatures over word shingles, an LSH index, shared paragraphs."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datasketch import LeanMinHash


from marsad.dedup.config import DedupConfig
from marsad.text.normalize import normalize_key

_WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"[^\n]+")
_SEED = 1
_SCHEME = "affine32"  # pinned so stored signatures stay comparable across datasketch versions


def words(text: str) -> list[str]:
    """The folded words of ``text`` (Arabic letter variants and case ignored)."""
    return _WORD.findall(normalize_key(text))


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-shingles of ``text`` (the whole text as one shingle when shorter)."""
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i:i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


def _datasketch() -> Any:
    """datasketch, imported on first use: it pulls in scipy (seconds), which extraction never needs."""
    import datasketch

    return datasketch


@functools.cache
def _permutations(num_perm: int) -> Any:
    """The hash permutations for ``num_perm`` (drawing them costs more than hashing a report)."""
    return _datasketch().MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations


def signature(text: str, config: DedupConfig) -> LeanMinHash:
    """The MinHash signature of ``text``."""
    minhash = _datasketch().MinHash(num_perm=config.num_perm, seed=_SEED, scheme=_SCHEME,
                      permutations=_permutations(config.num_perm))
    minhash.update_batch(sorted(shingles(text, config.shingle_words)))
    return _datasketch().LeanMinHash(minhash)


def signature_bytes(sig: LeanMinHash) -> bytes:
    """Serialise a signature's hash values for a BLOB column."""
    import numpy as np

    return np.asarray(sig.hashvalues, dtype=np.uint64).tobytes()


def signature_from_bytes(blob: bytes) -> LeanMinHash:
    """Rebuild a signature stored by ``signature_bytes``."""
    import numpy as np

    return _datasketch().LeanMinHash(seed=_SEED, hashvalues=np.frombuffer(blob, dtype=np.uint64), scheme=_SCHEME)


@dataclass(frozen=True, slots=True)
class Reprint:
    """The stored report a new one nearly duplicates."""

    article_id: str
    similarity: float


class ReprintIndex:
    """An in-memory LSH index of stored signatures (rebuilt from the store on first use)."""

    def __init__(self, config: DedupConfig, stored: Iterable[tuple[str, bytes]] = ()) -> None:
        """Index ``stored`` (article id, signature bytes) pairs."""
        self.config = config
        # A lower LSH threshold than the reprint one: LSH is only the candidate
        # filter (at 0.8 it misses one pair in ten at Jaccard 0.89); the estimated
        # Jaccard decides.
        lsh_threshold = max(0.3, min(config.reprint_jaccard, config.reprint_weak_jaccard) - 0.1)
        self._lsh = _datasketch().MinHashLSH(threshold=lsh_threshold, num_perm=config.num_perm)
        self._sigs: dict[str, LeanMinHash] = {}
        for article_id, blob in stored:
            self.add(article_id, signature_from_bytes(blob))

    def add(self, article_id: str, sig: LeanMinHash) -> None:
        """Index ``sig`` under ``article_id`` (replacing an earlier one)."""
        self.remove(article_id)
        self._lsh.insert(article_id, sig)
        self._sigs[article_id] = sig

    def remove(self, article_id: str) -> None:
        """Forget ``article_id`` if indexed."""
        if article_id in self._sigs:
            self._lsh.remove(article_id)
            del self._sigs[article_id]

    def candidates(self, sig: LeanMinHash, *, exclude: str | None = None) -> list[Reprint]:
        """Stored reports with estimated Jaccard >= the weak reprint threshold, most similar first."""
        floor = min(self.config.reprint_jaccard, self.config.reprint_weak_jaccard)
        found = []
        for key in self._lsh.query(sig):
            similarity = round(float(sig.jaccard(self._sigs[key])), 4)
            if key != exclude and similarity >= floor:
                found.append(Reprint(key, similarity))
        return sorted(found, key=lambda r: (-r.similarity, r.article_id))

    def find(self, sig: LeanMinHash, *, exclude: str | None = None) -> Reprint | None:
        """The most similar stored report with Jaccard >= the reprint threshold, if any."""
        best = next(iter(self.candidates(sig, exclude=exclude)), None)
        return best if best is not None and best.similarity >= self.config.reprint_jaccard else None

    def __len__(self) -> int:
        return len(self._sigs)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of a report: its offsets and the hash of its folded words."""

    index: int
    start: int
    end: int
    hash: str


def paragraphs(text: str, config: DedupConfig) -> list[Paragraph]:
    """The report's paragraphs long enough to be worth comparing (lines of ``min_paragraph_words``+)."""
    found: list[Paragraph] = []
    for match in _PARAGRAPH.finditer(text):
        tokens = words(match.group())
        if len(tokens) >= config.min_paragraph_words:
            digest = hashlib.sha1(" ".join(tokens).encode("utf-8")).hexdigest()[:16]
            found.append(Paragraph(len(found), match.start(), match.end(), digest))
    return found


def paragraph_share(paras: list[Paragraph], text: str, other_hashes: set[str]) -> float:
    """Share of the words of ``paras`` (of ``text``) in paragraphs whose hash is in ``other_hashes``."""
    sizes = [len(words(text[p.start:p.end])) for p in paras]
    total = sum(sizes)
    shared = sum(size for p, size in zip(paras, sizes, strict=True) if p.hash in other_hashes)
    return shared / total if total else 0.0
