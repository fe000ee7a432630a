"""query_value: a value keeps its letters and reads back the same, whatever it holds."""
from urllib.parse import parse_qs

import pytest

from scripts.site.link_query import query_value

VALUES = ["arrival барагындагы ката (ky)", "a&b=c", "50% + 1", "#top", "line\nbreak\ttab", "no\u00a0break\u200bzero",
          "https://example.org/a b/?x=1&y=2#z", "O'zbek \"qo'shtirnoq\" <b>", "Ҷустуҷӯ; қазақша; oʻzbekcha"]


@pytest.mark.parametrize("value", VALUES)
def test_value_reads_back_the_same(value):
    assert parse_qs(f"a={query_value(value)}&b=1", keep_blank_values=True) == {"a": [value], "b": ["1"]}


def test_letters_stay_and_separators_are_encoded():
    assert query_value("ката (ky)") == "ката%20(ky)"
    assert query_value("https://x.org/p.html") == "https://x.org/p.html"
    encoded = query_value("a&b=c#d+e%f;g\n\u00a0\u200b\"<>")
    assert encoded.isascii() and not set("&=#+;\n\"<> ") & set(encoded)
