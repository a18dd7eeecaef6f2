"""The CAM++ speaker-embedding model: ``campplus.onnx`` (data), its NOTICE and LICENSE (source and
Apache-2.0 terms), and ``embedder.py`` (the Kaldi fbank it expects and its onnxruntime session).

A package so that ``importlib.resources`` and setuptools' package-data find the file in an installed
callscore. The file is made once by ``dev/convert_speaker_model.py``; ``scorer.asr.diarize`` uses it.
"""
