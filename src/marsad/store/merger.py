"""Adding one report inside the open transaction: its mentions linked to events, events rebuilt."""

from __future__ import annotations

import json
import logging
import math
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from marsad.dedup.config import DedupConfig
from marsad.dedup.ids import event_id_cnty, event_uid, iso3_of
from marsad.dedup.merge import apply_corrections, merge_mentions
from marsad.dedup.reprint import Paragraph, Reprint, paragraphs
from marsad.dedup.dates import weekday_in
from marsad.dedup.score import MatchScore, Mention, compatible_types, score_pair
from marsad.dedup.sources import summarize_sources
from marsad.dedup.wording import incident_words
from marsad.document import Document, Event
from marsad.store import rows
from marsad.store.mention_cache import MentionCache
from marsad.text.normalize import normalize_key

log = logging.getLogger(__name__)

# A mention's role in its report (``Mention.role``).
MAIN, OTHER, BACKGROUND = "main", "other", "background"
# Fields whose change is written to the event's history ("fatalities 5 -> 9 from article X").
TRACKED = ("fatalities", "fatalities_best", "fatalities_high", "injured", "event_date", "event_type",
           "sub_event_type", "actor1", "actor2", "location", "admin1")


@dataclass(slots=True)
class AddResult:
    """What ``Store.add_document`` did with one report."""

    article_id: str
    status: str  # "added" | "unchanged" | "updated" | "duplicate"
    event_ids: list[str] = field(default_factory=list)
    merged_into: list[tuple[str, str, float, str]] = field(default_factory=list)  # (mention, event, score, reason)
    duplicate_of: str | None = None
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """Where a mention goes: an existing event (with score and reason) or a new one."""

    event_id: str
    score: float | None = None
    reason: str | None = None

    @property
    def created(self) -> bool:
        return self.score is None


# A mention vague in place or date (``_vague``), from its stored JSON: no point or a region, or no
# precise day (no date, a partial one, or a week or month).
_VAGUE_SQL = ("(json_extract(data_json, '$.latitude') IS NULL"
              " OR coalesce(CAST(json_extract(data_json, '$.geo_precision') AS REAL), 3) >= 3"
              " OR json_extract(data_json, '$.event_date') IS NULL OR json_extract(data_json, '$.event_date') LIKE '-%'"
              " OR coalesce(CAST(json_extract(data_json, '$.time_precision') AS REAL), 1) != 1)")
# Squared distance in degrees of latitude (longitude squeezed by cos^2 of the latitude) within the
# squared reach for the stored event's precision (region: geo_precision 3 or where_prec >= 3).
_IN_REACH_SQL = ("(latitude IS NULL OR longitude IS NULL OR (latitude - ?) * (latitude - ?)"
                 " + (longitude - ?) * (longitude - ?) * ? <= CASE"
                 " WHEN coalesce(geo_precision, 3) >= 3 OR coalesce(CAST(json_extract(data_json, '$.where_prec') AS REAL), 0) >= 3"
                 " THEN ? WHEN geo_precision = 2 THEN ? ELSE ? END)")
# Labels of forced links (``_Forced.label``): such mentions are never released as ambiguous.
_FORCED_LABELS = ("re-extraction of the same report", "reprint of ", "evidence only in paragraphs shared with ")


@dataclass(frozen=True, slots=True)
class _Forced:
    """A candidate event the report's own history points to (re-extraction, reprint, shared paragraph)."""

    event_id: str
    label: str
    related: tuple[Mention, ...]


