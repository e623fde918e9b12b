from __future__ import annotations

from claimtrail.ingest import article_id_for, detect_language, normalize_url


def test_normalize_url_drops_noise():
    assert normalize_url("HTTPS://WWW.Example.com/world/story/?utm_source=tw&utm_medium=x#top") == (
        "http://example.com/world/story"
    )
    assert normalize_url("https://example.com/a?b=2&a=1&fbclid=zz") == "http://example.com/a?a=1&b=2"


def test_article_id_same_for_url_spellings():
    a = article_id_for("https://www.example.com/world/story/", "text one")
    b = article_id_for("http://example.com/world/story?utm_campaign=feed#comments", "other text")
    assert a == b
    assert len(a) == 16 and int(a, 16) >= 0
    assert a != article_id_for("https://example.com/world/other-story", "text one")


def test_article_id_from_text_ignores_whitespace():
    a = article_id_for(None, "Officials said 300 troops\narrived.")
    assert a == article_id_for("", "  Officials said   300 troops arrived. ")
    assert a != article_id_for(None, "Officials said 400 troops arrived.")


def test_detect_language():
    assert (
        detect_language("The ministry said on Tuesday that 1,500 troops had been sent to the border.") == "en"
    )
    assert (
        detect_language("Le ministère a annoncé mardi que 1 500 soldats avaient été envoyés à la frontière.")
        == "fr"
    )
    assert (
        detect_language(
            "Das Ministerium teilte am Dienstag mit, dass 1.500 Soldaten an die Grenze geschickt wurden."
        )
        == "de"
    )
    assert detect_language("Министерство заявило во вторник, что к границе отправлены 1500 военных.") == "ru"
    long_es = "El ministerio dijo el martes que unos 1.500 soldados habían sido enviados a la frontera. " * 5
    assert detect_language(long_es) == "es"


def test_detect_language_too_short():
    assert detect_language("OK 12") is None
    assert detect_language("") is None
