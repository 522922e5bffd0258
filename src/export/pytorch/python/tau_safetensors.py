"""Reads and writes the safetensors format without the `safetensors` package.

Layout (https://github.com/huggingface/safetensors): an unsigned 64-bit little-endian header length N,
N bytes of UTF-8 JSON {name: {"dtype", "shape", "data_offsets": [begin, end]}}, then the raw little-endian
tensor bytes. Offsets are relative to the first byte after the header.

Quantized exports (the studio's "uint8" and "float16" weights) are decoded to float32 on load: F16 tensors
are widened; U8 tensors hold codes q with value = q * scale + min, per tensor, where scale and min are in
the header's __metadata__["tau_quantization"] (JSON {name: {"dtype": "uint8", "scale", "min"}}), exactly
as TensorFlow.js decodes the bundle's weights manifest.
"""
import json
import os
import struct

import numpy as np
import torch

# safetensors dtype code -> little-endian NumPy dtype
_DTYPES = {
    "F32": np.dtype("<f4"),
    "F16": np.dtype("<f2"),
    "I64": np.dtype("<i8"),
    "U8": np.dtype("u1"),
}
_CODES = {np.dtype("float32"): "F32", np.dtype("float16"): "F16", np.dtype("int64"): "I64", np.dtype("uint8"): "U8"}


def load_file(path):
    """Returns {name: torch.Tensor} for every tensor in the file (copies, native byte order)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: too short to be a safetensors file")
    (header_length,) = struct.unpack("<Q", data[:8])
    if header_length > len(data) - 8:
        raise ValueError(f"{path}: header length {header_length} is past the end of the file")
    header = json.loads(data[8 : 8 + header_length].decode("utf-8"))
    metadata = header.pop("__metadata__", None) or {}
    quantization = json.loads(metadata.get("tau_quantization", "{}"))
    start = 8 + header_length
    tensors = {}
    for name, spec in header.items():
        dtype = _DTYPES.get(spec["dtype"])
        if dtype is None:
            raise ValueError(f"{path}: tensor {name!r} has unsupported dtype {spec['dtype']}")
        begin, end = spec["data_offsets"]
        count = int(np.prod(spec["shape"], dtype=np.int64))
        if end - begin != count * dtype.itemsize or start + end > len(data):
            raise ValueError(f"{path}: tensor {name!r} has inconsistent offsets {begin}..{end}")
        array = np.frombuffer(data, dtype=dtype, count=count, offset=start + begin).reshape(spec["shape"])
        if name in quantization:
            # uint8 codes -> float32: q * scale + min, computed in float64 and rounded once (as TF.js does).
            q = quantization[name]
            array = (array.astype(np.float64) * float(q["scale"]) + float(q["min"])).astype(np.float32)
        elif spec["dtype"] == "F16":
            array = array.astype(np.float32)
        elif spec["dtype"] == "U8":
            raise ValueError(f"{path}: tensor {name!r} holds uint8 codes but __metadata__['tau_quantization'] gives no scale and min for it")
        tensors[name] = torch.from_numpy(array.astype(array.dtype.newbyteorder("="), copy=True))
    return tensors


def save_file(tensors, path, metadata=None):
    """Writes {name: tensor} to `path` atomically (a temporary file, then a rename)."""
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    chunks = []
    offset = 0
    for name, tensor in tensors.items():
        array = tensor.detach().cpu().contiguous().numpy()
        code = _CODES.get(array.dtype)
        if code is None:
            raise ValueError(f"tensor {name!r}: dtype {array.dtype} cannot be written")
        raw = array.astype(_DTYPES[code], copy=False).tobytes()
        header[name] = {"dtype": code, "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)  # pad so tensor data starts 8-byte aligned
    temporary = f"{path}.tmp"
    with open(temporary, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for raw in chunks:
            f.write(raw)
    os.replace(temporary, path)
