"""quotetrail's vocabulary, shared by `nlp` and `app` and free of spaCy: quotation-mark glyphs
(`marks`), how names are written and compared (`names`) and the word lists in nlp/resources
(`wordlists`)."""
