"""Charts, matplotlib only: every ``plot_*`` function draws a figure from a frame computed
elsewhere and computes no statistic itself.  ``style`` holds the palette, captions and
``save_chart`` (each chart saved beside the frame it was drawn from)."""
