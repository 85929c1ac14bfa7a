"""schemathesis generates requests from the app's own OpenAPI schema (bounded): no input makes a 5xx."""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Err, Ok

# Examples per operation: enough to reach odd Unicode, huge numbers and empty strings in every
# parameter, few enough that the whole run stays within seconds.
EXAMPLES_PER_OPERATION = 25


def test_no_request_the_schema_allows_makes_a_server_error(module_writable_app):
    # A private copy of the collection: POST /api/articles really stores what the fuzzer sends.
    schema = schemathesis.openapi.from_asgi("/openapi.json", module_writable_app)
    results = list(schema.get_all_operations())
    assert [result.err() for result in results if isinstance(result, Err)] == []  # the schema itself is valid
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) >= 10
    server_errors = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def no_server_error(case):
            response = case.call()
            if response.status_code >= 500:
                server_errors.append((case.method, case.formatted_path, case.query, case.body, response.text[:300]))

        no_server_error()
    assert server_errors == []
