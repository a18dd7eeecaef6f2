"""Scoring models: scikit-learn pipelines over call features and words (``pipeline``), the
reasons behind each score (``reasons``), model folders on disk (``artifacts``) and training
and evaluation on labelled calls (``training``)."""
