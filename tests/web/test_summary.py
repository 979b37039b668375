"""SAFE-11's summary to take along: the runner's pain, stops and injuries on one printable page."""

from datetime import datetime, timedelta

from fastapi import FastAPI

from rollcoach.history.records import Checkin, SessionRecord
from rollcoach.models.plan_request import Injury
from tests.web.conftest import signed_up


def athlete_of(app: FastAPI, email: str) -> int:
    account = app.state.services.accounts.account_of_email(email)
    assert account is not None
    return int(account.athlete_id)


def hurt_often(app: FastAPI, athlete_id: int) -> None:
    """Calf pain on three check-ins, a sharp-pain stop on the left hamstrings, a shin injury."""
    store = app.state.services.store
    today = datetime.now().astimezone().date()
    for days_ago, level in ((5, 4), (3, 6), (1, 7)):
        day = today - timedelta(days=days_ago)
        store.add_checkin(athlete_id, Checkin(date=day, pain={"calves": level}))
    started = datetime.now().astimezone() - timedelta(days=2)
    plan = {
        "steps": [{"order": 1, "area": "hamstrings", "side": "left", "name": "Hamstrings"}],
        "excluded": [{"area": "quadriceps", "reason": "pain", "rules": ["SAFE-12"]}],
    }
    record = SessionRecord(
        started_at=started,
        plan=plan,
        stopped_early=True,
        stop_reason="sharp-pain",
        stopped_at_step=1,
    )
    store.record_session(athlete_id, record)
    store.add_injury(athlete_id, Injury(area="shins", side="left", date=today - timedelta(days=4)))


def test_the_summary_shows_repeated_pain_and_the_sharp_pain_stop(accounts_app: FastAPI) -> None:
    ann = signed_up(accounts_app, "ann@example.org")
    ann_id = athlete_of(accounts_app, "ann@example.org")
    hurt_often(accounts_app, ann_id)

    page = ann.get("/summary")
    assert page.status_code == 200
    html = page.text
    held = html[html.index('id="held-out"') : html.index('id="sites-title"')]
    assert "Calves" in held and "Hamstrings" in held
    assert "stopped a session with sharp pain" in held
    assert "3 or more check-ins" in held
    sites = html[html.index('id="pain-sites"') : html.index('id="stops-title"')]
    assert "Calves" in sites and "7/10" in sites
    stops = html[html.index('id="stops"') : html.index('id="checkins-title"')]
    assert "Hamstrings" in stops and "(left)" in stops
    assert html.count("/10") >= 3  # each painful check-in
    assert "Shins" in html[html.index('id="injuries"') :]
    assert "Not answered" in html  # the bone-stress screen, unanswered
    assert "Quadriceps" in html[html.index('id="plans-left-out"') :]
    assert (
        "ISO" not in html and datetime.now().astimezone().date().isoformat() not in html
    )  # dates in words

    today = ann.get("/").text
    left_out = today[today.index('id="skip-title"') :]
    assert 'href="/summary"' in left_out


def test_no_summary_link_without_a_safe11_exclusion(accounts_app: FastAPI) -> None:
    ann = signed_up(accounts_app, "ann@example.org")
    assert 'class="summary-link"' not in ann.get("/").text
    page = ann.get("/summary")
    assert page.status_code == 200
    assert "Nothing is held out" in page.text


def test_another_athlete_gets_404_and_a_coach_gets_the_summary(accounts_app: FastAPI) -> None:
    ann = signed_up(accounts_app, "ann@example.org")
    ann_id = athlete_of(accounts_app, "ann@example.org")
    hurt_often(accounts_app, ann_id)
    bob = signed_up(accounts_app, "bob@example.org")
    assert bob.get(f"/coach/{ann_id}/summary").status_code == 404
    assert "Calves" not in bob.get("/summary").text

    coach = signed_up(accounts_app, "coach@example.org")
    assert coach.get(f"/coach/{ann_id}/summary").status_code == 404  # not granted yet
    assert accounts_app.state.services.accounts.grant_coach(ann_id, "coach@example.org")
    view = coach.get(f"/coach/{ann_id}")
    assert f'href="/coach/{ann_id}/summary"' in view.text
    summary = coach.get(f"/coach/{ann_id}/summary")
    assert summary.status_code == 200
    assert "ann@example.org" in summary.text and "Calves" in summary.text
    assert ann.get("/summary").status_code == 200
