"""The resolution policy: the rules in the order they are tried. The order is the policy.

The first rule that answers decides. Names come first (a name at the cue beats any inference),
then pronouns, the author's "I", roles, organisations, and last the descriptions nobody is
named for. A statement without a cue has no mention and goes through NO_CUE_RULES instead.
"""
from __future__ import annotations

from nlp.resolution import authorship, names, neighbours, organisations, pronouns, roles
from nlp.resolution.rules import Context, Mention, NoCueRule, Resolved, Rule, rule, unresolved


@rule("description.unnamed")
def unnamed_description(mention: Mention, context: Context) -> Resolved | None:
    """Whatever is left: a description with no named referent."""
    return unresolved(f"{mention.text}: a description with no named referent")


MENTION_RULES: tuple[Rule, ...] = (
    names.full_name,
    names.surname_to_full,
    names.known_full,
    names.known_surname,
    names.surname_completed,
    names.misspelt,
    pronouns.relative,
    pronouns.previous_subject,
    pronouns.previous_speaker_in_focus,
    pronouns.most_salient,
    pronouns.previous_speaker,
    pronouns.nearest_named,
    pronouns.no_antecedent,
    pronouns.singular_they,
    pronouns.previous_group,
    pronouns.no_group,
    authorship.byline,
    authorship.note,
    authorship.unnamed,
    roles.previous_speaker_titled,
    roles.title_match,
    roles.previous_speaker,
    roles.in_focus,
    roles.unresolved_role,
    names.tagged_organisation,
    organisations.named,
    organisations.with_article,
    names.proper_noun,
    organisations.named_before,
    authorship.document,
    organisations.unnamed_group,
    unnamed_description,
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
LATER_RULES = ("role.named_later",)
