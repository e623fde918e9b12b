"""Small news-like documents written for these tests."""

from __future__ import annotations

PARAGRAPHS = [
    "The defence ministry said on Tuesday that about 2,000 soldiers had been moved to the northern "
    "border over the past week, citing satellite images reviewed by its analysts.",
    "A spokesman for the regional governor told reporters that at least 40 civilians were wounded "
    "when shells struck a market in the town of Ostrovka on Monday evening.",
    "Independent monitors could not confirm the figures, but said the scale of the movement was "
    "larger than anything seen since the ceasefire was signed two years ago.",
    "Aid groups warned that the fighting could force another 15,000 people from their homes before "
    "the end of the month, and asked both sides to open a humanitarian corridor.",
]
ARTICLE_TEXT = "\n\n".join(PARAGRAPHS)


def article_html(title: str = "Troops massed at the northern border", date: str = "2024-11-19") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Ledger</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="{date}T08:30:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1>
{body}</article></main>
<footer><p>Copyright The Daily Ledger. All rights reserved. Subscribe to our newsletter.</p></footer>
</body></html>"""
