"""The book's three-layer network, its maths and its data: numpy and scipy only.

Credit: Tariq Rashid, *Make Your Own Neural Network* (2016). This is an
independent implementation written from the book's equations.
"""

from nn.network import MAX_LEARNING_RATE, MAX_NODES, NeuralNetwork, Trace

__all__ = ["NeuralNetwork", "Trace", "MAX_NODES", "MAX_LEARNING_RATE"]
