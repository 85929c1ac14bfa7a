"""Quote check: is a pasted quote in the stored sources, said by the claimed person, in these words?

service (check_quote), sources (candidate passages by full-text search), speakers (does the claimed
speaker agree) and results (the typed answer: the API's response model, the page's and the CLI's input).
"""
from app.services.check.results import EXACT_WORDING, CheckMatch, CheckResult
from app.services.check.service import DEFAULT_LIMIT, CheckError, check_quote
from app.services.check.speakers import names_agree

__all__ = ["DEFAULT_LIMIT", "EXACT_WORDING", "CheckError", "CheckMatch", "CheckResult", "check_quote", "names_agree"]
