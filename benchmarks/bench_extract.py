"""Time the extraction pipeline (geocoding included): python benchmarks/bench_extract.py [--reports N].

Generates N reports (default 2,000) from our own sentence templates filled with actor aliases
(actors.yaml) and town names (the shipped gazetteer), runs ``Pipeline.default()`` over them on
one core, and prints reports per second (CPU time) and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import date, timedelta

from marsad.document import Document
from marsad.extract.knowledge import load_actors
from marsad.geo import Gazetteer
from marsad.pipeline import Pipeline

LEADS = (
    "هاجم عناصر من {a1} حاجزا لـ{a2} قرب مدينة {t1} {day}، ما أدى إلى مقتل {n} عناصر وإصابة آخرين.",
    "قُتل {n} عناصر من {a2} في كمين نصبه مقاتلون من {a1} على الطريق بين مدينة {t1} وبلدة {t2} {day}.",
    "اندلعت اشتباكات عنيفة بين {a1} و{a2} في محيط مدينة {t1} {day} أسفرت عن مقتل {n} عناصر.",
)
DETAILS = (
    "وفي التفاصيل، قال المرصد السوري لحقوق الإنسان إن المهاجمين استخدموا الأسلحة الرشاشة قبل أن ينسحبوا.",
    "وذكرت مصادر محلية أن الهجوم استمر قرابة ساعتين، وسط استنفار أمني في المنطقة.",
)
EXTRAS = (
    "وفي سياق متصل، شن الطيران الحربي الروسي غارات على مواقع قرب بلدة {t2}.",
    "كما قُتل مدني بانفجار عبوة ناسفة زرعها مجهولون قرب بلدة {t2}.",
    "وبذلك يرتفع إلى {m} عدد قتلى {a2} منذ مطلع العام، بينهم {k} من الميليشيات الموالية لإيران.",
    "وكانت قوات النظام قد استعادت السيطرة على المنطقة في عام 2017 بعد معارك مع التنظيم.",
)
DAYS = ("أمس", "فجر اليوم", "مساء أمس", "")


def names() -> tuple[list[str], list[str]]:
    """Armed actors' Arabic aliases and Arabic town names to fill the templates with."""
    _actors, entries = load_actors()
    aliases = sorted({a for a, m in entries["ar"] if m.role == "name" and m.actor and m.actor.inter in (1, 2, 3, 8)})
    towns = sorted({p.name_ar for p in Gazetteer.default() if p.feature in ("town", "city") and p.name_ar
                    and len(p.name_ar.split()) == 1})
    return aliases, towns


def make_reports(count: int, seed: int = 1) -> list[Document]:
    """Compose ``count`` reports of 3-6 paragraphs from the templates."""
    rng = random.Random(seed)
    aliases, towns = names()
    docs = []
    for i in range(count):
        fill = {"a1": rng.choice(aliases), "a2": rng.choice(aliases), "t1": rng.choice(towns),
                "t2": rng.choice(towns), "day": rng.choice(DAYS), "n": rng.randint(2, 30),
                "m": rng.randint(100, 900), "k": rng.randint(5, 90)}
        parts = [rng.choice(LEADS), rng.choice(DETAILS)] + rng.sample(EXTRAS, rng.randint(1, 3))
        text = "\n\n".join(p.format(**fill) for p in parts)
        docs.append(Document(id=f"bench-{i}", text=text, published=date(2023, 1, 1) + timedelta(days=i % 365)))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=2000)
    args = parser.parse_args()
    pipeline = Pipeline.default()
    docs = make_reports(args.reports)
    pipeline(Document(id="warm-up", text=docs[0].text, published=docs[0].published))
    start = time.process_time()
    events = sum(len(pipeline(doc).events) for doc in docs)
    seconds = time.process_time() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reports: {len(docs)}  events: {events}  cpu seconds: {seconds:.2f}")
    print(f"reports per second (one core): {len(docs) / seconds:.0f}")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
