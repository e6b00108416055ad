"""The project's data files of places: the establishments the protocol covers
(``intake/data/establishments.json``) and the places outside it (``out_of_scope_places.yaml``).

Read here without the database layer or the fuzzy look-up (``intake.core.establishments``), so
that what only needs the names (the classifier's ``{establishment}`` words, the interview's list
of places in Wales) starts without SQLAlchemy.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter

from intake.core.vocabulary import EstablishmentType


class EstablishmentRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    type: EstablishmentType
    also_yoi: bool
    country: str
    code: str | None
    operator: str
    aliases: tuple[str, ...]

    @property
    def holds_children(self) -> bool:
        return self.type in (EstablishmentType.YOI, EstablishmentType.STC)


class OutOfScopePlace(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    covered_by: str
    patterns: tuple[str, ...]
    #: Set for places outside the protocol because of where they are: an establishment the
    #: protocol covers in that country (Dungavel, in Scotland) is not one of them.
    country: str | None = None


def _read_package_file(name: str) -> str:
    return resources.files("intake").joinpath("data", name).read_text(encoding="utf-8")


@cache
def reference_establishments() -> tuple[EstablishmentRecord, ...]:
    """The establishments in the project's data file."""
    data = json.loads(_read_package_file("establishments.json"))
    adapter = TypeAdapter(list[EstablishmentRecord])
    return tuple(adapter.validate_python(data["establishments"]))


@cache
def out_of_scope_places() -> tuple[OutOfScopePlace, ...]:
    data = yaml.safe_load(_read_package_file("out_of_scope_places.yaml"))
    return tuple(TypeAdapter(list[OutOfScopePlace]).validate_python(data))
