"""A bare Streamlit page: the browser benchmark's baseline for how fast any page can load."""

import streamlit as st

st.title("A bare page")
st.write("Nothing here but Streamlit itself.")
