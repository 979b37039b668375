"""SAFE-1..4, SAFE-6 and SAFE-9: the reasons that refuse a session outright."""

from collections.abc import Iterator

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import BoneStressScreen, PlanRequest
from rollcoach.models.plan_response import Refusal, RefusalReason

# SAFE-4's screen points (evidence.md, PMC7485018): 3 or more means suspected.
SCREEN_POINTS = {"bony_tenderness": 3, "prior_bone_stress": 2, "high_arch": 2, "volume_jump": 1}
SCREEN_THRESHOLD = 3


def bone_stress_score(screen: BoneStressScreen) -> int:
    """The four-question score of SAFE-4 (the hop test is judged on its own)."""
    return sum(points for item, points in SCREEN_POINTS.items() if getattr(screen, item))


Found = tuple[str, RefusalReason]  # (advice key, reason)


def _reason(k: Knowledge, code: str, key: str | None = None, **fill: object) -> Found:
    entry = k.messages.refusals[key or code]
    reason = RefusalReason(code=code, message=entry.message.format(**fill), rules=entry.rules)
    return entry.advice, reason


def _condition_reasons(req: PlanRequest, k: Knowledge) -> Iterator[Found]:
    for condition in dict.fromkeys(req.athlete.conditions):
        yield _reason(k, condition)


def _bone_stress_reasons(req: PlanRequest, k: Knowledge) -> Iterator[Found]:
    screen = req.athlete.screen
    if screen.hop_pain:
        yield _reason(k, "hop-pain")
    score = bone_stress_score(screen)
    if score >= SCREEN_THRESHOLD:
        items = [k.messages.screen_items[i] for i in SCREEN_POINTS if getattr(screen, i)]
        yield _reason(k, "bone-stress-screen", score=score, items=", ".join(items))


def _injury_sign_reasons(req: PlanRequest, k: Knowledge) -> Iterator[Found]:
    for injury in req.injuries:
        if injury.signs:
            signs = " and ".join(dict.fromkeys(injury.signs))
            yield _reason(k, "injury-signs", area=injury.area, signs=signs)


def _symptom_reasons(req: PlanRequest, k: Knowledge) -> Iterator[Found]:
    for symptom in dict.fromkeys(req.symptoms):
        yield _reason(k, symptom, "symptom", symptom=symptom.replace("-", " "))


def _nothing_to_screen(req: PlanRequest) -> bool:
    """No condition, symptom, injury or screen answer: the common case, so a fast path."""
    athlete = req.athlete
    return (
        not athlete.conditions
        and not req.symptoms
        and not req.injuries
        and athlete.screen == _NO_ANSWERS
    )


_NO_ANSWERS = BoneStressScreen()


def screen_refusal(req: PlanRequest, k: Knowledge) -> Refusal | None:
    """Every reason not to roll at all, with advice; ``None`` when rolling is safe."""
    if _nothing_to_screen(req):
        return None
    found = [
        *_condition_reasons(req, k),
        *_bone_stress_reasons(req, k),
        *_injury_sign_reasons(req, k),
        *_symptom_reasons(req, k),
    ]
    if not found:
        return None
    advice = " ".join(k.messages.advice[key] for key in dict.fromkeys(key for key, _ in found))
    return Refusal(reasons=[reason for _, reason in found], advice=advice)
