"""One incident across reports: near-duplicate reports and event coreference.

How a new report's events find their incident (``Store.add_document`` runs this):

1. Reprints. A MinHash signature (128 permutations, word 5-shingles of the folded
   text) is kept per article; an LSH index rebuilt from them on first use finds
   stored reports with estimated Jaccard >= 0.8 (or >= 0.6 when half the report's
   paragraph words sit in paragraphs copied word for word). A reprint gets
   ``articles.duplicate_of`` and its events join the original's events.
2. Shared paragraphs. Each paragraph's folded words are hashed; an event whose
   evidence lies only in paragraphs another stored report shares word for word
   joins the event that report coded from them (it is not coded twice).
3. Coreference. Candidates come from indexed columns only: date windows within
   ``max_day_gap`` days (a day, a week or a month wide by ACLED time_precision;
   the days before publication for an undated mention), a compatible event type,
   and a point within ``veto_radii`` times the precision radius (10/30/80 km for
   geo_precision 1/2/3) or, without a point, the same governorate or place name.
   Each candidate's mentions are scored (``score_pair``): every factor (type,
   date, place, actors, toll) adds a weight of evidence in nats to a prior
   log-odds, the score is the posterior probability, and ``merge_reason`` lists
   each factor with its weight (the weights and why are in ``DedupConfig``). A
   missing field weighs nothing, an unidentified attacker is compatible with a
   named one, tolls weigh little (outlets disagree, tolls rise) except to
   corroborate dates a day apart (a later day's toll that fell: two incidents).
   An event is joined when the best member score reaches ``threshold``, no member
   vetoes the mention and none scores it below ``member_floor`` (no chaining).
   A mention vague in place or date that fits two events equally well joins
   neither, and one that joined an event leaves it for one of its own when a
   later, precise mention of another event fits it as well.
4. The merged event is rebuilt from all its mentions (``merge_mentions``: the
   rules are in ``marsad.dedup.merge``), then reviewers' corrections are applied.

Every merge is explained (``mentions.merge_reason``, ``merge_score``, history)
and undoable (``Store.split_event`` records cannot-link pairs that every later
run respects).
"""

from marsad.dedup.config import DedupConfig
from marsad.dedup.dates import DateWindow, date_window
from marsad.dedup.merge import apply_corrections, fatality_figures, merge_mentions
from marsad.dedup.reprint import Paragraph, ReprintIndex, paragraphs, signature
from marsad.dedup.score import MatchScore, Mention, score_pair

__all__ = [
    "DateWindow", "DedupConfig", "MatchScore", "Mention", "Paragraph", "ReprintIndex",
    "apply_corrections", "date_window", "fatality_figures", "merge_mentions", "paragraphs",
    "score_pair", "signature",
]
