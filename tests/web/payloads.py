"""Hostile strings for the escaping tests, and a store whose every kind of string holds them.

Each payload, if it were served unescaped, would set `window.__xss` (or pop a dialog) in a
browser; tests check the served HTML and, in test_browser.py, a real chromium.
"""

from __future__ import annotations

from tacitus.model import Actor, Article, CodedArticle, Event, Quote

SCRIPT = "<script>window.__xss=1</script>"
ATTRIBUTE = '" onmouseover="window.__xss=2" x="'
JS_URL = "javascript:window.__xss=3"
TEXTAREA = "</textarea><img src=x onerror=window.__xss=4>"
PAYLOADS = (SCRIPT, ATTRIBUTE, JS_URL, TEXTAREA)
# What must never reach a page as markup (the live parts of the payloads).
LIVE = ("<script>window", 'onmouseover="window', "<img src=x", 'href="javascript:',
        "</textarea><img")
HOSTILE_ID = 'evil"><script>window.__xss=5</script>'


def hostile_article(article_id: str = HOSTILE_ID) -> CodedArticle:
    """An article whose title, URL, outlet, text, actor names, quote, speaker, cue and rule
    all carry the payloads; offsets point at real words of the text."""
    lead = f"{SCRIPT} Egypt met Jordan in Cairo. {ATTRIBUTE} {TEXTAREA}"
    quote = ' "We agree," the envoy said.'
    text = lead + quote + f" {JS_URL} and more words so the text can be signed: {article_id}."
    egypt = lead.index("Egypt")
    jordan = lead.index("Jordan")
    met = lead.index("met")
    source = Actor(text="Egypt", start=egypt, end=egypt + 5, name=SCRIPT, code="EGYGOV",
                   country="EGY", sectors=["GOV"], kb_id=ATTRIBUTE)
    target = Actor(text="Jordan", start=jordan, end=jordan + 6, name=TEXTAREA, code="JORGOV",
                   country="JOR", sectors=["GOV"])
    speaker_at = len(lead) + quote.index("the envoy")
    speaker = Actor(text="the envoy", start=speaker_at, end=speaker_at + 9,
                    name=f"{SCRIPT}{ATTRIBUTE}", code="EGYGOV", country="EGY",
                    sectors=["GOV"])
    quote_at = len(lead) + 2
    event = Event(
        id=f"{article_id}-e0", article_id=article_id, sentence=0, date="2025-05-02",
        source=source, target=target, cameo="040", cameo_root="04",
        cameo_name="Consult, not specified", goldstein=1.0, quad_class=1, plover="CONSULT",
        plover_mode=None, plover_context=None,
        trigger={"text": "met", "start": met, "end": met + 3}, negated=False,
        modality="asserted", confidence=0.8, rule=f"lexicon:{ATTRIBUTE}{SCRIPT}")
    article = Article(id=article_id, text=text, title=f"{SCRIPT} {ATTRIBUTE} {TEXTAREA}",
                      url=JS_URL, source=f"{TEXTAREA}{ATTRIBUTE}", published="2025-05-02")
    quotes = [Quote(id=f"{article_id}-q0", article_id=article_id, text=f"We agree,{SCRIPT}",
                    start=quote_at, end=quote_at + 9, direct=True, cue=ATTRIBUTE,
                    speaker=speaker)]
    return CodedArticle(article=article, events=[event], quotes=quotes,
                        actors=[source, target, speaker], tone=0.0)
