"""How a site reads mid-sentence, with the verb that agrees ("calves are", "hip is")."""

from rollcoach.knowledge import Knowledge


def lower_name(name: str) -> str:
    """ "Calves" -> "calves" but "IT band" and "TFL" stay: names are shown mid-sentence."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def site_fill(k: Knowledge, site: str, key: str = "area") -> dict[str, str]:
    """Placeholders for a message about ``site``: its name and the verbs that agree."""
    name, plural = k.names[site]
    return {
        key: lower_name(name),
        "is": "are" if plural else "is",
        "was": "were" if plural else "was",
        "it": "they" if plural else "it",
    }
