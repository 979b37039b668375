"""The technique and stretch pictures as SVG, and the template helpers that place them.

Public and cacheable: a picture holds no runner's data, and the player fetches the same
address again on every step, so a day's browser cache spares the server the drawing.
"""

from typing import Any

from fastapi import HTTPException
from fastapi.responses import Response

from rollcoach.pictures import (
    parse_technique_id,
    stretch_alt,
    stretch_picture,
    stretch_url,
    technique_alt,
    technique_picture,
    technique_url,
    variant_for,
)
from rollcoach.web.render import TEMPLATES
from rollcoach.web.routing import page_router

router = page_router()
CACHE = {"Cache-Control": "public, max-age=86400"}
SVG = "image/svg+xml"


@router.get("/pictures/technique/{picture_id}.svg")
def technique_svg(picture_id: str) -> Response:
    """``/pictures/technique/calves.foam-roller.svg``; a variant adds ``.wall`` or ``.chair``."""
    try:
        area, tool, variant = parse_technique_id(picture_id)
        picture = technique_picture(area, tool, variant)
    except KeyError:
        raise HTTPException(404, "no such picture") from None
    return Response(picture.svg, media_type=SVG, headers=CACHE)


@router.get("/pictures/stretch/{area}.svg")
def stretch_svg(area: str) -> Response:
    try:
        picture = stretch_picture(area)
    except KeyError:
        raise HTTPException(404, "no such picture") from None
    return Response(picture.svg, media_type=SVG, headers=CACHE)


def step_picture(step: Any) -> dict[str, str]:
    """A plan step's picture address and alt text naming its side ("the left calf")."""
    variant = variant_for(step.area, step.tool, step.position)
    return {
        "src": technique_url(step.area, step.tool, variant),
        "alt": technique_alt(step.area, step.tool, variant, step.side),
    }


def stretch_picture_for(stretch: Any) -> dict[str, str]:
    return {"src": stretch_url(stretch.area), "alt": stretch_alt(stretch.area, stretch.side)}


TEMPLATES.env.globals["step_picture"] = step_picture
TEMPLATES.env.globals["stretch_picture"] = stretch_picture_for
