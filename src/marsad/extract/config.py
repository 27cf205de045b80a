"""Windows and thresholds of extraction, as one frozen value (like ``DedupConfig`` for merging).

Every reach, window and cut-off the extraction stages use lives here, named and explained, so
that one place says how far each rule looks. Reaches are in tokens unless they say characters
("_chars") or days. Word lists are not here: they are knowledge and live in ``data/{ar,en}/cues.yaml``
and ``data/kinds.yaml``. ``Knowledge.load()`` carries one ``ExtractConfig``; pass another to
``Knowledge.load(config=...)`` to experiment.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from marsad.errors import DataFileError


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    """How far each extraction rule looks, and the cut-offs it applies."""

    # --- language and layout ---
    arabic_share: float = 0.3  # share of Arabic letters above which a report is read as Arabic
    title_max_words: int = 30  # a line this short with no final stop is a title
    intro_min_words: int = 6  # a line ending in ":" with this many words introduces a list
    token_cache_max: int = 200_000  # distinct words folded once per pipeline

    # --- clause status (background.py) ---
    old_date_days: int = 45  # a clause dated this long before publication tells history
    period_days: int = 7  # a "since" date this far back opens a period
    aggregate_governorates: int = 3  # a clause over this many governorates sums incidents up
    place_opener_chars: int = 12  # "وفي <place>،" opens a new incident when the place starts this close
    new_cue_chars: int = 40  # a new-incident cue must open its clause within this many characters
    cut_comma_chars: int = 60  # cut a clause at a comma this close before a cue

    # --- tallies (tallies.py) ---
    period_reach: int = 8  # a "since" word this far before a date opens a period
    past_reach: int = 6  # "خلال الـ24 ساعة الماضية": the time unit within this many words after "during"

    # --- casualty figures (tolls.py) ---
    toll_look_before: int = 6  # a casualty word this far before a figure
    toll_look_after_ar: int = 2  # ... or this far after it (Arabic)
    toll_look_after_en: int = 9  # ... (English)
    toll_look_after_en_relaxed: int = 12  # ... (English, in tally sentences)
    chain_gap: int = 16  # a figure joined to the one before it by "و"/"مقابل" within this gap shares its kind
    victim_reach_vac: int = 10  # the victim of an assassination word within this many words
    victim_reach_en: int = 6  # English victim before a passive killing verb
    kin_reach: int = 8  # relatives joined to a victim
    side_lookahead: int = 8  # the side of a figure is named within this many words after it
    total_reach: int = 6  # "rise ... toll ... to N"
    rise_reach: int = 40  # "ارتفع عدد قتلى <what, when, where> إلى N": the rise this far back in the sentence
    agree_reach: int = 12  # a plural casualty verb agreeing with a counted subject
    joined_reach: int = 5
    pronoun_reach: int = 20  # the people a pronoun on a killing word stands for
    year_min: int = 1950  # four-digit numbers in this range read as years, not tolls
    year_max: int = 2100

    # --- actor roles (actors.py) ---
    agent_window: int = 6  # words before an actor searched for agent phrases
    verb_window: int = 3  # an attack verb this close before an actor makes it the subject
    target_window: int = 5  # a target word this close before an actor makes it the target
    victim_window: int = 8  # a casualty word this far before a "من X" makes X the victims
    object_window: int = 14  # the object of "VERB subject ... object"
    between_chars: int = 90  # "بين X و Y": Y within this many characters
    patron_gap: int = 3  # words between a client and its patron phrase
    trigger_chars: int = 60  # longest trigger phrase, in characters
    owned_reach: int = 5  # "NOUN لـ X" with an attack verb this close before the noun
    en_object_reach: int = 6
    charge_reach: int = 5  # "بتهمة" this close before an actor: it is the charge
    announce_reach: int = 10  # "أعلنت X ... تنفيذ ضربة"

    # --- mentions and grouping (assemble.py) ---
    incident_count_max: int = 20  # "ثلاثة تفجيرات": a count of incidents this high at most
    addition_reach: int = 4  # "إضافة إلى أشلاء لتسع جثث": the addition word this many words before the figure
    sentence_ends: str = ".!?؟…»\"')”"  # a report ending on none of these is cut off mid-sentence
    name_chars: int = 80  # a quoted stretch this long at most may list victims' names
    reaction_reach: int = 24  # "أدان قائد القوة ... الهجوم": the object of a condemnation, within its clause
    irrealis_reach: int = 4  # a call, plan or threat this close before an incident word: it did not happen
    protest_object_reach: int = 4  # "منددة بـ", "against the continued bombardment": what a protest denounces
    another_chars: int = 25  # "وأخرى في <place>" with the place this close
    old_protest_days: int = 7  # a protest this long before publication is the movement's history
    report_reach: int = 9  # a reporting word this close before a date makes it the report's date
    dateline_date_chars: int = 40
    detail_chars: int = 25  # a detail cue opening its clause within this many characters
    attach_paras: int = 1  # a trigger-less toll clause joins an incident this many paragraphs back
    claim_score: float = 3.0  # initiator score from which a trigger-less clause claims the incident
    lone_max_sentences: int = 5  # a report this short that codes nothing is about what it set aside (lone.py)

    # --- coding (code.py) and places (places.py) ---
    taken_place_chars: int = 30  # "سيطرتها على <place>": the place taken within this many characters
    same_place_km: float = 15.0  # two town-level places farther apart are two sites
    dateline_start_chars: int = 3
    towards_chars: int = 40
    dateline_chars: int = 30
    dateline_head_chars: int = 45
    filing_line_chars: int = 40
    from_chars: int = 80

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "ExtractConfig":
        """Build a config from a mapping of overrides; unknown names are an error naming them."""
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise DataFileError(f"extract config: unknown setting(s) {unknown}")
        return replace(cls(), **data)
