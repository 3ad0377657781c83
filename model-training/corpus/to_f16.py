#!/usr/bin/env python3
"""Rewrites a model.safetensors file with every F32 tensor stored as F16 (round to nearest even).

The engine reads F16 safetensors and widens them to float32 on load, so the shipped base stays under 8 MiB.
  python3 model-training/corpus/to_f16.py IN.safetensors OUT.safetensors
"""
import json
import struct
import sys

import numpy as np


def main(source, target):
    with open(source, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        data = f.read()
    out_header, chunks, offset = {}, [], 0
    for name in sorted(k for k in header if k != "__metadata__"):
        info = header[name]
        begin, end = info["data_offsets"]
        raw = data[begin:end]
        if info["dtype"] == "F32":
            raw = np.frombuffer(raw, dtype="<f4").astype("<f2").tobytes()
            dtype = "F16"
        else:
            dtype = info["dtype"]
        out_header[name] = {"dtype": dtype, "shape": info["shape"], "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    if "__metadata__" in header:
        out_header["__metadata__"] = header["__metadata__"]
    encoded = json.dumps(out_header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    with open(target, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for chunk in chunks:
            f.write(chunk)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
