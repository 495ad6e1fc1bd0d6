"""phi-audit's dashboard: a Streamlit app over a findings store, started by `phi-audit dashboard`."""
