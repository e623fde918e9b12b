from __future__ import annotations

from claimtrail.ingest import article_id_for, detect_language, normalize_url
from claimtrail.ingest.language import plainly_english


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


_ENGLISH_PARAGRAPH = (
    "The regional governor said on Sunday that about 400 families had been moved out of the river "
    "villages after the dam was damaged. Engineers who inspected the wall were not able to say when "
    "the water would go down, and the army has sent boats to the farms that are still cut off. "
    "Officials in the capital said that the cost of the repairs could run to several million dollars."
)
_FRENCH_PARAGRAPH = (
    "Le gouverneur de la région a déclaré dimanche qu'environ 400 familles avaient été évacuées des "
    "villages au bord du fleuve après les dégâts subis par le barrage. Les ingénieurs qui ont inspecté "
    "le mur ne savent pas quand l'eau va baisser, et l'armée a envoyé des bateaux vers les fermes isolées."
)
_TURKISH_PARAGRAPH = (
    "Bölge valisi pazar günü yaptığı açıklamada, baraj hasar gördükten sonra nehir kenarındaki "
    "köylerden yaklaşık 400 ailenin tahliye edildiğini söyledi. Duvarı inceleyen mühendisler suyun "
    "ne zaman çekileceğini bilmiyor ve ordu, yolu kesilen çiftliklere tekneler gönderdi."
)


def test_plainly_english_prose_skips_the_detector_with_the_same_answer():
    assert plainly_english(_ENGLISH_PARAGRAPH)
    assert detect_language(_ENGLISH_PARAGRAPH) == "en"


def test_other_languages_and_mixtures_are_left_to_the_detector():
    # another language, even quoting English words, is never taken for English by the shortcut
    assert not plainly_english(_FRENCH_PARAGRAPH)
    assert detect_language(_FRENCH_PARAGRAPH) == "fr"
    assert not plainly_english(_TURKISH_PARAGRAPH + " The officials said that it was the worst flood.")
    assert detect_language(_TURKISH_PARAGRAPH) == "tr"
    # half English, half French: unclear, so the detector decides
    mixed = _ENGLISH_PARAGRAPH[:200] + " " + _FRENCH_PARAGRAPH
    assert not plainly_english(mixed)
    # too few words to tell by counting
    assert not plainly_english("The army said that the river was high.")
