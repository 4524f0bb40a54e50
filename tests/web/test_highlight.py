"""Evidence spans: stored rows in, text cut into pieces with the spans covering each."""

from __future__ import annotations

from tacitus.web.highlight import Span, article_spans, segments

TEXT = 'Egypt met Jordan. "We agree," the envoy said in Cairo.'


def _event(**overrides):
    row = {"gid": 7, "cameo": "040", "cameo_name": "Consult", "plover": "CONSULT",
           "trigger_start": 6, "trigger_end": 9, "source_start": 0, "source_end": 5,
           "source_text": "Egypt", "source_code": "EGYGOV", "source_name": "Egypt",
           "target_start": 10, "target_end": 16, "target_text": "Jordan",
           "target_code": "JORGOV", "target_name": "Jordan", "rule": "lexicon:040:met",
           "modality": "asserted", "negated": False, "confidence": 0.8}
    row.update(overrides)
    return row


QUOTE = {"start": 19, "end": 28, "direct": True, "cue": "said", "cue_start": 40,
         "cue_end": 44, "speaker_start": 30, "speaker_end": 39, "speaker_text": "the envoy",
         "speaker_code": "EGYGOV", "speaker_name": "Egyptian envoy"}


def test_highlight_segments_cover_the_text_exactly():
    spans = article_spans(TEXT, [_event()], [QUOTE], [], [])
    pieces = segments(TEXT, spans)
    assert "".join(p.text for p in pieces) == TEXT
    kinds = {p.text: p.kinds for p in pieces if p.spans}
    assert kinds == {"Egypt": ["source"], "met": ["trigger"], "Jordan": ["target"],
                     "We agree,": ["quote"], "the envoy": ["speaker"], "said": ["cue"]}


def test_highlight_overlapping_spans_share_a_piece():
    inside = _event(gid=8, trigger_start=22, trigger_end=27, source_start=30,
                    source_end=39)  # a trigger inside the quote, the speaker as source
    pieces = segments(TEXT, article_spans(TEXT, [inside], [QUOTE], [], []))
    by_text = {p.text: p for p in pieces}
    assert by_text["agree"].kinds == ["quote", "trigger"]
    assert by_text["We "].kinds == ["quote"]
    assert by_text["the envoy"].kinds == ["speaker", "source"]
    assert by_text["agree"].refs == "q-0 ev-8"


def test_highlight_hover_text_names_code_rule_modality_confidence():
    pieces = segments(TEXT, article_spans(TEXT, [_event(negated=True)], [], [], []))
    met = next(p for p in pieces if p.text == "met")
    assert met.title == ("event 040 Consult (CONSULT): EGYGOV Egypt → JORGOV Jordan; "
                         "rule lexicon:040:met; negated asserted; confidence 0.80")


def test_highlight_anchor_on_the_first_piece_of_each_trigger_and_quote():
    pieces = segments(TEXT, article_spans(TEXT, [_event()], [QUOTE], [], []))
    anchors = [(p.text, p.anchors) for p in pieces if p.anchors]
    assert anchors == [("met", ["ev-7"]), ("We agree,", ["q-0"])]


def test_highlight_bad_offsets_are_dropped():
    rows = [_event(trigger_start=50, trigger_end=99), _event(gid=9, source_start=5,
                                                             source_end=2),
            _event(gid=10, target_start=None, target_end="x")]
    spans = article_spans(TEXT, rows, [{"start": -1, "end": 3}], [{"start": 0, "end": 0}])
    assert all(0 <= s.start < s.end <= len(TEXT) for s in spans)
    assert "".join(p.text for p in segments(TEXT, spans)) == TEXT


def test_highlight_mentions_and_places():
    mentions = [{"start": 0, "end": 5, "code": "EGY", "name": "Egypt"}]
    places = [{"start": 48, "end": 53, "name": "Cairo", "feature": "city", "country": "EGY",
               "geonames_id": 360630}]
    pieces = segments(TEXT, article_spans(TEXT, [], [], mentions, places))
    cairo = next(p for p in pieces if p.text == "Cairo")
    assert cairo.kinds == ["place"] and cairo.title == "place: Cairo (city, EGY, 360630)"
    assert next(p for p in pieces if p.text == "Egypt").title == "actor: EGY Egypt"


def test_highlight_blank_lines_outside_spans_collapse():
    text = "One.\n\n\n\n  \nTwo."
    pieces = segments(text, [Span(0, 3, "actor", "x")])
    assert "".join(p.text for p in pieces) == "One.\n\nTwo."


def test_highlight_no_spans_is_one_plain_piece():
    (piece,) = segments("plain text", [])
    assert piece.text == "plain text" and piece.spans == [] and piece.title == ""
