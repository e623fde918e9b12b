"""What to watch and how often: URL lists and --every values."""

from __future__ import annotations

import pytest

from claimtrail.errors import InputError
from claimtrail.watch import parse_every, read_targets


@pytest.mark.parametrize(
    ("value", "seconds"), [("30s", 30), ("15m", 900), ("1h", 3600), ("1d", 86400), ("2H", 7200)]
)
def test_every(value, seconds):
    assert parse_every(value) == seconds


@pytest.mark.parametrize("value", ["", "15", "m", "1.5h", "-1m", "0s", "15 minutes", "1w"])
def test_bad_every(value):
    with pytest.raises(InputError, match="is not an interval such as 30s, 15m, 1h or 1d"):
        parse_every(value)


def test_a_list_with_comments_blank_lines_and_repeats(tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text(
        "# feeds of the desk\n\nhttps://a.example/rss  # wire\nhttps://b.example/page#top\n"
        "  https://a.example/rss\n"
    )
    assert read_targets(str(listing)) == ["https://a.example/rss", "https://b.example/page#top"]
    assert read_targets("https://c.example/feed") == ["https://c.example/feed"]


def test_an_empty_list_is_refused(tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text("# nothing yet\n")
    with pytest.raises(InputError, match="lists no URLs"):
        read_targets(str(listing))