class Merger:
    """Links a report's event mentions to merged events; one instance per transaction."""

    def __init__(self, conn: sqlite3.Connection, config: DedupConfig, *,
                 outlets: Mapping[str, str] | None = None, previous_cnty: dict[str, str] | None = None,
                 previous_ids: dict[str, str] | None = None, cache: MentionCache | None = None) -> None:
        self.conn = conn
        self.cache = cache  # decoded mentions kept between transactions (the store's)
        self.config = config
        self.outlets = outlets or {}  # folded outlet alias -> canonical source name
        self._new_ids: set[str] = set()
        self._previous_cnty = previous_cnty or {}  # event_id_cnty to keep when a re-merge recreates an event
        self._previous_ids = previous_ids or {}  # mention id -> its event's id before a re-merge

    def add(self, doc: Document, *, minhash: bytes, reprint: Reprint | None, updating: bool) -> AddResult:
        """Store ``doc`` and link its events; the caller holds the transaction."""
        if updating and self.cache is not None:
            self.cache.forget_article(doc.id)
        old = rows.detach_article(self.conn, doc.id) if updating else {}
        rows.upsert_article(self.conn, doc, duplicate_of=reprint.article_id if reprint else None,
                            similarity=reprint.similarity if reprint else None, minhash=minhash)
        paras = paragraphs(doc.text, self.config)
        rows.insert_paragraphs(self.conn, doc.id, paras)
        rows.insert_tallies(self.conn, doc.id, doc.tallies)
        status = "updated" if updating else ("duplicate" if reprint else "added")
        result = AddResult(doc.id, status, duplicate_of=reprint.article_id if reprint else None,
                           similarity=reprint.similarity if reprint else None)
        return self.link_document(doc, result, old=old, reprint=reprint, paras=paras)

    def link_document(self, doc: Document, result: AddResult, *, old: dict[str, tuple[str, str]],
                      reprint: Reprint | None, paras: list[Paragraph]) -> AddResult:
        """Link every event of a stored report to a merged event, then rebuild the events touched."""
        touched = dict.fromkeys(event_id for event_id, _ in old.values())
        for mention in report_mentions(doc):
            link, found = self._link(mention, old, reprint, paras)
            self._record(mention, link, result)
            touched[link.event_id] = None
            touched.update(dict.fromkeys(self._release_ambiguous(mention, link, found)))
        for event_id in touched:
            self.rebuild(event_id, article_id=doc.id)
        return result

    def _record(self, mention: Mention, link: Link, result: AddResult) -> None:
        """Write the mention row and its history line; note it in the result."""
        rows.insert_mention(self.conn, mention, link.event_id, link.score, link.reason)
        detail = {"mention": mention.id, "article": mention.article_id}
        if link.created:
            rows.add_history(self.conn, link.event_id, "created", detail)
        else:
            rows.add_history(self.conn, link.event_id, "merged",
                             {**detail, "score": link.score, "reason": link.reason})
            result.merged_into.append((mention.id, link.event_id, link.score or 0.0, link.reason or ""))
        if link.event_id not in result.event_ids:
            result.event_ids.append(link.event_id)

    # --- linking -----------------------------------------------------------------

    def _link(self, mention: Mention, old: dict[str, tuple[str, str]], reprint: Reprint | None,
              paras: list[Paragraph]) -> tuple[Link, list[str]]:
        """The event ``mention`` joins (a forced one, the best-scoring candidate, or a new one) and
        the events the candidate search found."""
        blocked = rows.cannot_link_with(self.conn, mention.id)
        forced = self._forced(mention, old, reprint, paras)
        link = self._best_forced(mention, forced, blocked)
        if link is not None:
            return link, []
        if mention.role == BACKGROUND:  # a recap told for context never joins another report's event
            return Link(self.new_event_id(mention.id)), []
        found = rows.candidate_events(
            self.conn, mention.event, mention.window, slack_days=self.config.max_day_gap,
            radius_km=self.config.search_radii(), types=compatible_types(mention.event.event_type))
        candidates = rows.mentions_of_events(self.conn, self._in_range(mention.event, found), self.cache)
        link = self._best_candidate(mention, blocked, candidates)
        return link or Link(self.new_event_id(mention.id)), found

    def _in_range(self, event: Event, event_ids: list[str]) -> list[str]:
        """The events whose place does not veto ``event``: the search box is as wide as the coarsest
        precision needs, and the merged event's place is one of its mentions' (which would veto).
        Distances are flat-earth in SQL with 5% to spare; ``score_pair`` applies the exact veto."""
        if event.latitude is None or event.longitude is None or not event_ids:
            return event_ids
        own = self.config.radius_for(event.geo_precision, event.where_prec)
        reach = [(max(own, r) * self.config.veto_radii * 1.05 / 111.2) ** 2 for r in self.config.radius_km]
        squeeze = math.cos(math.radians(event.latitude)) ** 2
        point = [event.latitude, event.latitude, event.longitude, event.longitude, squeeze]
        kept: list[str] = []
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start:start + 500]
            kept += [r[0] for r in self.conn.execute(
                f"SELECT id FROM events WHERE id IN ({','.join('?' * len(chunk))}) AND {_IN_REACH_SQL}",
                [*chunk, *point, reach[2], reach[1], reach[0]])]
        return kept

    def _forced(self, mention: Mention, old: dict[str, tuple[str, str]], reprint: Reprint | None,
                paras: list[Paragraph]) -> list[_Forced]:
        """Events this report is already tied to: its own earlier extraction, its original, shared text."""
        forced: list[_Forced] = []
        if mention.id in old:
            event_id, data = old[mention.id]
            previous = Mention(mention.id, mention.article_id, Event.from_dict(json.loads(data)),
                               mention.outlet, mention.published)
            forced.append(_Forced(event_id, "re-extraction of the same report", (previous,)))
        if reprint is not None:
            forced += self._reprint_events(reprint)
        forced += self._paragraph_events(mention, paras)
        return forced

    def _reprint_events(self, reprint: Reprint) -> list[_Forced]:
        """The original report's events, each with the original's mentions in it."""
        label = f"reprint of {reprint.article_id} (Jaccard {reprint.similarity:.2f})"
        grouped = self._mentions_by_event(reprint.article_id)
        return [_Forced(e, label, tuple(ms)) for e, ms in grouped.items() if ms]

    def _events_of(self, article_id: str) -> list[str]:
        found = self.conn.execute("SELECT DISTINCT event_id FROM mentions WHERE article_id = ?", (article_id,))
        return [r[0] for r in found]

    def _mentions_by_event(self, article_id: str) -> dict[str, list[Mention]]:
        """One report's mentions grouped by the event each is in (events in ``_events_of`` order),
        without reading the other members of those events."""
        grouped: dict[str, list[Mention]] = {e: [] for e in self._events_of(article_id)}
        for event_id, mention in rows.article_mentions(self.conn, article_id, self.cache):
            grouped[event_id].append(mention)
        return grouped

    def _paragraph_events(self, mention: Mention, paras: list[Paragraph]) -> list[_Forced]:
        """Events another report coded from paragraphs this mention's evidence lies in, word for word."""
        spans = [s for spans in mention.event.evidence.values() for s in spans]
        inside = {p.hash for p in paras for s in spans if p.start <= s.start and s.end <= p.end}
        if not spans or not inside or not all(any(p.start <= s.start and s.end <= p.end for p in paras
                                                  if p.hash in inside) for s in spans):
            return []
        shared = rows.shared_paragraphs(self.conn, sorted(inside), mention.article_id)
        if {r["hash"] for r in shared} != inside:
            return []
        return self._events_in_paragraphs(shared)

    def _events_in_paragraphs(self, shared: list[sqlite3.Row]) -> list[_Forced]:
        """Events of other reports whose evidence lies in the given stored paragraphs."""
        forced: list[_Forced] = []
        for article_id in dict.fromkeys(r["article_id"] for r in shared):
            bounds = [(r["start"], r["end"]) for r in shared if r["article_id"] == article_id]
            for event_id, items in self._mentions_by_event(article_id).items():
                hits = tuple(m for m in items if _evidence_in(m.event, bounds))
                if hits:
                    forced.append(_Forced(event_id, f"evidence only in paragraphs shared with {article_id}", hits))
        return forced

    def _best_forced(self, mention: Mention, forced: list[_Forced], blocked: set[str]) -> Link | None:
        """The best forced event that no veto (against its related or any other member), cannot-link
        or same-report mention rules out; the threshold does not apply."""
        best: tuple[MatchScore, _Forced] | None = None
        open_events: dict[str, bool] = {}  # several reports can force the same event: check it once
        for item in forced:
            if item.event_id not in open_events:
                members = rows.event_mentions(self.conn, item.event_id, self.cache)
                open_events[item.event_id] = (self._joinable(mention, members, blocked)
                                              and not self._contradicts(mention, members))
            if not open_events[item.event_id]:
                continue
            score = max(self._scores(mention, list(item.related), same_report_ok=True),
                        key=lambda s: (s.veto is None, s.score))
            if score.veto is None and (best is None or score.score > best[0].score):
                best = (score, item)
        if best is None:
            return None
        return Link(best[1].event_id, best[0].score, f"{best[1].label}; {best[0].reason}")

    def _best_candidate(self, mention: Mention, blocked: set[str],
                        candidates: dict[str, list[Mention]]) -> Link | None:
        """The best-scoring candidate event at or above the threshold, unless another is nearly as good.

        A mention joins an event only if it contradicts none of the event's mentions (no veto,
        no member scoring it below ``member_floor``); its score is the best against any member.
        When two events both pass the threshold within ``ambiguity_margin`` of each other and the
        mention's place or date is vague, it fits two incidents equally and starts its own event.
        """
        scored: list[tuple[MatchScore, str]] = []
        for event_id, members in candidates.items():
            if not self._joinable(mention, members, blocked):
                continue
            results = self._scores(mention, [m for m in members if m.role != BACKGROUND])
            if not results:
                continue
            best = max(results, key=lambda s: (s.mergeable, s.score))
            if best.mergeable and best.score >= self.config.threshold and self._fits_all(results):
                scored.append((best, event_id))
        scored.sort(key=lambda item: (-item[0].score, item[1]))
        if not scored:
            return None
        close = len(scored) > 1 and scored[0][0].score - scored[1][0].score < self.config.ambiguity_margin
        if close and _vague(mention):
            log.info("%s: ambiguous between %s and %s", mention.id, scored[0][1], scored[1][1])
            return None
        return Link(scored[0][1], scored[0][0].score, scored[0][0].reason)

    def _release_ambiguous(self, mention: Mention, link: Link, found: list[str]) -> list[str]:
        """The ambiguity rule for mentions that came first: a vague mention that joined another
        of the ``found`` events and fits this precise ``mention`` as well leaves that event for
        one of its own. Returns the events changed (the one left and the new one)."""
        if _vague(mention):
            return []
        changed: list[str] = []
        for event_id, members in rows.mentions_of_events(self.conn, self._with_vague_links(found), self.cache).items():
            if event_id == link.event_id or len(members) < 2:
                continue
            for member in members:
                if member.article_id != mention.article_id and _vague(member):
                    new_id = self._release(member, event_id, mention, link.event_id)
                    changed += [event_id, new_id] if new_id else []
        return changed

    def _with_vague_links(self, event_ids: list[str]) -> list[str]:
        """The events among ``event_ids`` that a mention vague in place or date joined by score."""
        found: list[str] = []
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start:start + 500]
            found += [r[0] for r in self.conn.execute(
                f"SELECT DISTINCT event_id FROM mentions WHERE event_id IN ({','.join('?' * len(chunk))})"
                f" AND merge_score IS NOT NULL AND {_VAGUE_SQL}", chunk)]
        return found

    def _release(self, member: Mention, event_id: str, mention: Mention, other_id: str) -> str | None:
        """Move ``member`` to an event of its own when it fits ``mention`` (of event ``other_id``)
        about as well as it fit ``event_id``; only mentions linked by score, never forced ones."""
        score = score_pair(member, mention, self.config)
        if not score.mergeable or score.score < self.config.threshold or member.role == BACKGROUND:
            return None
        row = self.conn.execute("SELECT merge_score, merge_reason FROM mentions WHERE id = ? AND event_id = ?",
                                (member.id, event_id)).fetchone()
        if row is None or row[0] is None or str(row[1]).startswith(_FORCED_LABELS):
            return None
        if score.score < row[0] - self.config.ambiguity_margin:
            return None
        new_id = self.new_event_id(member.id)
        why = (f"ambiguous: fits {event_id} (p={row[0]:.2f}) and {other_id} through {mention.id}"
               f" (p={score.score:.2f}) alike, so joins neither")
        rows.move_mentions(self.conn, [member.id], new_id, why)
        rows.add_history(self.conn, event_id, "released", {"mention": member.id, "reason": why})
        rows.add_history(self.conn, new_id, "created", {"mention": member.id, "article": member.article_id,
                                                        "reason": why})
        log.info("%s: %s", member.id, why)
        return new_id

    def _fits_all(self, results: list[MatchScore]) -> bool:
        """No member vetoes the mention, finds two incidents more likely than ``member_floor`` allows
        or disagrees with it, undated, more than it agrees (no chain through a third report)."""
        return all(r.veto is None and r.corroborated and r.score >= self.config.member_floor for r in results)

    def _contradicts(self, mention: Mention, members: list[Mention]) -> bool:
        """Some member of the event vetoes ``mention`` (another place, type family or week)."""
        return any(score.veto for score in self._scores(mention, members))

    def _scores(self, mention: Mention, members: list[Mention], *, same_report_ok: bool = False) -> list[MatchScore]:
        """``score_pair(mention, member)`` for each member, scored once per kind of member: members
        the pair score cannot tell apart (``MentionCache.scoring_key``) share one score, so a big
        event costs a look-up per member, not a scoring."""
        scores: dict[Any, MatchScore] = {}
        out = []
        for member in members:
            key = self.cache.scoring_key(member) if self.cache is not None else None
            if key is None:
                out.append(score_pair(mention, member, self.config, same_report_ok=same_report_ok))
                continue
            key = (key, member.article_id == mention.article_id)
            if key not in scores:
                scores[key] = score_pair(mention, member, self.config, same_report_ok=same_report_ok)
            out.append(scores[key])
        return out

    @staticmethod
    def _joinable(mention: Mention, members: list[Mention], blocked: set[str]) -> bool:
        """No member is from the same report or cannot-linked with ``mention``."""
        return not any(m.article_id == mention.article_id or m.id in blocked for m in members)

    def new_event_id(self, mention_id: str) -> str:
        """A fresh stable event id for the event ``mention_id`` creates: in a re-merge, the id of the
        event the mention was in before, unless another event took it again first."""
        before = self._previous_ids.get(mention_id)
        if before and before not in self._new_ids and not rows.event_exists(self.conn, before):
            self._new_ids.add(before)
            return before
        candidate, n = event_uid(mention_id), 1
        while candidate in self._new_ids or rows.event_exists(self.conn, candidate):
            n += 1
            candidate = event_uid(f"{mention_id}/{n}")
        self._new_ids.add(candidate)
        return candidate

    # --- rebuilding --------------------------------------------------------------

    def rebuild(self, event_id: str, *, article_id: str | None = None, who: str | None = None) -> Event | None:
        """Re-merge an event from its mentions and corrections; delete it when no mention is left."""
        mentions = rows.event_mentions(self.conn, event_id, self.cache)
        row = rows.event_row(self.conn, event_id)
        if not mentions:
            if row is not None:
                rows.delete_event(self.conn, event_id)
                rows.add_history(self.conn, event_id, "removed", {"article": article_id}, who)
            return None
        merged = self._merged(event_id, mentions, row)
        old = json.loads(row["data_json"]) if row is not None else None
        self._save(merged, mentions)
        if old is not None:
            self._note_changes(old, merged, article_id, who)
        return merged

    def _merged(self, event_id: str, mentions: list[Mention], row: sqlite3.Row | None) -> Event:
        cnty = row["event_id_cnty"] if row is not None else self._previous_cnty.get(event_id)
        if cnty is None:
            iso3 = iso3_of(mentions[0].event)
            cnty = event_id_cnty(iso3, rows.next_sequence(self.conn, iso3))
        merged = merge_mentions(mentions, event_id=event_id, cnty_id=cnty, fatality_rule=self.config.fatality_rule,
                                outlets=self.outlets)
        return apply_corrections(merged, rows.corrections_of(self.conn, event_id))

    def _save(self, merged: Event, mentions: list[Mention]) -> None:
        """Write the merged event row with its window, source count and search text."""
        data = merged.to_dict()
        summary = summarize_sources(mentions)
        data["source_summary"] = summary.to_dict()  # each source once with its figure (API, CLI, exports)
        data["evidence_by_article"] = _evidence_by_article(mentions)
        data["mention_ids"] = [m.id for m in mentions]
        windows = [w for w in (m.window for m in mentions) if w is not None]
        window = (min(w.lo for w in windows).isoformat(), max(w.hi for w in windows).isoformat()) if windows else None
        rows.save_event(self.conn, merged, data, window=window,
                        number_of_sources=summary.count,
                        first_reported=rows.first_reported(self.conn, merged.id or ""),
                        fts_body=self._fts_body(merged))

    def _fts_body(self, merged: Event) -> str:
        """The event's search text, folded (``normalize_key``): a query matches a word as folded."""
        parts = [merged.event_type, merged.sub_event_type, merged.actor1, merged.actor2, merged.assoc_actor_1,
                 merged.assoc_actor_2, merged.location, merged.admin1, merged.admin2, merged.notes, merged.source]
        for title, text in rows.article_texts(self.conn, merged.article_ids):
            parts += [title, text]
        return normalize_key("\n".join(p for p in parts if p))

    def _note_changes(self, old: dict[str, Any], merged: Event, article_id: str | None, who: str | None) -> None:
        """Append an "updated" history line for tracked fields that changed."""
        changes = {f: [old.get(f), getattr(merged, f)] for f in TRACKED if old.get(f) != getattr(merged, f)}
        if not changes:
            return
        source = f" from article {article_id}" if article_id else ""
        text = "; ".join(f"{f} {a} -> {b}{source}" for f, (a, b) in changes.items())
        rows.add_history(self.conn, merged.id or "", "updated", {"changes": changes, "text": text,
                                                                 "article": article_id}, who)


