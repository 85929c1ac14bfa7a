"""The typed answer of a quote check: the API's response model, the check page's input and the CLI's."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.services.wording.comparison import Verdict
from app.services.wording.diff import DiffOp

SpeakerVerdict = Literal["match", "misattributed", "unattributed", "not_claimed", "unverifiable"]

# Found in the source's own words: the CLI exits 0 on these.
EXACT_WORDING: tuple[Verdict, ...] = ("verbatim", "elided", "minor")

VERDICT_MEANINGS = {
    "verbatim": "the same words as the source",
    "elided": "the source's words, with omissions marked by an ellipsis or insertions marked by brackets",
    "minor": "the source's words; only case, punctuation or quote style differ",
    "altered": "words added, dropped, changed or moved without marking",
    "paraphrase": "possibly the same sense in other words (low confidence)",
    "not_found": "not in the stored sources",
}
SPEAKER_VERDICT_MEANINGS = {
    "match": "the claimed speaker said it in the source",
    "misattributed": "the source gives a different speaker",
    "unattributed": "the source gives no speaker for these words",
    "not_claimed": "no speaker was claimed",
    "unverifiable": "the speaker cannot be checked: the quote was not found, the source attributes it only "
                    "weakly (a pronoun or description resolved by salience, or low confidence), or the claimed "
                    "name fits several people",
}


class SourceArticle(BaseModel):
    """The stored article a match is in."""

    id: int
    title: str | None
    outlet: str | None
    url: str | None = Field(description="Where the article was published, if known.")
    published_at: datetime | None
    source_name: str | None


class Excerpt(BaseModel):
    """The match's paragraph cut in three around the matched span."""

    before: str
    marked: str
    after: str


class FamilyCopy(BaseModel):
    """Another article carrying the matched quote (its quote family), earliest publication first."""

    quote_id: int
    article_id: int
    text: str
    speaker: str | None
    published_at: datetime | None
    title: str | None
    outlet: str | None
    diff: list[DiffOp] = Field(description="Word-level changes from the family's earliest member.")
    start: int
    end: int


class Attribution(BaseModel):
    """How the source attributes the matched quote, for the reader to judge: the sentence with its cue and mention."""

    sentence: str = Field(description="The source sentence(s) holding the cue and the mention.")
    cue: str | None
    cue_start: int | None = Field(description="The cue as offsets into `sentence`.")
    cue_end: int | None
    mention: str | None = Field(description="The words naming the speaker there (a name, a pronoun, a role).")
    mention_start: int | None
    mention_end: int | None
    resolution: str = Field(description="How the mention became the speaker, in words.")
    rule: str | None = Field(description="The stable id of the resolution rule.")
    confidence: float
    weak: bool = Field(description="Resolved by salience or with low confidence: a guess, not a fact to accuse on.")


class CheckMatch(BaseModel):
    """One place in the stored sources where the pasted quote is (or may be), with the evidence."""

    verdict: Verdict
    speaker_verdict: SpeakerVerdict
    score: float = Field(description="Word overlap of paste and source, 0 to 100.")
    confidence: float | None
    article_id: int
    quote_id: int | None = Field(description="The extracted quote the span is in; null for narrative text.")
    quote_kind: str | None
    extracted_as_quote: bool
    speaker: str | None = Field(description="The speaker the source gives these words.")
    speaker_id: int | None
    start: int = Field(description="The matched span, offsets into the article text.")
    end: int
    source_text: str = Field(description="article.text[start:end]")
    diff: list[DiffOp] = Field(description="The pasted quote against the source words, in source order.")
    changes: list[str] = Field(description="Each difference, in words.")
    notes: list[str]
    paragraph: int = Field(description="0-based index of the (first) paragraph holding the span (the text report "
                                       "prints it 1-based, as every page does).")
    paragraph_start: int
    paragraph_end: int
    paragraph_text: str
    mark_start: int = Field(description="The span as offsets into paragraph_text, to mark it without re-searching.")
    mark_end: int
    excerpt: Excerpt
    article: SourceArticle
    family: list[FamilyCopy]
    speaker_reason: str | None = Field(None, description="Why the speaker verdict is what it is.")
    attribution: Attribution | None = Field(None, description="The source's attribution of the quote, if extracted.")


class CheckQuery(BaseModel):
    """What was asked: the paste, the quote read from it and the claimed speaker."""

    text: str
    quote: str = Field(description="The quote's words as read from the paste (quote marks and attribution removed).")
    speaker: str | None = Field(description="The claimed speaker: as given, or read from the pasted attribution.")
    speaker_from_text: bool
    article_id: int | None


class CheckResult(BaseModel):
    """The answer to one check: the verdict, speaker agreement and the evidence, best match first."""

    verdict: Verdict
    verdict_meaning: str
    confidence: float | None
    speaker_verdict: SpeakerVerdict
    speaker_verdict_meaning: str
    source_speakers: list[str] = Field(description="Who the best-worded matches say said it.")
    summary: str
    notes: list[str]
    total_matches: int = Field(description="Matches found; `matches` holds at most the requested limit.")
    query: CheckQuery
    matches: list[CheckMatch]
