"""The athlete's records over HTTP: runs, check-ins, guided sessions, injuries, profile."""

from typing import Annotated, Any

from fastapi import HTTPException, Query, Request, Response, status
from pydantic import BaseModel

from rollcoach.history.profile import Profile
from rollcoach.history.records import (
    Checkin,
    ReportedInjury,
    SessionRecord,
    StoredCheckin,
    StoredInjury,
    StoredSession,
)
from rollcoach.web.auth import ViewerDep, services_of
from rollcoach.web.ids import MAX_ID, RecordId
from rollcoach.web.routing import api_router

router = api_router("history")

RUNS_PAGE, RUNS_MAX = 100, 1000  # 1,500 runs in one answer were 431 KB
Limit = Annotated[int, Query(ge=1, le=RUNS_MAX, description="How many runs, at most.")]
# Runs cannot outnumber ids (ids.py); the bound keeps numbers SQLite cannot hold out of SQL.
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="How many of the newest to skip.")]
PAGE_HEADERS = {
    "X-Total-Count": {
        "description": "How many runs are stored in all.",
        "schema": {"type": "integer"},
    },
    "Link": {
        "description": 'The next page, as `<URL>; rel="next"`; absent on the last page.',
        "schema": {"type": "string"},
    },
}


class Created(BaseModel):
    id: int


@router.get("/runs", tags=["history"], responses={200: {"headers": PAGE_HEADERS}})
def runs(
    request: Request,
    response: Response,
    viewer: ViewerDep,
    limit: Limit = RUNS_PAGE,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    """Stored activities, newest first, a page at a time: items as in ``rollcoach log --json``.

    Follow the ``Link`` header's ``rel="next"`` address for the next page;
    ``X-Total-Count`` says how many there are in all.
    """
    store = services_of(request).store
    total = store.activity_count(viewer.athlete_id)
    response.headers["X-Total-Count"] = str(total)
    if offset + limit < total:
        following = request.url.include_query_params(limit=limit, offset=offset + limit)
        response.headers["Link"] = f'<{following}>; rel="next"'
    return store.log_rows(viewer.athlete_id, limit=limit, offset=offset)


@router.get("/checkins", tags=["history"])
def checkins(request: Request, viewer: ViewerDep) -> list[StoredCheckin]:
    return services_of(request).store.checkins(viewer.athlete_id)


@router.post("/checkins", status_code=status.HTTP_201_CREATED, tags=["history"])
def add_checkin(body: Checkin, request: Request, viewer: ViewerDep) -> Created:
    return Created(id=services_of(request).store.add_checkin(viewer.athlete_id, body))


@router.get("/sessions", tags=["history"])
def sessions(request: Request, viewer: ViewerDep) -> list[StoredSession]:
    return services_of(request).store.sessions(viewer.athlete_id)


@router.post("/sessions", status_code=status.HTTP_201_CREATED, tags=["history"])
def add_session(body: SessionRecord, request: Request, viewer: ViewerDep) -> Created:
    """A guided session as it went (the player saves done, partial and sharp-pain stops)."""
    return Created(id=services_of(request).store.record_session(viewer.athlete_id, body))


@router.get("/injuries", tags=["profile"])
def injuries(
    request: Request,
    viewer: ViewerDep,
    include_cleared: Annotated[bool, Query(alias="all")] = False,
) -> list[StoredInjury]:
    """Open injuries; ``?all=true`` adds the cleared ones."""
    store = services_of(request).store
    return store.list_injuries(viewer.athlete_id, include_cleared=include_cleared)


@router.post("/injuries", status_code=status.HTTP_201_CREATED, tags=["profile"])
def add_injury(body: ReportedInjury, request: Request, viewer: ViewerDep) -> Created:
    return Created(id=services_of(request).store.add_injury(viewer.athlete_id, body))


@router.post(
    "/injuries/{injury_id}/clear",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["profile"],
    responses={404: {"description": "No such injury of yours."}},
)
def clear_injury(injury_id: RecordId, request: Request, viewer: ViewerDep) -> None:
    if not services_of(request).store.clear_injury(viewer.athlete_id, injury_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such injury")


@router.get("/profile", tags=["profile"])
def profile(request: Request, viewer: ViewerDep) -> Profile:
    return services_of(request).store.get_profile(viewer.athlete_id)


@router.put("/profile", tags=["profile"])
def save_profile(body: Profile, request: Request, viewer: ViewerDep) -> Profile:
    """Replace the whole profile (age, level, sedentary, conditions, screen, tools)."""
    store = services_of(request).store
    store.save_profile(viewer.athlete_id, body)
    return store.get_profile(viewer.athlete_id)
