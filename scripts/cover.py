#!/usr/bin/env python3
"""Fill git format-patch's cover letter template with our text.

Usage: cover.py TEXT COVER. TEXT's first line is the subject, the rest
is the body; the shortlog and diffstat git wrote are kept.
"""
import sys

text = open(sys.argv[1]).read().split("\n", 1)
subject, body = text[0].strip(), text[1].strip("\n") if len(text) > 1 else ""
cover = open(sys.argv[2]).read()
cover = cover.replace("*** SUBJECT HERE ***", subject)
cover = cover.replace("*** BLURB HERE ***", body)
open(sys.argv[2], "w").write(cover)
