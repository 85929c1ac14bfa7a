"""Kept for importers of the old module name: the word lists now live in nlp.vocabulary.wordlists."""
from nlp.vocabulary.wordlists import RESOURCES, Lexicon, genders, lexicon, words

__all__ = ["RESOURCES", "Lexicon", "genders", "lexicon", "words"]
