"""The rule catalogue with sources and evidence grades."""

from fastapi import Request
from fastapi.responses import HTMLResponse

from rollcoach.knowledge import load_knowledge
from rollcoach.web.pages.common import PageViewer
from rollcoach.web.render import render
from rollcoach.web.routing import page_router

router = page_router()


@router.get("/rules", response_class=HTMLResponse)
def rules_page(request: Request, viewer: PageViewer) -> HTMLResponse:
    knowledge = load_knowledge()
    families: dict[str, list[object]] = {}
    for rule in knowledge.rules.values():
        families.setdefault(rule.family, []).append(rule)
    waiting = [rule.id for rule in knowledge.rules.values() if not rule.applied]
    context = {"title": "Rules", "families": families, "waiting": waiting}
    return render(request, "rules.html", context)
