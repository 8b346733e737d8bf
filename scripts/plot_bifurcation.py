#!/usr/bin/env python3
"""Draws the Lorenz return-time bifurcation diagram written by examples/lorenz_bifurcation.cpp.

    plot_bifurcation.py <lorenz_bifurcation.csv> <output.png>

The CSV has a header `rho,interval` and one row per interval between successive maxima of z; each row becomes one
point (rho, interval), drawn small and translucent so that dense branches come out dark. The y axis stops at the 99.99th
percentile (a few long intervals near the onset of chaos lie above). Writes an 8-bit greyscale PNG. Needs matplotlib
(with numpy and Pillow, its dependencies; Debian: apt-get install python3-matplotlib).
"""
import sys
import warnings

try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image  # Pillow: a dependency of matplotlib
except ImportError as e:
    sys.exit(
        f"plot_bifurcation.py: {e}; on Debian install python3-matplotlib "
        "(apt-get install python3-matplotlib) and run this with /usr/bin/python3"
    )


def main(argv):
    if len(argv) != 3:
        sys.exit(f"usage: {argv[0]} <lorenz_bifurcation.csv> <output.png>")
    csv_path, png_path = argv[1], argv[2]
    with warnings.catch_warnings():  # an empty file is reported below
        warnings.simplefilter("ignore", UserWarning)
        data = np.loadtxt(csv_path, delimiter=",", skiprows=1, ndmin=2)
    if data.shape[0] == 0:
        sys.exit(f"plot_bifurcation.py: {csv_path} has no intervals to plot")
    rho, interval = data[:, 0], data[:, 1]
    runs = np.unique(rho).size

    fig, ax = plt.subplots(figsize=(10, 6), dpi=150)
    ax.scatter(rho, interval, s=0.3, c="black", alpha=0.15, linewidths=0, marker=".")
    ax.set_ylim(0, np.quantile(interval, 0.9999) * 1.05)
    if runs > 1:
        ax.set_xlim(rho.min(), rho.max())
    ax.set_xlabel("ρ")
    ax.set_ylabel("time between maxima of z")
    ax.set_title(f"Lorenz system (σ = 10, β = 8/3): return times of z over {runs:,} values of ρ")
    fig.tight_layout()
    # Everything is grey: as an 8-bit greyscale PNG the picture is about half the size of an RGBA one.
    fig.canvas.draw()
    Image.fromarray(np.asarray(fig.canvas.buffer_rgba())).convert("L").save(png_path, optimize=True)
    print(f"plot_bifurcation.py: {interval.size:,} intervals from {runs:,} runs drawn to {png_path}")


if __name__ == "__main__":
    main(sys.argv)
