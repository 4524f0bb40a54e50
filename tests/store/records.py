"""Hand-built coded articles for store, export and analysis tests.

`meeting(...)` builds a realistic CodedArticle: "<source leader> met <target leader> ...",
with the event, both actor mentions and one quote, offsets pointing into the text.
"""

from __future__ import annotations

from tacitus.model import Actor, Article, CodedArticle, Event, Quote

COUNTRIES = {
    "PAK": ("Pakistan", "Prime Minister Shehbaz Sharif"),
    "RUS": ("Russia", "President Vladimir Putin"),
    "IND": ("India", "Prime Minister Narendra Modi"),
    "CHN": ("China", "President Xi Jinping"),
}

# CAMEO code -> (name, root, Goldstein, QuadClass, PLOVER type (CAMEO2PLOVER-2021), verb)
CODES = {
    "040": ("Consult, not specified", "04", 1.0, 1, "CONSULT", "met"),
    "036": ("Express intent to meet or negotiate", "03", 4.0, 1, "AGREE", "offered to meet"),
    "057": ("Sign formal agreement", "05", 8.0, 1, "SUPPORT", "signed an agreement with"),
    "112": ("Accuse, not specified", "11", -2.0, 3, "ACCUSE", "accused"),
    "190": ("Use conventional military force, not specified", "19", -10.0, 4, "ASSAULT",
            "attacked"),
}

FILLER = (
    " Officials said the two delegations discussed energy supplies, rail links and trade in "
    "grain, and agreed that working groups would meet again before the end of the year. "
    "Analysts in both capitals described the talks as a sign of closer ties between the two "
    "governments after months of careful diplomacy."
)


def actor(text: str, start: int, country: str, sectors: tuple[str, ...] = ("GOV",)) -> Actor:
    return Actor(text=text, start=start, end=start + len(text), name=text,
                 code=country + "".join(sectors), country=country, sectors=list(sectors),
                 kb_id=f"kb:{country.lower()}")


def meeting(
    article_id: str,
    source: str = "PAK",
    target: str | None = "RUS",
    cameo: str = "040",
    date: str = "2025-09-01",
    outlet: str | None = "Example Times",
    url: str | None = None,
    negated: bool = False,
    modality: str = "asserted",
    text: str | None = None,
    tone: float | None = -1.5,
) -> CodedArticle:
    """One article reporting one event source -[cameo]-> target, with a quote."""
    name, root, goldstein, quad, plover, verb = CODES[cameo]
    src_leader = COUNTRIES[source][1]
    tgt_leader = COUNTRIES[target][1] if target else "reporters"
    lead = f"{src_leader} {verb} {tgt_leader} in Tianjin on Monday."
    quote = ' "We want very strong relations," the prime minister said.'
    body = text if text is not None else lead + quote + FILLER
    src = actor(src_leader, 0, source)
    tgt_start = len(src_leader) + 1 + len(verb) + 1
    tgt = actor(tgt_leader, tgt_start, target) if target else None
    trigger_start = len(src_leader) + 1
    event = Event(
        id=f"{article_id}-e0", article_id=article_id, sentence=0, date=date, source=src,
        target=tgt, cameo=cameo, cameo_root=root, cameo_name=name, goldstein=goldstein,
        quad_class=quad, plover=plover, plover_mode=None, plover_context="diplomatic",
        trigger={"text": verb, "start": trigger_start, "end": trigger_start + len(verb)},
        location={"name": "Tianjin", "country": "CHN", "lat": 39.13, "lon": 117.2},
        negated=negated, modality=modality, confidence=0.9, rule=f"lexicon:{cameo}:{verb}",
        tone=tone,
    )
    q_start = len(lead) + 2
    speaker = actor("the prime minister", len(lead) + quote.index("the prime"), source)
    quotes = [Quote(id=f"{article_id}-q0", article_id=article_id,
                    text="We want very strong relations,", start=q_start, end=q_start + 30,
                    direct=True, cue="said", speaker=speaker)]
    article = Article(id=article_id, text=body, title=f"{source} and {target} leaders talk",
                      url=url or f"https://news.example.com/{article_id}", source=outlet,
                      published=date)
    actors = [src] + ([tgt] if tgt else []) + [speaker]
    return CodedArticle(article=article, events=[event], quotes=quotes, actors=actors,
                        tone=tone)
