"""Score quote extraction against gold statements: the project's own samples and the PolNeAR corpus.

`scoring` matches statements (and their segments) and counts; `speakers` decides whether a predicted
speaker names the gold source, of any type; `reporting` prints the tables; `samples`, `articles` and
`polnear` read the gold of each corpus; `runs` runs the pipeline over a corpus and scores it
(`quotetrail eval`).
Importing this package does not import spaCy.
"""
from nlp.evaluation.articles import article_gold, locate_parts
from nlp.evaluation.polnear import (
    POLNEAR_NOTES,
    BratAttribution,
    PolnearDocument,
    ResolvedSource,
    is_quoted,
    load_resolved,
    load_sources,
    parse_brat,
    polnear_annotation_files,
    polnear_gold,
    read_polnear,
)
from nlp.evaluation.reporting import format_report
from nlp.evaluation.runs import (
    evaluate_articles,
    evaluate_polnear,
    evaluate_samples,
    predicted_statements,
    run_pipeline,
)
from nlp.evaluation.samples import (
    GoldError,
    load_expected,
    locate_expected_quote,
    locate_mention,
    paragraph_spans,
    sample_gold,
)
from nlp.evaluation.scoring import (
    KIND_GROUPS,
    LEVELS,
    OVERLAP_LEVELS,
    QUOTED_KINDS,
    Counts,
    Ratio,
    Report,
    ScoredDocument,
    Scores,
    Span,
    Statement,
    covered_share,
    match_statements,
    merged,
    score,
    segments,
    spans_overlap,
    trimmed_span,
)
from nlp.evaluation.speakers import (
    SourceAnnotation,
    head_noun,
    is_acronym_of,
    name_key,
    names_match,
    organisations_match,
    speaker_named_right,
)

__all__ = [
    "KIND_GROUPS", "LEVELS", "OVERLAP_LEVELS", "POLNEAR_NOTES", "QUOTED_KINDS",
    "BratAttribution", "Counts", "GoldError", "PolnearDocument", "Ratio", "Report", "ResolvedSource",
    "Scores", "ScoredDocument", "SourceAnnotation", "Span", "Statement",
    "article_gold", "covered_share", "evaluate_articles", "evaluate_polnear", "evaluate_samples",
    "format_report", "head_noun", "is_acronym_of", "is_quoted", "load_expected", "load_resolved",
    "load_sources", "locate_expected_quote", "locate_mention", "locate_parts", "match_statements", "merged",
    "name_key", "names_match", "organisations_match", "paragraph_spans", "parse_brat",
    "polnear_annotation_files", "polnear_gold", "predicted_statements", "read_polnear", "run_pipeline",
    "sample_gold", "score", "segments", "speaker_named_right", "spans_overlap", "trimmed_span",
]
