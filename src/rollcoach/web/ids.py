"""Record ids in URLs: positive and within a 32-bit integer, like the database's ids."""

from typing import Annotated

from fastapi import Path

MAX_ID = 2_147_483_647
RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="A record id.")]
