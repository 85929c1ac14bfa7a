"""The resolution policy: the rules in the order they are tried. The order is the policy.

The first rule that answers decides. Names come first (a name at the cue beats any inference),
then pronouns, the author's "I", documents with an owner, roles, organisations, and last the
sources nobody is named for: groups, unnamed individuals, documents, each as the article describes
it. A statement without a cue has no mention and goes through NO_CUE_RULES instead.
"""
from __future__ import annotations

from dataclasses import replace

from nlp.resolution import (
    authorship,
    descriptions,
    documents,
    headline_roles,
    names,
    neighbours,
    organisations,
    pronouns,
    roles,
)
from nlp.resolution.rules import Context, Mention, NoCueRule, Resolved, Rule


def _described(role_rule: Rule) -> Rule:
    """`role_rule`, whose unresolved answer is the role as written, typed (one unnamed person, or a group)."""

    def function(mention: Mention, context: Context) -> Resolved | None:
        found = role_rule.function(mention, context)
        if found is None or found.speaker is not None:
            return found
        described = descriptions.describe(mention, context, "a role the article does not pin on a named person")
        return replace(found, speaker=described.speaker, speaker_type=described.speaker_type,
                       reason=described.reason, confidence=described.confidence)

    return Rule(role_rule.id, function)


MENTION_RULES: tuple[Rule, ...] = (
    descriptions.named_members,
    organisations.of_person,
    organisations.legal_form,
    organisations.defined_short_name,
    organisations.used_as_body,
    organisations.outlet,
    names.full_name,
    names.surname_to_full,
    names.known_full,
    names.known_surname,
    names.surname_completed,
    names.misspelt,
    pronouns.relative,
    descriptions.of_whom,
    documents.it,
    pronouns.sentence_subject,
    pronouns.previous_subject,
    pronouns.previous_unnamed_subject,
    pronouns.previous_speaker_adjacent,
    pronouns.previous_speaker_in_focus,
    pronouns.most_salient,
    pronouns.previous_speaker,
    pronouns.nearest_named,
    pronouns.no_antecedent,
    pronouns.singular_they,
    pronouns.previous_plural_subject,
    pronouns.previous_group,
    descriptions.group_pronoun,
    pronouns.no_group,
    authorship.transcript_label,
    authorship.byline,
    authorship.note,
    authorship.unnamed,
    authorship.document,
    documents.owner,
    documents.earlier_owner,
    documents.later_owner,
    documents.previous_body,
    documents.as_written,
    roles.described,
    roles.previous_speaker_titled,
    roles.title_match,
    roles.relative,
    roles.earlier_unnamed,
    roles.introduced_since,
    # A role the headline gives, that the body pins on one person's act, is surer than the sentence before.
    headline_roles.headline_role,
    roles.previous_subject,
    roles.previous_speaker,
    roles.in_focus,
    descriptions.group_description,
    _described(roles.unresolved_role),
    names.tagged_organisation,
    organisations.single_word,
    organisations.acronym,
    organisations.written_in_initials,
    organisations.short_name,
    organisations.named,
    organisations.with_article,
    organisations.apposed_name,
    organisations.named_later,
    names.proper_noun,
    organisations.named_before,
    organisations.definite_reference,
    descriptions.unnamed_description,
    descriptions.as_written,
)

NO_CUE_RULES: tuple[NoCueRule, ...] = (
    neighbours.interviewee,
    neighbours.interview_unnamed,
    neighbours.previous_sentence,
    neighbours.exchange,
    neighbours.previous_quote,
    neighbours.previous_paragraph,
    neighbours.nobody_nearby,
)

# Set by roles.name_delayed_roles after every statement is resolved.
LATER_RULES = ("role.named_later", "role.titled_later")
