"""Mojibake repair: golden repairs, correct text left alone, and exact offset maps both ways."""
from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.encoding import OffsetMap, RepairedText, repair_encoding


def broken(text: str, times: int = 1) -> str:
    """`text` as a program that reads UTF-8 as cp1252 shows it (bytes cp1252 leaves undefined as Latin-1)."""
    for _ in range(times):
        text = "".join(_cp1252(byte) for byte in text.encode("utf-8"))
    return text


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def assert_exact_map(original: str, result: RepairedText) -> None:
    """Every repaired character maps to the stretch of the original it came from, and back."""
    offsets, repaired = result.offsets, result.text
    rebuilt = []
    for index, char in enumerate(repaired):
        start, end = offsets.to_original(index), offsets.to_original(index + 1, end=True)
        stretch = original[start:end]
        rebuilt.append(stretch)
        if len(stretch) == 1:
            assert stretch == char
        else:  # a repaired character stands for a mis-read sequence of two or more
            assert len(stretch) >= 2 and stretch != char
        assert offsets.to_repaired(start) == index
        assert offsets.to_repaired(end, end=True) == index + 1
        assert offsets.span_to_repaired((start, end)) == (index, index + 1)
        assert offsets.span_to_original((index, index + 1)) == (start, end)
    assert "".join(rebuilt) == original
    assert offsets.to_repaired(len(original)) == len(repaired)
    assert offsets.to_original(len(repaired)) == len(original)


