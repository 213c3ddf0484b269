"""Exercise checks, one module per notebook, with the reference answers inside them.

A notebook's exercise cell leaves a blank for the learner and then calls a check, e.g.
`from utils.exercises.vanilla import check_code_size_curve`. The check computes what the answer should be from its
own reference (never shown in the notebook), prints a kind verdict, and returns a `Verdict` (true when right); it
does not raise on a wrong answer, so the notebook keeps running. `core` holds what all checks share.
"""
