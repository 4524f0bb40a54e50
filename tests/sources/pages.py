"""Small hand-written pages, feeds and WARC archives for the reader tests."""

from __future__ import annotations

import io
from pathlib import Path

PARAGRAPHS = [
    "Pakistan's prime minister met the Russian president on the sidelines of the summit "
    "in Tianjin on Monday, and the two leaders discussed energy, trade and regional security.",
    "Officials from both delegations said the talks lasted more than an hour and that a "
    "working group on rail links would meet again before the end of the year.",
    "The foreign ministry in Islamabad described the meeting as warm and constructive, and "
    "said further visits by ministers were planned for the coming months.",
]


def article_page(title: str = "Leaders meet in Tianjin", date: str = "2025-09-01") -> str:
    """A news page with navigation, a cookie banner and a footer around three paragraphs."""
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Example</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T09:00:00Z">
<meta property="og:site_name" content="The Daily Example">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article><h1>{title}</h1>{body}</article>
<footer><p>Copyright The Daily Example. All rights reserved. Subscribe to our newsletter.</p>
</footer></body></html>"""


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.org/</link>
<item><title>Leaders meet in Tianjin</title><link>https://wire.example.org/a1</link>
<guid>wire-a1</guid><pubDate>Mon, 01 Sep 2025 09:00:00 GMT</pubDate>
<description>&lt;p&gt;{PARAGRAPHS[0]}&lt;/p&gt;&lt;p&gt;{PARAGRAPHS[1]}&lt;/p&gt;</description></item>
<item><title>Empty entry</title><link>https://wire.example.org/a2</link></item>
<item><title>Ministers to visit</title><link>https://wire.example.org/a3</link>
<pubDate>Tue, 02 Sep 2025 10:00:00 GMT</pubDate><description>{PARAGRAPHS[2]}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>
<entry><id>urn:example:1</id><title>Leaders meet</title>
<link href="https://atom.example.org/1"/><updated>2025-09-03T12:00:00Z</updated>
<summary>short summary</summary>
<content type="html">&lt;p&gt;{PARAGRAPHS[0]}&lt;/p&gt;
&lt;script&gt;track()&lt;/script&gt;</content>
</entry></feed>"""

ENTITY_BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title>
<description>&xxe;</description></item></channel></rss>"""


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], gz: bool = True) -> bytes:
    """A WARC of (uri, body, content type) HTTP responses plus one request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for uri, body, content_type in pages:
        get = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        request = writer.create_warc_record(uri, "request", payload=get)
        writer.write_record(request)
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2025-09-04T10:00:00Z"},
        )
        writer.write_record(record)
    data = buffer.getvalue()
    path.write_bytes(data)
    return data
