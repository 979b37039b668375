"""Accounts and personal API tokens (``ROLLCOACH_AUTH=accounts``; spec/interface.md, HTTP)."""

from datetime import datetime

from fastapi import Depends, HTTPException, Request, status
from pydantic import BaseModel, Field

from rollcoach.history.accounts import EmailTaken
from rollcoach.web.auth import (
    API_KIND,
    ViewerDep,
    check_csrf_unless_token,
    services_of,
)
from rollcoach.web.ids import RecordId
from rollcoach.web.login import Credentials, TooManyAttempts, client_of, sign_in, sign_up
from rollcoach.web.routing import api_router
from rollcoach.web.security import digest, new_token
from rollcoach.web.services import Services

router = api_router("accounts")
CsrfChecked = Depends(check_csrf_unless_token)


class AccountOut(BaseModel):
    id: int
    email: str


class TokenRequest(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)
    label: str | None = Field(default=None, max_length=100)


class TokenOut(BaseModel):
    token: str


class TokenInfo(BaseModel):
    id: int
    label: str | None
    created_at: datetime


def _accounts_on(request: Request) -> Services:
    services = services_of(request)
    if not services.accounts_on:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, "accounts are off: this server runs ROLLCOACH_AUTH=single"
        )
    return services


@router.post(
    "/accounts",
    status_code=status.HTTP_201_CREATED,
    dependencies=[CsrfChecked],
    responses={409: {"description": "The email has an account."}},
)
def create_account(body: Credentials, request: Request) -> AccountOut:
    try:
        account = sign_up(_accounts_on(request), body)
    except EmailTaken as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
    return AccountOut(id=account.user_id, email=account.email)


@router.post(
    "/tokens",
    dependencies=[CsrfChecked],
    responses={
        401: {"description": "Wrong email or password."},
        429: {"description": "Too many failed sign-ins."},
    },
)
def create_token(body: TokenRequest, request: Request) -> TokenOut:
    """A personal API token; shown once, only its digest is kept."""
    services = _accounts_on(request)
    client = client_of(request)
    try:
        account = sign_in(services, body.email, body.password, client)
    except TooManyAttempts as error:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, str(error)) from error
    if account is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong email or password")
    token = new_token()
    services.accounts.add_token(account.user_id, API_KIND, digest(token), body.label, None)
    return TokenOut(token=token)


@router.get("/tokens")
def list_tokens(request: Request, viewer: ViewerDep) -> list[TokenInfo]:
    services = _accounts_on(request)
    assert viewer.user_id is not None
    rows = services.accounts.tokens(viewer.user_id, API_KIND)
    return [TokenInfo(id=i, label=label, created_at=created) for i, label, created in rows]


@router.delete(
    "/tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"description": "No such token of yours."}},
)
def revoke_token(token_id: RecordId, request: Request, viewer: ViewerDep) -> None:
    services = _accounts_on(request)
    assert viewer.user_id is not None
    if not services.accounts.revoke_token(viewer.user_id, token_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such token")
