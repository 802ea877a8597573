"""Builds Takwin Sans from Noto Sans Arabic and Noto Sans (both SIL OFL 1.1).

usvg shapes a text with one font and falls back glyph by glyph only when the fallback
font gives as many glyphs, which Arabic (joined letters, ligatures) never does: a
parenthesis, a percent sign or a Latin name inside Arabic came out as empty boxes.
One font holding both scripts is shaped in one pass. Run from this folder with
fontTools (`pip install fonttools`), the four Noto files beside it:

    python3 merge.py
"""

from fontTools import merge

FAMILY = "Takwin Sans"

for weight in ("Regular", "Bold"):
    font = merge.Merger().merge(
        [f"NotoSansArabic-{weight}.ttf", f"NotoSans-{weight}.ttf"]
    )
    # A modified font takes a name of its own (the licence's wish for derivatives).
    names = {
        1: FAMILY,
        3: f"TakwinSans-{weight};merged from Noto Sans Arabic and Noto Sans",
        4: f"{FAMILY} {weight}",
        6: f"TakwinSans-{weight}",
        16: FAMILY,
    }
    table = font["name"]
    table.names = [r for r in table.names if r.nameID not in names]
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)
    font.save(f"TakwinSans-{weight}.ttf")
    print(f"TakwinSans-{weight}.ttf")
