"""Does a claimed speaker agree with the speaker a source gives? Tolerant name agreement for the quote check."""
from __future__ import annotations

from collections.abc import Sequence

from app.services.check.results import SpeakerVerdict
from app.store.models import Quote
from nlp.vocabulary.names import fold_name, name_parts, names_agree_tolerantly


def stored_speaker_name(quote: Quote) -> str | None:
    """The speaker a source gives a quote: its linked speaker's name, else the printed name."""
    if quote.speaker is not None:
        return quote.speaker.name
    return quote.speaker_name


def speaker_agreement(quote: Quote | None, claimed: str) -> SpeakerVerdict:
    """match, misattributed or unattributed: the claimed speaker against the one the source gives `quote`."""
    if quote is None:
        return "unattributed"
    names: list[str] = []
    titles: list[str] = []
    if quote.speaker is not None:
        names = [quote.speaker.name] + [alias.alias for alias in quote.speaker.aliases]
        titles = [title.title for title in quote.speaker.titles]
    elif quote.speaker_name:
        names = [quote.speaker_name]
    if not names:
        return "unattributed"
    return "match" if names_agree(claimed, names, titles=titles) else "misattributed"


def _folded_words(text: str) -> str:
    return " ".join(word for word in fold_name(text) if word not in ("the", "a", "an"))


def names_agree(claimed: str, names: Sequence[str], *, titles: Sequence[str] = ()) -> bool:
    """Whether a claimed speaker is one of `names` (a speaker's name and aliases), tolerantly.

    Names are read as the store's speaker linking reads them (titles and particles dropped). The
    surnames must agree (spelling variants allowed); given names only have to agree when both sides
    give them, and only the first: "Putin" and "Vladimir Putin" agree, "George Bush" and "George W.
    Bush" agree (a claim is checked, not a link made), "Joe Biden" and "Hunter Biden" do not. A
    claimed role that the source gave the speaker ("the Russian president") agrees too.
    """
    claimed_role = _folded_words(claimed)
    if claimed_role and any(claimed_role == _folded_words(title) for title in titles):
        return True
    claimed_parts = name_parts(claimed)
    if claimed_parts is None:
        return False
    return any((stored := name_parts(name)) is not None and names_agree_tolerantly(claimed_parts, stored)
               for name in names)

