"""Feeds and pages written for the watch tests (our own sentences)."""

from __future__ import annotations

STORY = [
    "The regional governor said on Monday that about 1,200 people had been evacuated from three "
    "villages near the border after a week of shelling, and that buses would run again on Tuesday.",
    "Officials in the provincial capital said 35 drones were launched overnight and that air defence "
    "units shot down 31 of them, while debris damaged two warehouses on the outskirts of the city.",
    "A spokesman for the emergency service told reporters that at least 14 people were wounded in the "
    "strike on the market and that rescuers were still searching the rubble late in the evening.",
]

RSS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Border Watch</title><link>{base}/</link><description>News</description>
"""
RSS_TAIL = "</channel></rss>"


def item(number: int, day: int = 18) -> str:
    """A feed entry carrying its whole story (content:encoded)."""
    return (
        f"<item><title>Story {number}</title><link>{{base}}/story/{number}</link><guid>story-{number}</guid>"
        f"<pubDate>Mon, {day} Nov 2024 08:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[<p>{STORY[number % len(STORY)]}</p><p>{STORY[(number + 1) % len(STORY)]}"
        f" Report number {number}.</p>]]></content:encoded></item>\n"
    )


def teaser(number: int) -> str:
    """A feed entry with only a short summary: the watch follows its link."""
    return (
        f"<item><title>Teaser {number}</title><link>{{base}}/page/{number}</link><guid>teaser-{number}</guid>"
        f"<pubDate>Tue, 19 Nov 2024 08:00:00 GMT</pubDate><description>Short summary.</description></item>\n"
    )


def feed(*entries: str) -> tuple[str, str]:
    """An RSS feed of these entries, as (content type, body)."""
    return "application/rss+xml", RSS_HEAD + "".join(entries) + RSS_TAIL


def page(number: int) -> tuple[str, str]:
    """An HTML article page, as (content type, body)."""
    body = "".join(f"<p>{p} Page {number}.</p>\n" for p in STORY)
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Page {number}</title>"
        '<meta property="article:published_time" content="2024-11-19T08:30:00Z"></head>'
        f"<body><main><article><h1>Page {number}</h1>{body}</article></main></body></html>"
    )
    return "text/html; charset=utf-8", html
