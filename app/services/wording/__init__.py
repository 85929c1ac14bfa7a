"""Compare a pasted quote with source text word by word: read what people paste, align it, and name every difference.

words (folding, offsets, function words), paste (reading a pasted quote), alignment (paste against
source words), diff (the one word-diff type, for checks and quote families) and comparison (the verdict).
"""
