"""Memory of the kiosk: the proportional set size (PSS) of the app and every process below it
(WebKit's web and network processes), from /proc/PID/smaps_rollup, and an SVG plot of the samples
written by hand (no plotting dependency).
"""

import array
import os


def descendants(pid):
    """`pid` and every process below it."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # The command name is in parentheses and may hold spaces: split after the last ')'.
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def rollup_kib(pid):
    """(PSS, private, RSS, anonymous) of one process in KiB. PSS shares each shared page among the
    processes mapping it, so it drops while other WebKit apps run on the machine, and so does private
    memory (a library page another process maps is no longer private). RSS and anonymous memory (the
    heaps: where a leak shows) do not depend on other processes."""
    fields = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                parts = line.split()
                if len(parts) >= 2 and parts[1].isdigit():
                    fields[parts[0].rstrip(":")] = int(parts[1])
    except OSError:
        pass
    private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return fields.get("Pss", 0), private, fields.get("Rss", 0), fields.get("Anonymous", 0)


def process_name(pid):
    try:
        with open(f"/proc/{pid}/comm") as comm:
            return comm.read().strip()
    except OSError:
        return "?"


def sample(app_pid):
    """Memory in KiB of the app and its processes: (PSS, private, RSS, anonymous, {"app" or name: PSS})."""
    parts, private, rss, anonymous = {}, 0, 0, 0
    for pid in descendants(app_pid):
        name = "app" if pid == app_pid else process_name(pid)
        pss, own, resident, anon = rollup_kib(pid)
        parts[name] = parts.get(name, 0) + pss
        private += own
        rss += resident
        anonymous += anon
    return sum(parts.values()), private, rss, anonymous, parts


def write_svg(path, series, title, limit_mib=None):
    """A line plot of named series of (session, MiB) points [(label, points, colour)], with the
    target as a dashed line when given."""
    width, height = 720, 400
    left, right, top, bottom = 70, 20, 40, 50
    xs = [p[0] for _, points, _ in series for p in points] or [0]
    ys = [p[1] for _, points, _ in series for p in points] or [0]
    x_max = max(max(xs), 1)
    y_top = max(ys + ([limit_mib] if limit_mib else [])) * 1.1
    y_bottom = 0

    def x(value):
        return left + (width - left - right) * value / x_max

    def y(value):
        return height - bottom - (height - top - bottom) * (value - y_bottom) / (y_top - y_bottom)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">{escape(title)}</text>',
    ]
    step = nice_step(y_top)
    tick = 0.0
    while tick <= y_top:
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
        tick += step
    x_step = nice_step(x_max)
    tick = 0.0
    while tick <= x_max:
        out.append(f'<text x="{x(tick):.1f}" y="{height - bottom + 18}" text-anchor="middle">{tick:g}</text>')
        tick += x_step
    out.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{height - bottom}" stroke="black"/>'
        f'<line x1="{left}" x2="{width - right}" y1="{height - bottom}" y2="{height - bottom}" stroke="black"/>'
    )
    out.append(
        f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">patient sessions</text>'
    )
    out.append(
        f'<text x="16" y="{(top + height - bottom) / 2}" text-anchor="middle" '
        f'transform="rotate(-90 16 {(top + height - bottom) / 2})">MiB (app + WebKit processes)</text>'
    )
    if limit_mib:
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(limit_mib):.1f}" y2="{y(limit_mib):.1f}" '
            f'stroke="#b00" stroke-dasharray="6 4"/>'
            f'<text x="{width - right - 4}" y="{y(limit_mib) - 6:.1f}" text-anchor="end" fill="#b00">'
            f"target {limit_mib:g} MiB</text>"
        )
    for number, (label, points, colour) in enumerate(series):
        if points:
            line = " ".join(f"{x(px):.1f},{y(py):.1f}" for px, py in points)
            out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
            for px, py in points:
                out.append(f'<circle cx="{x(px):.1f}" cy="{y(py):.1f}" r="3" fill="{colour}"/>')
        legend_y = top + 14 + 16 * number
        out.append(
            f'<line x1="{left + 12}" x2="{left + 36}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="2"/>'
            f'<text x="{left + 42}" y="{legend_y}">{escape(label)}</text>'
        )
    out.append("</svg>")
    with open(path, "w") as svg:
        svg.write("\n".join(out) + "\n")


def nice_step(span):
    """A round grid step giving about five to ten lines over `span`."""
    step = 1.0
    while span / step > 10:
        for factor in (2, 2.5, 2):
            step *= factor
            if span / step <= 10:
                break
    return step


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def alone_kib(app_pid):
    """The PSS the app and its processes would have alone on the machine: the number of distinct
    resident pages they map (each page's PSS shares add up to one page within the group when no
    other process maps it). Unlike PSS, it does not drop while other WebKit apps run beside the
    soak (other tests on a shared machine). Reads /proc/PID/pagemap, which needs root."""
    page = os.sysconf("SC_PAGE_SIZE")
    frames = set()
    for pid in descendants(app_pid):
        try:
            ranges = resident_ranges(pid)
            with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
                for start, end in ranges:
                    pagemap.seek(start // page * 8)
                    entries = array.array("Q")
                    entries.frombytes(pagemap.read((end - start) // page * 8))
                    frames.update(e & PFN_MASK for e in entries if e & PRESENT)
        except OSError:
            continue
    frames.discard(0)
    return len(frames) * page // 1024


PRESENT = 1 << 63
PFN_MASK = (1 << 55) - 1


def resident_ranges(pid):
    """The address ranges of `pid`'s mappings that have resident pages."""
    ranges, current = [], None
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            head = line.split(None, 1)[0]
            if "-" in head and not head.endswith(":"):
                start, end = (int(part, 16) for part in head.split("-"))
                current = (start, end)
            elif head == "Rss:" and current and int(line.split()[1]) > 0:
                ranges.append(current)
    return ranges
