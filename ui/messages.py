"""What ``nn/`` reports, worded for the learner: ``nn/`` returns reasons and figures, this module says them.

One place for every such sentence, so the words can be checked against the figures
(and translated later) without touching the maths.
"""

from __future__ import annotations

from nn.training import Divergence


def divergence_message(divergence: Divergence) -> str:
    """Why training stopped, what was kept, and what to try."""
    return (
        "The weights blew up (the error became NaN or a weight grew past "
        f"{divergence.weight_limit:g}), so training was paused and the weights from "
        "before it happened were kept. Try a smaller learning rate."
    )
