"""Small run files written by the tests themselves (the shared real files are an extra layer)."""

from datetime import datetime, timedelta

GPX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gpx version="1.1" creator="rollcoach tests" xmlns="http://www.topografix.com/GPX/1/1">'
)


def run_gpx(start: datetime, minutes: int, name: str = "Morning run") -> bytes:
    """A run north along a meridian, one point a minute, about 170 m a minute."""
    points = []
    for i in range(minutes + 1):
        moment = (start + timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(
            f'<trkpt lat="{46.0 + i * 0.0015:.6f}" lon="14.000000">'
            f"<ele>{300 + i % 5}</ele><time>{moment}</time></trkpt>"
        )
    track = f"<trk><name>{name}</name><type>running</type><trkseg>{''.join(points)}</trkseg></trk>"
    return f"{GPX_HEAD}{track}</gpx>".encode()
