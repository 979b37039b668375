"""One renderer for every picture: figure, tool, highlight, passes arrow, floor and props.

Drawn from data (poses.yaml) so the sixty-odd pictures share one style and a new
technique needs a line of data, not a drawing. No text inside: the words are the alt
text, and the colours switch with the reader's light or dark mode.
"""

import math
from xml.sax.saxutils import escape

from rollcoach.pictures.figure import HEAD_R, WIDTH, Figure, Point, along, build
from rollcoach.pictures.model import Facing, Pose, Spot

STYLE = (
    ".b{fill:none;stroke:#24453d;stroke-linecap:round;stroke-linejoin:round}"
    ".f{fill:none;stroke:#9db0a9;stroke-linecap:round;stroke-linejoin:round}"
    ".hd{fill:#24453d}.hi{fill:none;stroke:#e0662f;stroke-linecap:round}"
    ".t{fill:#f2c14e;stroke:#6b4f00;stroke-width:1}.te{fill:none;stroke:#6b4f00;stroke-width:1}"
    ".ts{fill:none;stroke:#d99a0b;stroke-linecap:round;stroke-linejoin:round}"
    ".a{fill:none;stroke:#1a55c4;stroke-linecap:round;stroke-linejoin:round}"
    ".g{fill:none;stroke:#aab5b0;stroke-linecap:round}"
    ".p{fill:none;stroke:#7d8b85;stroke-linecap:round;stroke-linejoin:round}"
    "@media (prefers-color-scheme:dark){.b{stroke:#e4eee9}.hd{fill:#e4eee9}.f{stroke:#6e817a}"
    ".hi{stroke:#ff8a5c}.a{stroke:#8fb5ff}.g{stroke:#55645e}.p{stroke:#8d9b95}}"
)
FACING: dict[Facing, Point] = {"down": (0, 1), "up": (0, -1), "left": (-1, 0), "right": (1, 0)}