GOLDEN = [
    ("Daniel SarukhÃ¡n said", "Daniel Sarukhán said"),
    ("Daniel SarukhÃ\x83Â¡n said", "Daniel Sarukhán said"),  # broken twice (through Latin-1)
    ("Federico de JesÃºs", "Federico de Jesús"),
    ("FranÃ§ois Hollande", "François Hollande"),
    ("â€œWe will win,â€\x9d he said â€” twice.", "“We will win,” he said — twice."),
    ("Sandersâ€™ plan and donâ€™t", "Sanders’ plan and don’t"),
    ("WaÅ‚Ä™sa and Ä\x8capek", "Wałęsa and Čapek"),
    ("PeÃ±a Nieto", "Peña Nieto"),
    ("ÐœÐ¾Ñ\x81ÐºÐ²Ð°", "Москва"),
    ("price: Â£5 and 5Â°C", "price: £5 and 5°C"),
    ("emoji ðŸ˜€ here", "emoji 😀 here"),
    ("æ—¥æœ¬èªž text", "日本語 text"),
    # Folded after the damage by NFKC, as in PolNeAR: "º" -> "o", "ª" -> "a", "¨" -> " \u0308", NBSP -> " ".
    ("Raúl as RaÃol", "Raúl as Raúl"),
    ("raison d'Ãatre", "raison d'être"),
    ("SÃ©golÃ \u0308ne Royal", "Ségolène Royal"),
    ("voilÃ  tout", "voilà tout"),
    ("MÃ1⁄4ller", "Müller"),
    # Decomposed (NFD) after the damage, as in PolNeAR's Washington Post texts.
    ("SarukhA\u0303\x83A\u0302¡n", "Sarukhán"),
    ("JesA\u0303\x83A\u0302os", "Jesús"),
    ("siÄ™ dzieje", "się dzieje"),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_golden_repairs(text, expected):
    result = repair_encoding(text)
    assert result.text == expected
    assert result.changed
    assert_exact_map(text, result)


CORRECT = [
    "São Paulo, Brasília and Goiânia: o coração do Brasil",
    "SÃO PAULO — A MÃE E O IRMÃO",
    "În România, câmpul și ţara; ÎN ROMÂNIA",
    "Ségolène Royal, François Hollande, Jürgen Müller, Łódź, Dvořák, Ærøskøbing",
    "¿Qué pasó? ¡Nada! «Très bien», dit-elle.",
    "The Portuguese letter “Ã” is an A with a tilde; “Â” is Romanian.",
    "He wrote IRMÃ” and left; CAFÉ” was the sign.",
    "She said “café…” and smiled; née à Paris, déjà vu.",
    "東京で会議が開かれた。习近平说：“我们会赢。” 서울에서",
    "Emoji 😀🎉👍🏽 and flags 🇫🇷 stay.",
    "Москва, Αθήνα, ירושלים, القاهرة",
    "Prices: £5, €10, ¥300, 20°C, ½ cup, © 2016, ® and ™",
    'alphabet="ÅÄÖŠŽåäöšž", 3×4 and 8÷2',  # capitals and symbols side by side, as written
    "plain ASCII only",
    "",
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_is_never_changed(text):
    result = repair_encoding(text)
    assert result.text == text
    assert not result.changed
    assert result.offsets.identity


def test_a_lone_pair_is_read_as_mojibake():
    # Documented trade-off: "Ã©" written on purpose is far rarer than "é" broken.
    assert repair_encoding("Ã©").text == "é"


def test_mixed_correct_and_broken_text_repairs_only_the_broken_runs():
    text = "São Paulo’s mayor, JosÃ© Serra, told “Le Monde” that FranÃ§ois was “très” calm. 😀 Ã”"
    result = repair_encoding(text)
    assert result.text == "São Paulo’s mayor, José Serra, told “Le Monde” that François was “très” calm. 😀 Ã”"
    assert_exact_map(text, result)
    start = result.text.index("José")
    original = result.offsets.span_to_original((start, start + len("José Serra")))
    assert text[original[0]:original[1]] == "JosÃ© Serra"


def test_an_offset_inside_a_broken_sequence_widens_to_the_whole_character():
    text = "x SarukhÃ¡n y"
    result = repair_encoding(text)
    inside = text.index("Ã") + 1  # between "Ã" and "¡"
    assert result.offsets.to_repaired(inside) == result.text.index("á")
    assert result.offsets.to_repaired(inside, end=True) == result.text.index("á") + 1


def test_identity_map_is_the_identity():
    offsets = OffsetMap()
    assert [offsets.to_repaired(offset) for offset in range(5)] == list(range(5))
    assert offsets.span_to_original((2, 4)) == (2, 4)


def test_overlong_and_surrogate_sequences_are_left_alone():
    # 0xC0-0xC1 are never leads; "à€€" is an overlong E0 80 80; "í €" would be a surrogate (ED A0 80).
    for text in ("aÀ€b", "aà€€b", "aí\xa0€b"):
        assert repair_encoding(text).text == text


# Without "œ", "š" and "ž": they are cp1252 continuation characters, so a made-up word such as "âœš" is
# itself mis-read UTF-8 (of "✚") and a second pass rightly reads it so.
LOWERCASE_LETTERS = "abcdefghijklmnopqrstuvwxyzáéíóúñçãõâêôàèìòùäëïöüøåæčćłęąśźżőűğış"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=LOWERCASE_LETTERS, min_size=2, max_size=9), min_size=1, max_size=8),
       st.integers(min_value=1, max_value=2))
def test_broken_lowercase_text_repairs_to_the_original(words, times):
    text = " ".join(words)
    damaged = broken(text, times)
    result = repair_encoding(damaged)
    assert result.text == text
    assert_exact_map(damaged, result)
    assert repair_encoding(text).text == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_maps_exactly_and_never_raises(text):
    result = repair_encoding(text)
    assert_exact_map(text, result)
    assert len(result.text) <= len(text)


def test_clean_text_costs_one_scan():
    # The pre-check: a long clean article with accents and curly quotes is not walked character by character
    # (about 3 ms for these 134,000 characters; the least of five CPU times, so other jobs do not count).
    text = ("“Ségolène Royal met François and Jürgen,” she said — in São Paulo. " * 2000)
    times = []
    for _ in range(5):
        clock = time.process_time()
        assert not repair_encoding(text).changed
        times.append(time.process_time() - clock)
    assert min(times) < 0.03, times
    assert unicodedata.is_normalized("NFC", text)
