"""The benchmark (scripts/bench.py), kept out of the installable package.

course    an invented course (raw excerpt + notes folder) at any multiple of this site
runs      private copies of the project, commands run as measured child processes, statistics
browser   Lighthouse, page weight, DOM size and the own-copy reader, on served built sites
report    targets judged beside the figures; one Markdown table
"""
