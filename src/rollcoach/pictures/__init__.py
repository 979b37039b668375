"""Pictures of every technique and stretch, drawn from pose data by one SVG renderer."""

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
