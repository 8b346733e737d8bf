"""Formatting helpers shared by the reference generators: C++ initializer lists within 120 columns."""


def wrap(items, indent, width=120):
    """Join items with ', ' in lines of at most `width` columns, each starting with `indent` spaces."""
    lines, line = [], " " * indent
    for i, item in enumerate(items):
        piece = item + ("," if i + 1 < len(items) else "")
        if line.strip() and len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = " " * indent
        line += ("" if not line.strip() else " ") + piece
    lines.append(line)
    return "\n".join(lines)
