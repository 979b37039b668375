"""What pages share: who is looking (or a redirect to sign in) and the form helpers."""

from typing import Annotated, NoReturn

from fastapi import Depends, HTTPException, Request, status
from fastapi.responses import RedirectResponse

from rollcoach.web.auth import Viewer, browser_viewer


def page_viewer(request: Request) -> Viewer:
    """The signed-in athlete; with nobody signed in, 401 (shown as the sign-in page)."""
    viewer = browser_viewer(request)
    if viewer is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "sign in first")
    return viewer


PageViewer = Annotated[Viewer, Depends(page_viewer)]


def back_to(path: str) -> RedirectResponse:
    """After a form: go to the page (POST, redirect, GET), so a reload never posts twice."""
    return RedirectResponse(path, status.HTTP_303_SEE_OTHER)


def not_yours() -> NoReturn:
    """Another athlete's record, or none: the same 404 either way."""
    raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
