"""The book's three-layer network, its maths and its data: numpy and scipy only.

Credit: Tariq Rashid, *Make Your Own Neural Network* (2016). This is an
independent implementation written from the book's equations.

One job per module. ``network`` is the book's ``NeuralNetwork`` and ``Trace`` (one
pass, every intermediate named); ``fast/`` trains many samples with exactly its
per-sample updates; ``files`` reads a saved network without trusting it. Data:
``data`` (MNIST and the book's scaling), ``teaching_sets``, ``augment``,
``handwriting``. Training and testing: ``training`` (a page's run, in chunks),
``mnist_training`` (whole epochs), ``scoring`` (answers and accuracy),
``experiments`` (the book's sweeps), ``comparison`` (two runs judged from their
errors), ``mnist`` (the ``python -m nn.mnist`` command). Explaining:
``chain_rule``, ``gradient_check``, ``questions``.
Nothing here words a sentence for a page: refusals and results carry reasons
and figures, and ``ui/`` words them.
"""

from nn.network import MAX_LEARNING_RATE, MAX_NODES, NeuralNetwork, Trace

__all__ = ["NeuralNetwork", "Trace", "MAX_NODES", "MAX_LEARNING_RATE"]
