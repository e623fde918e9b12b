"""Field types for the extractor resource schemas: a word list's value that must name one of the
model's closed vocabularies (a modality, an actor type), refused at load when misspelt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator

from ..model import ACTOR_TYPES, MODALITIES


def _one_of(vocabulary: tuple[str, ...], what: str) -> Callable[[str], str]:
    """A pydantic check that a value is in ``vocabulary`` (the message lists the choices)."""

    def check(value: str) -> str:
        """``value`` itself, or a ValueError naming the choices."""
        if value not in vocabulary:
            raise ValueError(f"{value!r} is not a {what} (one of {', '.join(vocabulary)})")
        return value

    return check


#: One of ``claimtrail.model.MODALITIES``.
ModalityName = Annotated[str, AfterValidator(_one_of(MODALITIES, "modality"))]
#: One of ``claimtrail.model.ACTOR_TYPES``.
ActorTypeName = Annotated[str, AfterValidator(_one_of(ACTOR_TYPES, "actor type"))]
