"""Evaluation, supervision and support: did the programme work, and who needs help now.

Pure modules (they take data and return data, never print, exit or touch files):
- `surveys`: survey definitions (the cohort's own, or the shipped en/fr defaults), answer
  values, the printable questionnaire and the sheet of questions for form tools;
- `answers`: survey answers exported by Microsoft Forms, Google Forms or LimeSurvey, matched to
  participants and turned into edits of the cohort file;
- `support`: supervision, training, concerns and HR outcomes as edits;
- `checks`: the format's cross-checks of these sections (called by `mentorcli.validation`);
- `stats`: means, NPS, Wilson and Newcombe intervals, the small-group rule;
- `build`: the programme evaluation (indicators of one or several cohorts);
- `render`: the evaluation in text, Markdown, CSV, JSON and HTML (inline SVG charts);
- `alerts`: what the regular report lists (supervision overdue, concerns overdue, untrained).

Confidential: a response's `comments` and a concern's `description` are never printed.
"""
