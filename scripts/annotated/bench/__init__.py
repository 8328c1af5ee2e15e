"""The benchmark (`scripts/bench.py`): build speed, scale, page weight and Lighthouse scores.

One module per thing measured; `scripts/bench.py` only wires them together and prints.
    stats       samples -> median and spread; growth exponent of a log-log fit
    synthetic   an invented course (raw excerpt + notes folder) at any multiple of this site
    workspace   a private copy of the project to build in, so runs never touch site/ or build/
    timing      the build's stages in process, and whole commands as child processes
    weight      bytes a browser loads for one built page (HTML, CSS, JS, fonts; raw and gzip)
    lighthouse  Lighthouse scores for built pages served on 127.0.0.1, and what costs points
    report      the table on the terminal, and the JSON and Markdown files under .bench/
"""