class Canvas:
    """SVG elements in drawing order, and the box they cover (the viewBox fits it)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.box = [math.inf, math.inf, -math.inf, -math.inf]

    def cover(self, p: Point, r: float = 0.0) -> None:
        self.box = [
            min(self.box[0], p[0] - r), min(self.box[1], p[1] - r),
            max(self.box[2], p[0] + r), max(self.box[3], p[1] + r),
        ]  # fmt: skip

    def line(self, points: list[Point], cls: str, width: float) -> None:
        for p in points:
            self.cover(p, width / 2)
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        self.parts.append(f'<polyline class="{cls}" stroke-width="{width:g}" points="{coords}"/>')

    def circle(self, c: Point, r: float, cls: str) -> None:
        self.cover(c, r)
        self.parts.append(f'<circle class="{cls}" cx="{c[0]:.1f}" cy="{c[1]:.1f}" r="{r:g}"/>')

    def svg(self, title: str) -> str:
        pad = 3.0
        x0, y0, x1, y1 = self.box
        side = max(x1 - x0, y1 - y0, 84.0) + 2 * pad  # one scale for compact poses too
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        view = f"{cx - side / 2:.1f} {cy - side / 2:.1f} {side:.1f} {side:.1f}"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" role="img">'
            f"<title>{escape(title)}</title><style>{STYLE}</style>{''.join(self.parts)}</svg>"
        )


def _unit(a: Point, b: Point) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    return (dx / n, dy / n)


def _add(p: Point, v: Point, k: float) -> Point:
    return (p[0] + v[0] * k, p[1] + v[1] * k)


def _normal(u: Point, facing: Facing) -> Point:
    """The perpendicular of a segment on the side the tool presses from."""
    want = FACING[facing]
    left, right = (u[1], -u[0]), (-u[1], u[0])
    lean = left[0] * want[0] + left[1] * want[1]
    return left if lean >= 0 else right


def _draw_body(c: Canvas, fig: Figure, near: bool) -> None:
    cls = "b" if near else "f"
    leg = fig.near_leg if near else fig.far_leg
    arm = fig.near_arm if near else fig.far_arm
    c.line([fig.hip, leg.knee], cls, WIDTH["thigh"])
    c.line([leg.knee, leg.ankle, leg.toe], cls, WIDTH["shank"])
    if near:
        c.line([fig.hip, fig.neck], cls, WIDTH["torso"])
        c.circle(fig.head, HEAD_R, "hd")
    if arm is not None:
        c.line([fig.neck, arm.elbow, arm.wrist], cls, WIDTH["forearm"])


def _draw_tool(c: Canvas, tool: str, p: Point, u: Point, n: Point, half: float) -> Point:
    """The tool pressed on ``p`` from the side ``n``; returns its far edge (floor or wall)."""
    if tool == "foam-roller":
        centre = _add(p, n, half + 6)
        c.circle(centre, 6, "t")
        c.circle(centre, 2, "te")
        return _add(centre, n, 6)
    if tool == "peanut-ball":
        centre = _add(p, n, half + 4)
        for k in (-3.8, 3.8):
            c.circle(_add(centre, u, k), 4, "t")
        return _add(centre, n, 4)
    if tool == "massage-stick":
        mid = _add(p, n, half + 1.6)
        a, b = _add(mid, u, -11), _add(mid, u, 11)
        c.line([a, b], "ts", 2.6)
        for end, k in ((a, -1), (b, 1)):
            c.line([end, _add(end, u, 4 * k)], "ts", 5)
        return mid
    if tool == "hip-hook":
        tip = _add(p, n, half + 1)
        bend = _add(tip, n, 7)
        end = _add(_add(bend, u, -22), n, 3)
        c.line([_add(tip, u, 3), tip, _add(bend, u, 3), bend, end], "ts", 3)
        return end
    r = 5.6 if tool == "hip-release-ball" else 4.4
    centre = _add(p, n, half + r)
    c.circle(centre, r, "t")
    if tool == "hip-release-ball":
        c.line([_add(centre, n, -r * 0.9), _add(centre, n, r * 0.9)], "te", 1)
    return _add(centre, n, r)


def _draw_arrow(c: Canvas, a: Point, b: Point, n: Point, offset: float) -> None:
    """A two-headed arrow beside the worked stretch: the passes go both ways."""
    u = _unit(a, b)
    if math.dist(a, b) < 14:  # a short spot (a foot, a hip) still gets a readable arrow
        mid = along(a, b, 0.5)
        a, b = _add(mid, u, -7), _add(mid, u, 7)
    a, b = _add(a, n, -offset), _add(b, n, -offset)
    c.line([a, b], "a", 2.4)  # bold enough to read at 64 px
    for tip, k in ((a, 1), (b, -1)):
        back = _add(tip, u, 4 * k)
        c.line([_add(back, n, 3), tip, _add(back, n, -3)], "a", 2.4)


def _draw_props(c: Canvas, pose: Pose, fig: Figure, wall_x: float | None, floor: float) -> None:
    top = c.box[1] - 3
    if "wall" in pose.props or wall_x is not None:
        if wall_x is None:
            wrists = [fig.near_arm.wrist] + ([fig.far_arm.wrist] if fig.far_arm else [])
            x = max(w[0] for w in wrists) + 2.5
            wall_x = x if x > fig.hip[0] else min(w[0] for w in wrists) - 2.5
        c.line([(wall_x, floor), (wall_x, top)], "p", 2.5)
    if "chair" in pose.props:  # a seat under the hips, with its back behind them
        seat = fig.hip[1] + WIDTH["torso"] / 2 + 1
        back_x, front_x = fig.hip[0] - 9, fig.hip[0] + 8
        c.line([(front_x, floor), (front_x, seat), (back_x, seat), (back_x, floor)], "p", 2)
        c.line([(back_x, seat), (back_x - 2, seat - 18)], "p", 2)
    if "step" in pose.props:  # a low step or chair seat under the raised heel
        ankle = fig.near_leg.ankle
        top = ankle[1] + WIDTH["shank"] / 2 + 1
        c.line(
            [
                (ankle[0] - 6, floor),
                (ankle[0] - 6, top),
                (ankle[0] + 8, top),
                (ankle[0] + 8, floor),
            ],
            "p",
            2,
        )


def render(pose: Pose, title: str, spot: Spot, tool: str | None, contact: Facing) -> str:
    """A pose with its highlight; with a tool, the tool under it and the passes' arrow."""
    fig = build(pose)
    c = Canvas()
    _draw_body(c, fig, near=False)
    a, b = fig.segment(spot)
    u = _unit(a, b)
    n = _normal(u, contact)
    half = WIDTH[spot.segment] / 2
    start, end = fig.span(spot)
    wall_x: float | None = None
    tool_parts: list[str] = []
    if tool is not None:
        tool_canvas = Canvas()
        edge = _draw_tool(tool_canvas, tool, along(start, end, 0.5), u, n, half)
        tool_parts = tool_canvas.parts
        x0, y0, x1, y1 = tool_canvas.box
        c.cover((x0, y0))
        c.cover((x1, y1))
        if contact in ("left", "right") and tool != "massage-stick":
            wall_x = edge[0] + (1.2 if contact == "right" else -1.2)
    _draw_body(c, fig, near=True)
    c.line([start, end], "hi", WIDTH[spot.segment] + 0.6)
    return _finish(c, pose, fig, title, wall_x, tool_parts, (start, end, n, half, tool is not None))


def _finish(
    c: Canvas,
    pose: Pose,
    fig: Figure,
    title: str,
    wall_x: float | None,
    tool_parts: list[str],
    arrow: tuple[Point, Point, Point, float, bool],
) -> str:
    start, end, n, half, passes = arrow
    c.parts = tool_parts + c.parts
    if passes:
        _draw_arrow(c, start, end, n, half + 4)
    floor = c.box[3] + 0.5
    _draw_props(c, pose, fig, wall_x, floor)
    c.line([(c.box[0] - 2, floor), (c.box[2] + 2, floor)], "g", 1.5)
    return c.svg(title)