def report_roles(events: list[Event]) -> list[str]:
    """Each event's role in its report: the extractor's "main"/"background" when it says so, else
    the first required non-background event is the report's main incident and the rest "other"."""
    roles = [BACKGROUND if e.role == BACKGROUND else OTHER for e in events]
    said = next((i for i, e in enumerate(events) if e.role == MAIN), None)
    first = said if said is not None else next(
        (i for i, e in enumerate(events) if e.required and e.role != BACKGROUND), None)
    if first is not None:
        roles[first] = MAIN
    return roles


def report_mentions(doc: Document) -> list[Mention]:
    """The report's mentions in linking order: its main incident first, background recaps last."""
    roles = report_roles(doc.events)
    mentions = []
    for index, (event, role) in enumerate(zip(doc.events, roles, strict=True)):
        words = incident_words(doc, event, main=role == MAIN)
        mentions.append(Mention(f"{doc.id}#{index}", doc.id, event, doc.outlet, doc.published, role,
                                _weekday(doc, event), words))
    rank = {MAIN: 0, OTHER: 1, BACKGROUND: 2}
    return sorted(mentions, key=lambda m: (rank[m.role or OTHER], int(m.id.rsplit("#", 1)[1])))


def _weekday(doc: Document, event: Event) -> int | None:
    """The weekday an undated event's date phrase names ("فجر الجمعة" in a report with no date)."""
    if event.event_date:
        return None
    spans = event.evidence.get("event_date") or []
    days = {weekday_in(doc.text[s.start:s.end]) for s in spans} - {None}
    return days.pop() if len(days) == 1 else None


def _vague(mention: Mention) -> bool:
    """The mention has no point or only a region, or no exact date."""
    event, window = mention.event, mention.window
    vague_place = event.latitude is None or (event.geo_precision or 3) >= 3
    return vague_place or window is None or window.kind != "exact"


def _evidence_in(event: Event, bounds: list[tuple[int, int]]) -> bool:
    """Some evidence span of ``event`` lies inside one of the paragraph ``bounds``."""
    return any(lo <= s.start and s.end <= hi for spans in event.evidence.values() for s in spans
               for lo, hi in bounds)


def _evidence_by_article(mentions: list[Mention]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Every report's evidence spans, keyed by article then field."""
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for mention in mentions:
        per = out.setdefault(mention.article_id, {})
        for name, spans in mention.event.evidence.items():
            per.setdefault(name, []).extend(s.to_dict() for s in spans)
    return out
