"""Pictures of every technique and stretch, drawn from pose data by one SVG renderer.

poses.yaml holds the poses (directions of each body segment), per area where the tool
and the highlight go, and per technique its pose; svg.py draws them all in one style.
A new technique in the knowledge base needs one line in poses.yaml (a test says so).
Served by web/pages/pictures.py:

- ``/pictures/technique/{area}.{tool}[.{variant}].svg`` (``?position=`` picks the variant)
- ``/pictures/stretch/{area}.svg``
- the same with ``.json`` (and ``?side=left``): ``{"src": ..., "alt": ...}`` for an <img>
"""

from rollcoach.pictures.catalog import (
    Picture,
    parse_technique_id,
    stretch_alt,
    stretch_picture,
    stretch_url,
    technique_alt,
    technique_id,
    technique_picture,
    technique_url,
    variant_for,
)

__all__ = [
    "Picture",
    "parse_technique_id",
    "stretch_alt",
    "stretch_picture",
    "stretch_url",
    "technique_alt",
    "technique_id",
    "technique_picture",
    "technique_url",
    "variant_for",
]
