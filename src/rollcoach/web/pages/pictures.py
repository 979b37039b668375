"""The technique and stretch pictures as SVG, and the template helpers that place them.

Public and cacheable: a picture holds no runner's data, and the player fetches the same
address again on every step, so a day's browser cache spares the server the drawing.
"""

from typing import Any

from fastapi import HTTPException
from fastapi.responses import JSONResponse, Response

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


def _technique_key(picture_id: str, position: str | None) -> tuple[str, str, str | None]:
    """The id's area, tool and variant; a step's ``position`` picks the variant if none named."""
    try:
        area, tool, variant = parse_technique_id(picture_id)
        if variant is None and position:
            variant = variant_for(area, tool, position)
        technique_picture(area, tool, variant)
    except KeyError:
        raise HTTPException(404, "no such picture") from None
    return area, tool, variant


def _stretch_area(area: str) -> str:
    try:
        stretch_picture(area)
    except KeyError:
        raise HTTPException(404, "no such picture") from None
    return area


@router.get("/pictures/technique/{picture_id}.svg")
def technique_svg(picture_id: str, position: str | None = None) -> Response:
    """``/pictures/technique/calves.foam-roller.svg``; a variant adds ``.wall`` or ``.chair``.

    The player knows a step's area, tool and position, not its variant: ``?position=``
    (``glutes.massage-ball.svg?position=standing``) finds the one drawn in that position.
    """
    picture = technique_picture(*_technique_key(picture_id, position))
    return Response(picture.svg, media_type=SVG, headers=CACHE)


@router.get("/pictures/technique/{picture_id}.json")
def technique_json(
    picture_id: str, position: str | None = None, side: str | None = None
) -> JSONResponse:
    """The picture's address and its alt text for one side: what an <img> needs."""
    area, tool, variant = _technique_key(picture_id, position)
    alt = technique_alt(area, tool, variant, side)
    return JSONResponse({"src": technique_url(area, tool, variant), "alt": alt}, headers=CACHE)


@router.get("/pictures/stretch/{area}.svg")
def stretch_svg(area: str) -> Response:
    picture = stretch_picture(_stretch_area(area))
    return Response(picture.svg, media_type=SVG, headers=CACHE)


@router.get("/pictures/stretch/{area}.json")
def stretch_json(area: str, side: str | None = None) -> JSONResponse:
    src = stretch_url(_stretch_area(area))
    return JSONResponse({"src": src, "alt": stretch_alt(area, side)}, headers=CACHE)


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
