"""The countries domain: which countries the articles name (``mentions``), on which side
they place them (``positions``), and the documented record of who signed what (``record``)."""
