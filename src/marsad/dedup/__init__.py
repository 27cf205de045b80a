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
3. Coreference, report by report: the report's main incident first (``Event.role``
   "main", else its first required event), then its other mentions; a background
   recap never joins another report's event. Candidates come from indexed columns:
   a compatible event type, the place's reach, and dated events within
   ``max_day_gap`` days of the mention's window as well as every undated event
   there (a mention with neither a date nor a publication day sees every event of
   its place). Each pair is put on one level per factor (``pair_levels``: type,
   date, place, actors, toll, next-day trend, wording, roles) or vetoed; its
   log-odds is the intercept plus the fitted weight of each level
   (``data/dedup/weights.yaml``, ``DedupConfig.weights``) and ``merge_reason``
   lists them. A missing date weighs against a merge; month-days and weekdays are
   compared when the year is unknown; a pair whose dates do not agree needs
   incident-specific corroboration; governorate and region places never speak for
   a merge. An event is joined when its best member's pair reaches ``threshold``
   and is corroborated, no member vetoes the mention and none scores it below
   ``member_floor`` (no chaining). A mention vague in place or date that fits two
   events equally well joins neither, and one that joined an event leaves it for
   one of its own when a later, precise mention of another event fits it as well.
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
from marsad.dedup.score import Level, MatchScore, Mention, pair_levels, score_pair
from marsad.dedup.weights import Weights, default_weights

__all__ = [
    "DateWindow", "DedupConfig", "Level", "MatchScore", "Mention", "Paragraph", "ReprintIndex", "Weights",
    "apply_corrections", "date_window", "default_weights", "fatality_figures", "merge_mentions", "pair_levels",
    "paragraphs", "score_pair", "signature",
]
