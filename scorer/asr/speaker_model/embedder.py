"""CAM++ speaker embeddings: the Kaldi fbank the model expects (numpy) and its onnxruntime session.

``SpeakerEmbedder().embed(windows)`` turns 16 kHz float32 windows into 192-d embeddings with
``campplus.onnx`` beside this file (see NOTICE; made by ``dev/convert_speaker_model.py``, which also
checks ``fbank`` against kaldi-native-fbank). ``scorer.asr.diarize`` is the user of this module.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np

from scorer.errors import EngineError, InputError

SAMPLE_RATE_HZ = 16_000
EMBEDDING_DIM = 192
MODEL_PACKAGE = "scorer.asr.speaker_model"
MODEL_FILE = "campplus.onnx"
# Kaldi fbank as CAM++ was trained on (torchaudio.compliance.kaldi.fbank defaults, dither 0).
_FRAME = 400  # 25 ms
_SHIFT = 160  # 10 ms
_FFT = 512
_MEL_BANDS = 80
_PREEMPHASIS = 0.97
_LOG_FLOOR = float(np.finfo(np.float32).eps)

def default_model_path() -> Path:
    """The ONNX file shipped in the package (``scorer/asr/speaker_model/campplus.onnx``)."""
    return Path(str(resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE)))


class SpeakerEmbedder:
    """CAM++ speaker embeddings with onnxruntime; load once, call ``embed`` many times.

    model_path: the ONNX file (default: the one shipped in the package).
    cpu_threads: intra-op threads (0 = onnxruntime's choice, all cores).
    batch_size: windows per onnxruntime call (default 16): memory stays flat whatever the call's
        length (+140 MiB at 16, +290 MiB at 32), and larger batches are barely faster.
    """

    def __init__(self, model_path: str | Path | None = None, cpu_threads: int = 0, batch_size: int = 16) -> None:
        import onnxruntime

        path = Path(model_path) if model_path is not None else default_model_path()
        if not path.is_file():
            raise EngineError(f"speaker model {path} is missing; reinstall callscore (it ships in the "
                              "package as scorer/asr/speaker_model/campplus.onnx)")
        opts = onnxruntime.SessionOptions()
        opts.intra_op_num_threads = max(0, int(cpu_threads))
        opts.inter_op_num_threads = 1
        # Without the arena the peak over the seven sample calls was 441 MiB instead of 509 MiB: the
        # refinement's odd-sized batches kept growing it.
        opts.enable_cpu_mem_arena = False
        opts.log_severity_level = 3
        try:
            self._session = onnxruntime.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise EngineError(f"speaker model {path} failed to load ({exc}); reinstall callscore") from exc
        self.batch_size = max(1, int(batch_size))
        self.model_path = path

    def embed(self, windows: np.ndarray) -> np.ndarray:
        """(n, samples) float32 16 kHz windows of equal length (>= 25 ms) -> (n, 192) embeddings."""
        windows = np.atleast_2d(np.asarray(windows, dtype=np.float32))
        parts = [self.embed_fbank(fbank(windows[i: i + self.batch_size]))
                 for i in range(0, windows.shape[0], self.batch_size)]
        return np.concatenate(parts) if parts else np.zeros((0, EMBEDDING_DIM), dtype=np.float32)

    def embed_fbank(self, features: np.ndarray) -> np.ndarray:
        """(n, frames, 80) features from ``fbank`` -> (n, 192) embeddings (one onnxruntime call)."""
        if features.shape[0] == 0:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        (result,) = self._session.run(None, {"fbank": np.ascontiguousarray(features, dtype=np.float32)})
        return result


def _mel_banks() -> np.ndarray:
    """(256, 80) Kaldi triangular mel filters over the FFT bins below Nyquist (20 Hz - 8 kHz)."""
    def mel(hz: np.ndarray | float) -> np.ndarray:
        return 1127.0 * np.log(1.0 + np.asarray(hz, dtype=np.float64) / 700.0)

    low, high = mel(20.0), mel(SAMPLE_RATE_HZ / 2)
    delta = (high - low) / (_MEL_BANDS + 1)
    left = low + delta * np.arange(_MEL_BANDS)  # band i rises from left to left + delta, falls to + 2 delta
    bins = mel(np.arange(_FFT // 2) * SAMPLE_RATE_HZ / _FFT)[None, :]
    up = (bins - left[:, None]) / delta
    down = (left[:, None] + 2 * delta - bins) / delta
    return np.clip(np.minimum(up, down), 0.0, None).T.astype(np.float32)


_MEL = _mel_banks()
_POVEY = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(_FRAME) / (_FRAME - 1))) ** 0.85


def fbank(windows: np.ndarray) -> np.ndarray:
    """(n, samples) float32 at 16 kHz in [-1, 1] -> (n, frames, 80) log-mel fbank, mean removed.

    Kaldi's recipe (25 ms frames every 10 ms, no frames past the end, DC removed per frame,
    pre-emphasis 0.97, Povey window, 512-point power spectrum, 80 mel bands from 20 Hz, log with a
    float32-epsilon floor), then each window's mean per band is subtracted, as CAM++ expects.
    ``dev/convert_speaker_model.py`` checks it against kaldi-native-fbank.
    """
    windows = np.atleast_2d(np.asarray(windows, dtype=np.float32))
    if windows.shape[-1] < _FRAME:
        raise InputError(f"a window of {windows.shape[-1]} samples is shorter than one 25 ms frame; "
                         "pass at least 400 samples")
    count = 1 + (windows.shape[-1] - _FRAME) // _SHIFT
    index = np.arange(_FRAME)[None, :] + _SHIFT * np.arange(count)[:, None]
    frames = windows[:, index].astype(np.float64)
    frames -= frames.mean(axis=-1, keepdims=True)
    frames[..., 1:] -= _PREEMPHASIS * frames[..., :-1].copy()
    frames[..., 0] *= 1.0 - _PREEMPHASIS
    spectrum = np.fft.rfft(frames * _POVEY, n=_FFT)[..., : _FFT // 2]
    power = (spectrum.real ** 2 + spectrum.imag ** 2).astype(np.float32)
    logmel = np.log(np.maximum(power @ _MEL, _LOG_FLOOR))
    return logmel - logmel.mean(axis=1, keepdims=True)
