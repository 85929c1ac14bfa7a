"""nlp/vocabulary: the glyph table's derived sets, the names module and the word-list loader."""
from __future__ import annotations

import pytest

from nlp.vocabulary import marks, names, wordlists


def same_glyphs(derived: str, expected: str) -> bool:
    return len(derived) == len(set(derived)) and set(derived) == set(expected)


@pytest.mark.parametrize(("derived", "expected"), [
    # What each user defined inline before the table existed: the derived sets must not drift.
    (marks.DOUBLE_MARKS, '"“”„‟«»'),
    (marks.SINGLE_MARKS, "'‘’‚‛‹›"),
    (marks.SINGLE_OPENERS, "‘‚‛‹"),
    (marks.SINGLE_CLOSERS, "’›"),
    (marks.DOUBLE_OPENERS_THAT_MAY_CLOSE, "“‟"),
    (marks.DOUBLE_CLOSERS, "”"),
    (marks.DOUBLE_OPENERS_ONLY, "„"),
    (marks.DOUBLE_GUILLEMETS, "«»"),
    (marks.EVERYDAY_MARKS, '"”’»\'“‘«„'),
    (marks.EVERYDAY_OPENERS, '"“„«‘\''),
    (marks.EVERYDAY_CLOSERS, "\"”'’»"),
    (marks.CLOSERS_BEFORE_CUE_CLAUSE, '”"’»'),
    (marks.APOSTROPHE_SHAPED_SINGLES, "'‘’‚‛"),
    (marks.NEVER_APOSTROPHES, "\"“”„‟«»‹›「」『』〝〞＂"),
    (marks.FOLDED_FOR_MATCHING, "\"'“”„‟«»‹›‘’‚‛′″`´"),
    (marks.NON_LETTER_APOSTROPHES, "'’‘`´"),
    (marks.TYPOGRAPHIC_APOSTROPHES, "’‘ʼ"),
])
def test_derived_mark_sets_keep_their_users_glyphs(derived, expected):
    assert same_glyphs(derived, expected)


def test_every_glyph_is_one_character_listed_once():
    glyphs = [row.glyph for row in marks.GLYPHS]
    assert all(len(glyph) == 1 for glyph in glyphs)
    assert len(glyphs) == len(set(glyphs))


def test_quote_marks_are_the_doubles_then_the_singles():
    assert marks.QUOTE_MARKS == marks.DOUBLE_MARKS + marks.SINGLE_MARKS
    assert marks.FRENCH_OPENING_GUILLEMET == "«"
    assert marks.STRAIGHT_DOUBLE == '"'


def test_typewriter_doubles_are_made_of_their_halves():
    assert marks.TYPEWRITER_OPENING_DOUBLE == "``" and marks.TYPEWRITER_CLOSING_DOUBLE == "''"
    assert set(marks.TYPEWRITER_HALVES) == {"`", "'"}


def test_fold_apostrophes_straightens_typographic_ones_only():
    assert marks.fold_apostrophes("O’Neill ‘90s donʼt it's") == "O'Neill '90s don't it's"
    assert marks.fold_apostrophes("`´") == "`´"


def test_particles_differ_where_the_table_says():
    assert {"de", "van", "al", "bin"} <= names.PARTICLES_IN_TEXT & names.PARTICLES_IN_NAMES
    assert {"ten", "y"} <= names.PARTICLES_IN_TEXT - names.PARTICLES_IN_NAMES
    assert {"an", "as", "at", "bint"} <= names.PARTICLES_IN_NAMES - names.PARTICLES_IN_TEXT


def test_honorifics_in_text_take_a_full_stop_where_abbreviated():
    assert {"mr", "mr.", "dr.", "miss", "lord"} <= names.HONORIFICS_IN_TEXT
    assert "miss." not in names.HONORIFICS_IN_TEXT and "prof" not in names.HONORIFICS_IN_TEXT
    assert names.HONORIFICS_IN_NAME_KEYS == frozenset(
        {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "hon", "prof", "professor",
         "ratu", "datuk", "dato", "alhaji", "alhaja", "shri", "smt", "engr", "herr", "frau",
         "puan", "encik", "cik", "khun", "cde"})


def test_name_titles_join_the_title_rows_of_role_nouns_and_the_extra_words():
    titles = names.name_titles()
    assert {"president", "sen", "dr", "mr", "former", "acting", "lt"} <= titles
    assert "lawyer" not in titles  # a role noun, but not a title written before a name
    assert not any("." in title for title in titles)
    assert wordlists.words("title_words.txt") <= titles


@pytest.mark.parametrize(("name", "key"), [
    ("Syrian President Bashar al-Assad", "bashar assad"),
    ("Former Acting Interior Minister Lt. Col. Ann Lee", "ann lee"),
    ("Martin Luther King Jr.", "martin luther king jr"),
    ("O’Brien", "obrien"),
    ("Ursula von der Leyen", "ursula leyen"),
    # A hyphen joins one name, except after a particle or a title word.
    ("Douglas Holtz-Eakin", "douglas holtzeakin"),
    ("Holtz-Eakin", "holtzeakin"),
    ("Vice-President Kamala Harris", "kamala harris"),
    ("Bashar al-Assad", "bashar assad"),
])
def test_name_parts_drop_titles_and_particles(name, key):
    parts = names.name_parts(name)
    assert parts is not None and parts.key == key


@pytest.mark.parametrize(("name", "surname"), [
    # A romanised Korean name is written family name first, its given name hyphenated in lower case.
    ("Ban Ki-moon", "ban"),
    ("U.N. Secretary General Ban Ki-moon", "ban"),
    ("Park Geun-hye", "park"),
    # A Western double surname, a particle's hyphen and a double given name are not.
    ("Douglas Holtz-Eakin", "holtzeakin"),
    ("Bashar al-Assad", "assad"),
    ("Jean-Marc Ayrault", "ayrault"),
])
def test_a_name_written_family_name_first_has_that_surname(name, surname):
    parts = names.name_parts(name)
    assert parts is not None and parts.surname == surname


