"""Tools around the notebooks: the HTML report, executing notebooks, JupyterLab, the
environment files and the command line.  Notebooks and measures never import these."""
