"""Subject classes: what kind of thing a counted noun is (people, weapons, equipment, structures or
other), from the word lists of ``resources/subjects.yaml``.

The events component reads them to know which nouns are counted and to settle the triggers whose
event depends on their object ("lost 3 tanks" is destroyed, "lost 300 men" casualties); the claim
builder gives every subject its class with :func:`subject_class`, and the claims.jsonl reader
derives it the same way for objects written before the class existed. No spaCy here: the contract
reader imports this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import ConfigDict
from typing_extensions import TypedDict

from .. import resources
from ..model import Event, SubjectClass

RESOURCE = "subjects.yaml"


class SubjectsFile(TypedDict):
    """The schema of ``subjects.yaml`` (each section is described in the file)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    classes: dict[SubjectClass, list[str]]
    forces: list[str]
    people_events: list[Event]


@dataclass(frozen=True)
class SubjectClasses:
    """The class of each listed counted noun (lemmas, lower case; two-word entries as written), the
    nouns of armed forces (people too) and the events whose figures count people."""

    words: dict[str, SubjectClass]
    forces: frozenset[str]
    people_events: frozenset[str]

    @property
    def counted_nouns(self) -> frozenset[str]:
        """Every listed noun: the things events happen to."""
        return frozenset(self.words)

    def of(self, normalized: str | None, event: str | None = None) -> SubjectClass:
        """The class of a subject by its normalised head noun; a noun in no class (or none) counts
        people where the event only happens to people, else "other"."""
        found = self.words.get((normalized or "").strip().lower())
        if found is not None:
            return found
        return "people" if event in self.people_events else "other"


@cache
def load_subject_classes(name: str = RESOURCE) -> SubjectClasses:
    """Read, check and index the subject classes of resource ``name`` (once per process); a
    ResourceError names the file and the key when one does not fit."""
    data = resources.load_checked(name, SubjectsFile)
    forces = frozenset(w.strip().lower() for w in data["forces"] if w.strip())
    words: dict[str, SubjectClass] = dict.fromkeys(forces, "people")
    for category, entries in data["classes"].items():
        for entry in entries:
            word = entry.strip().lower()
            if word:
                words.setdefault(word, category)
    return SubjectClasses(words=words, forces=forces, people_events=frozenset(data["people_events"]))


def subject_class(normalized: str | None, event: str | None = None) -> SubjectClass:
    """The class of a subject by the shipped word lists (see :meth:`SubjectClasses.of`)."""
    return load_subject_classes().of(normalized, event)
