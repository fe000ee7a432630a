"""Small bar charts as plain SVG (no plotting library): stacked columns and horizontal bars.

Written for campaign reports (scripts/campaign_report.py): readable when printed in black and
white (every bar is labelled with its number), colours safe for colour-blind readers.
"""
from __future__ import annotations

from html import escape

# Okabe & Ito's palette, distinguishable with every common colour-vision deficiency.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, DejaVu Sans, sans-serif"'


def _nice_max(value: float) -> float:
    """The axis top: 1, 2 or 5 times a power of ten, at least `value`."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= value:
                return factor * step
        step *= 10


def stacked_columns(title: str, categories: list[str], series: dict[str, list[int]], width: int = 760,
                    height: int = 300) -> tuple[str, int]:
    """Columns per category (e.g. week), stacked by series (e.g. language). Returns (svg, height used)."""
    left, right, head, foot = 56, 16, 56, 64
    plot_w, plot_h = width - left - right, height - head - foot
    totals = [sum(values[index] for values in series.values()) for index in range(len(categories))]
    maximum = _nice_max(max(totals, default=0))
    parts = [f'<text x="{left}" y="22" font-size="16" font-weight="700" {FONT}>{escape(title)}</text>']
    legend_x = left
    for number, name in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        parts.append(f'<rect x="{legend_x}" y="32" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{legend_x + 16}" y="43" font-size="12" {FONT}>{escape(name)}</text>')
        legend_x += 24 + 8 * len(name)
    for tick in range(5):
        value = maximum * tick / 4
        y = head + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc" stroke-width="1"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" {FONT}>{value:g}</text>')
    if not categories:
        parts.append(f'<text x="{left + plot_w / 2}" y="{head + plot_h / 2}" font-size="13" text-anchor="middle" {FONT}>'
                     'no data</text>')
    slot = plot_w / max(1, len(categories))
    bar = min(48.0, slot * 0.7)
    for index, category in enumerate(categories):
        x = left + slot * index + (slot - bar) / 2
        y = head + plot_h
        for number, values in enumerate(series.values()):
            if values[index]:
                h = plot_h * values[index] / maximum
                y -= h
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                             f'fill="{PALETTE[number % len(PALETTE)]}" stroke="#fff" stroke-width="0.5"/>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" font-size="11" text-anchor="middle" {FONT}>{totals[index]}</text>'
                     f'<text x="{x + bar / 2:.1f}" y="{head + plot_h + 16}" font-size="11" text-anchor="middle" '
                     f'{FONT}>{escape(category)}</text>')
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{head + plot_h}" y2="{head + plot_h}" stroke="#333"/>')
    return "".join(parts), height


def horizontal_bars(title: str, rows: list[tuple[str, int]], width: int = 760, row_height: int = 22) -> tuple[str, int]:
    """One labelled bar per row (e.g. short link), longest first. Returns (svg, height used)."""
    label_w, right, head = 300, 60, 40
    maximum = max((value for _, value in rows), default=0) or 1
    height = head + row_height * max(1, len(rows)) + 16
    parts = [f'<text x="16" y="22" font-size="16" font-weight="700" {FONT}>{escape(title)}</text>']
    if not rows:
        parts.append(f'<text x="16" y="{head + 14}" font-size="13" {FONT}>no data</text>')
    for index, (label, value) in enumerate(rows):
        y = head + row_height * index
        w = (width - label_w - right) * value / maximum
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" font-size="12" text-anchor="end" {FONT}>{escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row_height - 6}" fill="{PALETTE[0]}"/>'
                     f'<text x="{label_w + w + 6:.1f}" y="{y + 15}" font-size="12" {FONT}>{value}</text>')
    return "".join(parts), height


def document(panels: list[tuple[str, int]], width: int = 760, caption: str = "") -> str:
    """Panels one under the other in one SVG file, with an optional caption at the bottom."""
    body, y = [], 8
    for svg, height in panels:
        body.append(f'<g transform="translate(0,{y})">{svg}</g>')
        y += height + 16
    if caption:
        body.append(f'<text x="16" y="{y + 4}" font-size="11" fill="#444" {FONT}>{escape(caption)}</text>')
        y += 16
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y}" viewBox="0 0 {width} {y}">'
            f'<rect width="100%" height="100%" fill="#fff"/>{"".join(body)}</svg>\n')
