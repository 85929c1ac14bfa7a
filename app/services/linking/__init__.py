"""Link across articles: one speaker for the names of one person, one family for the copies of one quote.

names (folding and comparing printed names), speakers (linking an ingested document's names),
identity (who is who across the collection, with reasons), relink (re-linking speakers from the store,
whole or scoped to some articles), phase (the incremental, resumable `link` phase that runs both),
corrections (a user's merges and splits) and families (copies of one quote across articles).
"""
from app.services.linking.corrections import CorrectionError, find_speaker, merge_speakers, split_speaker
from app.services.linking.families import link_article_families, link_families, match_quotes, refresh_family
from app.services.linking.identity import Identities, Identity, NameUse, identify
from app.services.linking.names import looks_like_person_name, speaker_key
from app.services.linking.phase import LinkPhaseReport, link_articles, pending_articles, run_link_phase
from app.services.linking.relink import RelinkReport, relink_collection
from app.services.linking.speakers import find_speakers_named, link_record_speakers, resolve_speaker
from nlp.vocabulary.names import name_parts

__all__ = [
    "CorrectionError", "Identities", "Identity", "LinkPhaseReport", "NameUse", "RelinkReport", "find_speaker",
    "identify", "link_articles", "link_families", "pending_articles", "run_link_phase",
    "relink_collection", "find_speakers_named", "link_article_families", "link_record_speakers",
    "looks_like_person_name", "match_quotes", "merge_speakers", "name_parts", "refresh_family", "resolve_speaker",
    "speaker_key", "split_speaker",
]