def test_name_parts_of_a_pronoun_or_nothing_is_none():
    assert names.name_parts("he") is None
    assert names.name_parts("Dr.") is not None  # a lone title word is the surname
    assert names.institution_parts("the Defence Ministry") == names.NameParts(("defence",), "ministry")


@pytest.mark.parametrize(("first", "second", "article", "tolerant", "strict"), [
    ("george", "george", True, True, True),
    ("g.", "george", True, False, False),
    ("g", "george", True, True, False),
    ("mohammed", "mohammad", False, True, True),
    ("alex", "alexa", False, True, False),  # a claim forgives an added letter; a link does not
    ("joe", "hunter", False, False, False),
])
def test_three_readings_of_given_name_agreement(first, second, article, tolerant, strict):
    assert names.same_given_name_or_initial(first, second) is article
    assert names.given_names_agree_tolerantly(first, second) is tolerant
    assert names.given_names_agree_strictly(first, second) is strict


def parts(name: str) -> names.NameParts:
    found = names.name_parts(name)
    assert found is not None
    return found


def test_strict_comparison_links_spellings_but_not_an_extra_initial():
    assert names.compare_names_strictly(parts("Volodymyr Zelensky"), parts("Volodymyr Zelenskyy")).full
    extra = names.compare_names_strictly(parts("George Bush"), parts("George W. Bush"))
    assert not extra.compatible and "in number" in extra.reason
    surname_only = names.compare_names_strictly(parts("Putin"), parts("Vladimir Putin"))
    assert surname_only.compatible and not surname_only.full
    assert not names.compare_names_strictly(parts("Bill Clinton"), parts("Bill Clifton")).compatible


def test_tolerant_comparison_accepts_a_claim_by_first_given_name():
    assert names.names_agree_tolerantly(parts("George Bush"), parts("George W. Bush"))
    assert names.names_agree_tolerantly(parts("Putin"), parts("Vladimir Putin"))
    assert not names.names_agree_tolerantly(parts("Joe Biden"), parts("Hunter Biden"))


def test_negations_for_written_and_for_apostrophe_free_text():
    assert {"not", "never", "nowhere", "without"} <= wordlists.negations()
    assert "dont" not in wordlists.negations()
    assert {"not", "dont", "n", "t"} <= wordlists.negations_without_apostrophes()
    assert "without" not in wordlists.negations_without_apostrophes()


def test_resource_rows_tags_and_a_missing_file():
    assert ("congressman", "m", "title") in wordlists.rows("role_nouns.txt")
    assert wordlists.genders("role_nouns.txt")["congresswoman"] == "f"
    assert "president" in wordlists.tagged("role_nouns.txt", "title")
    with pytest.raises(Exception, match="Q002"):
        wordlists.rows("no_such_list.txt")


def test_each_given_name_is_listed_once_with_one_gender():
    listed = [row[0] for row in wordlists.rows("given_names.txt")]
    assert len(listed) == len(set(listed))
    assert all(len(row) == 2 and row[1] in ("m", "f") and row[0] == row[0].lower()
               for row in wordlists.rows("given_names.txt"))


@pytest.mark.parametrize("undotted", ["mr", "mrs", "ms", "dr", "prof", "rev"])
def test_an_undotted_honorific_reads_as_the_dotted_one(undotted):
    rows = {row[0]: row[1:] for row in wordlists.rows("role_nouns.txt")}
    assert rows[undotted] == rows[undotted + "."]


def test_an_honorific_s_gender_is_the_one_role_nouns_gives_it():
    assert [names.honorific_gender(name) for name in ("Ms. Calder", "Mr Ouma", "Madam Akosua Serwaa", "Dr. Hale",
                                                      "Hon. Samuel Boateng", "Calder")] == ["f", "m", "f", None,
                                                                                            None, None]
    # Only an honorific opening a name speaks: a woman's role noun that is no honorific does not.
    assert names.honorific_gender("Alderwoman Vance") is None


def test_honorifics_that_name_no_office_say_a_gender_but_carry_no_title_tag():
    genders = wordlists.genders("role_nouns.txt")
    assert (genders["ratu"], genders["alhaja"], genders["smt"], genders["mr"]) == ("m", "f", "f", "m")
    assert "datuk" not in genders  # conferred on women and men alike
    offices = wordlists.tagged("role_nouns.txt", "title")
    assert not {"ratu", "datuk", "alhaji", "shri", "frau", "puan", "cde"} & offices
    assert {"lt", "maj", "capt", "insp"} <= offices  # ranks written without a full stop
    assert {"councilmember", "assemblywoman", "comptroller", "mr"} <= offices


def test_the_lexicon_is_loaded_once_and_precomputes_its_union():
    lexicon = wordlists.lexicon()
    assert lexicon is wordlists.lexicon()
    assert lexicon.cue_verbs == lexicon.speech_verbs | lexicon.thought_verbs


def test_the_narrower_everyday_sets_leave_out_the_low_opener_only():
    assert set(marks.EVERYDAY_DOUBLES_THAT_MAY_CLOSE) == set(marks.EVERYDAY_MARKS) - set("„'‘’")
    assert set(marks.EVERYDAY_OPENERS_THAT_MAY_CLOSE) == set(marks.EVERYDAY_OPENERS) - {"„"}


def test_the_pasted_name_particles_are_particles_of_running_text():
    assert set(names.PASTED_NAME_PARTICLES) < names.PARTICLES_IN_TEXT
