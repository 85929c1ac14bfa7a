"""quotetrail_resolution: resolve each statement's mention to the person the article names.

No coreference model installs offline, so these are rules over the parse and the entities, tried
in the order nlp/resolution/policy.py gives, each with a stable id (see rules.py):
full names anchor people (people.py); surnames and given names link to them (names.py); titles
seen before a name ("Russian President Vladimir Putin") or in an appositive make role nominals
("the Russian president") resolvable (roles.py); pronouns go to the previous quote's speaker or
the most salient compatible person (pronouns.py); organisations are named or referred back to
(organisations.py). A statement without a cue takes its speaker from its neighbours, an
interview's answer from its introduction (neighbours.py), a first-person opinion piece's "I" from
its byline or author note (authorship.py), and a role in the lede from the next speaker the
article introduces (roles.py). Every resolution keeps a short reason, a rule id and a confidence in
[0, 1]. Importing this package registers the component (component.py).
"""
from nlp.resolution.component import Resolver, make_resolver
from nlp.resolution.people import People, Person
from nlp.resolution.rules import Resolved

__all__ = ["People", "Person", "Resolved", "Resolver", "make_resolver"]
