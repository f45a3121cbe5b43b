"""The front door: what this is, the session's network, and where to go next."""

import streamlit as st

st.set_page_config(page_title="See a neural network learn", page_icon="🧠", layout="wide")

st.title("See a neural network learn")
st.write(
    "The three-layer network of Tariq Rashid's *Make Your Own Neural Network*, "
    "with every weight and every number on screen. The pages are coming: watch it "
    "learn, step through backpropagation, and teach it to read handwriting."
)
