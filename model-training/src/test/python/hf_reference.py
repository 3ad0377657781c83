#!/usr/bin/env python3
"""Independent NumPy reference for the Hugging Face import tests (no Java code, no torch).

  hf_reference.py write KIND DIR SEED   writes a tiny random checkpoint folder: config.json, model.safetensors,
                                        tokenizer.json; KIND is gpt2, llama, qwen2, mistral or smollm
  hf_reference.py logits DIR IDS        prints the logits [time][vocab] for comma-separated token ids as JSON,
                                        computed in float64 from the folder's config.json and model.safetensors

The forward passes follow transformers' modeling_gpt2.py and modeling_llama.py / modeling_qwen2.py.
"""
import json
import math
import os
import struct
import sys

import numpy as np

# --- safetensors: 8-byte little-endian header length, JSON header, raw little-endian data ---------------------

DTYPES = {"F32": np.float32, "F16": np.float16, "F64": np.float64}


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    header["__metadata__"] = {"format": "pt"}
    raw = json.dumps(header).encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=np.dtype(DTYPES[info["dtype"]]).newbyteorder("<"))
        tensors[name] = array.reshape(info["shape"]).astype(np.float64)
    return tensors


# --- a tiny byte-level BPE tokenizer.json (GPT-2's byte-to-unicode table) --------------------------------------


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def write_tokenizer(path, byte_fallback=False):
    table = bytes_to_unicode()
    vocab = {table[b]: b for b in range(256)}
    merges = []
    for left, right in [("t", "h"), ("th", "e"), ("Ġ", "the"), ("a", "n"), ("an", "d"), ("Ġ", "and"), ("i", "n")]:
        vocab[left + right] = len(vocab)
        merges.append(left + " " + right)
    eos = len(vocab)
    model = {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
             "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": byte_fallback, "vocab": vocab,
             "merges": merges}
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": eos, "content": "<|endoftext|>", "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": True}],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": model,
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False)
    return eos


# --- writing random checkpoints ---------------------------------------------------------------------------------

VOCAB = 272  # the tokenizer above has 256 + 7 + 1 = 264 entries; the model has a few spare rows, as real ones do


def write(kind, directory, seed):
    os.makedirs(directory, exist_ok=True)
    rng = np.random.default_rng(seed)
    eos = write_tokenizer(os.path.join(directory, "tokenizer.json"))

    def linear(out_features, in_features):
        return rng.normal(0, 1 / math.sqrt(in_features), (out_features, in_features))

    tensors = {}
    if kind == "gpt2":
        width, layers, heads, context, inner = 48, 2, 4, 64, 96
        config = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": VOCAB,
                  "n_positions": context, "n_ctx": context, "n_embd": width, "n_layer": layers, "n_head": heads,
                  "n_inner": inner, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5,
                  "bos_token_id": eos, "eos_token_id": eos, "tie_word_embeddings": True}
        tensors["transformer.wte.weight"] = rng.normal(0, 1, (VOCAB, width))
        tensors["transformer.wpe.weight"] = rng.normal(0, 0.5, (context, width))
        for i in range(layers):
            p = "transformer.h.%d." % i
            for norm in ("ln_1", "ln_2"):
                tensors[p + norm + ".weight"] = 1 + rng.normal(0, 0.1, width)
                tensors[p + norm + ".bias"] = rng.normal(0, 0.1, width)
            # Conv1D stores [in, out].
            for name, (fan_in, fan_out) in {"attn.c_attn": (width, 3 * width), "attn.c_proj": (width, width),
                                            "mlp.c_fc": (width, inner), "mlp.c_proj": (inner, width)}.items():
                tensors[p + name + ".weight"] = linear(fan_out, fan_in).T
                tensors[p + name + ".bias"] = rng.normal(0, 0.1, fan_out)
            tensors[p + "attn.bias"] = np.tril(np.ones((context, context)))[None, None]  # a mask buffer to ignore
        tensors["transformer.ln_f.weight"] = 1 + rng.normal(0, 0.1, width)
        tensors["transformer.ln_f.bias"] = rng.normal(0, 0.1, width)
    else:
        width, layers, heads, inner = 64, 2, 4, 128
        kv = {"llama": 2, "qwen2": 1, "mistral": 4, "smollm": 1}[kind]
        tied = kind in ("qwen2", "smollm")
        architecture = {"llama": "LlamaForCausalLM", "qwen2": "Qwen2ForCausalLM", "mistral": "MistralForCausalLM",
                        "smollm": "LlamaForCausalLM"}[kind]
        model_type = {"qwen2": "qwen2", "mistral": "mistral"}.get(kind, "llama")
        theta = {"llama": 10000.0, "qwen2": 1000000.0, "mistral": 10000.0, "smollm": 100000.0}[kind]
        config = {"architectures": [architecture], "model_type": model_type, "vocab_size": VOCAB,
                  "hidden_size": width, "intermediate_size": inner, "num_hidden_layers": layers,
                  "num_attention_heads": heads, "num_key_value_heads": kv, "hidden_act": "silu",
                  "max_position_embeddings": 128, "rms_norm_eps": 1e-6, "rope_theta": theta,
                  "tie_word_embeddings": tied, "bos_token_id": eos, "eos_token_id": eos, "torch_dtype": "float32"}
        if kind == "mistral":
            config["sliding_window"] = 4096
        if kind == "qwen2":
            config["use_sliding_window"] = False
            config["eos_token_id"] = [eos]
        if kind == "llama":
            config["rope_scaling"] = None
            config["attention_bias"] = False
        hd = width // heads
        tensors["model.embed_tokens.weight"] = rng.normal(0, 1, (VOCAB, width))
        for i in range(layers):
            p = "model.layers.%d." % i
            tensors[p + "input_layernorm.weight"] = 1 + rng.normal(0, 0.1, width)
            tensors[p + "post_attention_layernorm.weight"] = 1 + rng.normal(0, 0.1, width)
            tensors[p + "self_attn.q_proj.weight"] = linear(heads * hd, width)
            tensors[p + "self_attn.k_proj.weight"] = linear(kv * hd, width)
            tensors[p + "self_attn.v_proj.weight"] = linear(kv * hd, width)
            tensors[p + "self_attn.o_proj.weight"] = linear(width, heads * hd)
            if kind == "qwen2":
                tensors[p + "self_attn.q_proj.bias"] = rng.normal(0, 0.3, heads * hd)
                tensors[p + "self_attn.k_proj.bias"] = rng.normal(0, 0.3, kv * hd)
                tensors[p + "self_attn.v_proj.bias"] = rng.normal(0, 0.3, kv * hd)
            tensors[p + "mlp.gate_proj.weight"] = linear(inner, width)
            tensors[p + "mlp.up_proj.weight"] = linear(inner, width)
            tensors[p + "mlp.down_proj.weight"] = linear(width, inner)
        tensors["model.norm.weight"] = 1 + rng.normal(0, 0.1, width)
        if not tied:
            tensors["lm_head.weight"] = rng.normal(0, 1 / math.sqrt(width), (VOCAB, width))
    with open(os.path.join(directory, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    write_safetensors(os.path.join(directory, "model.safetensors"), tensors)


# --- reference forward passes in float64 ---------------------------------------------------------------------------


def softmax(x):
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def causal_attention(q, k, v):
    # q [heads, time, d], k and v [heads, time, d]
    time, d = q.shape[1], q.shape[2]
    scores = q @ k.transpose(0, 2, 1) / math.sqrt(d)
    scores = np.where(np.tril(np.ones((time, time), dtype=bool)), scores, -np.inf)
    return softmax(scores) @ v


def gpt2_logits(config, t, ids):
    def p(name):
        return t.get("transformer." + name, t.get(name))

    width, heads, eps = config["n_embd"], config["n_head"], config.get("layer_norm_epsilon", 1e-5)
    time = len(ids)
    hd = width // heads

    def layer_norm(x, prefix):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + eps) * p(prefix + ".weight") + p(prefix + ".bias")

    def gelu(x):
        if config.get("activation_function", "gelu_new") == "gelu":
            return 0.5 * x * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))
        return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))

    h = p("wte.weight")[ids] + p("wpe.weight")[np.arange(time)]
    for i in range(config["n_layer"]):
        pre = "h.%d." % i
        a = layer_norm(h, pre + "ln_1")
        qkv = a @ p(pre + "attn.c_attn.weight") + p(pre + "attn.c_attn.bias")
        q, k, v = [x.reshape(time, heads, hd).transpose(1, 0, 2) for x in np.split(qkv, 3, axis=-1)]
        context = causal_attention(q, k, v).transpose(1, 0, 2).reshape(time, width)
        h = h + context @ p(pre + "attn.c_proj.weight") + p(pre + "attn.c_proj.bias")
        m = layer_norm(h, pre + "ln_2")
        m = gelu(m @ p(pre + "mlp.c_fc.weight") + p(pre + "mlp.c_fc.bias"))
        h = h + m @ p(pre + "mlp.c_proj.weight") + p(pre + "mlp.c_proj.bias")
    return layer_norm(h, "ln_f") @ p("wte.weight").T


def llama_logits(config, t, ids):
    width, heads = config["hidden_size"], config["num_attention_heads"]
    kv = config.get("num_key_value_heads") or heads
    eps, theta = config.get("rms_norm_eps", 1e-6), config.get("rope_theta", 10000.0)
    hd = width // heads
    time = len(ids)

    def w(name):
        return t["model." + name]

    def rms_norm(x, name):
        return x / np.sqrt((x ** 2).mean(-1, keepdims=True) + eps) * w(name)

    def linear(x, name):
        y = x @ w(name + ".weight").T
        bias = t.get("model." + name + ".bias")
        return y if bias is None else y + bias

    inv_freq = 1.0 / theta ** (np.arange(0, hd, 2) / hd)
    angles = np.outer(np.arange(time), inv_freq)
    cos = np.cos(np.concatenate([angles, angles], -1))
    sin = np.sin(np.concatenate([angles, angles], -1))

    def rope(x):  # [heads, time, hd], rotate_half convention
        rotated = np.concatenate([-x[..., hd // 2:], x[..., :hd // 2]], -1)
        return x * cos + rotated * sin

    h = w("embed_tokens.weight")[ids]
    for i in range(config["num_hidden_layers"]):
        pre = "layers.%d." % i
        a = rms_norm(h, pre + "input_layernorm.weight")
        q = rope(linear(a, pre + "self_attn.q_proj").reshape(time, heads, hd).transpose(1, 0, 2))
        k = rope(linear(a, pre + "self_attn.k_proj").reshape(time, kv, hd).transpose(1, 0, 2))
        v = linear(a, pre + "self_attn.v_proj").reshape(time, kv, hd).transpose(1, 0, 2)
        k = np.repeat(k, heads // kv, axis=0)  # query head j uses key/value head j // (heads / kv)
        v = np.repeat(v, heads // kv, axis=0)
        context = causal_attention(q, k, v).transpose(1, 0, 2).reshape(time, width)
        h = h + linear(context, pre + "self_attn.o_proj")
        m = rms_norm(h, pre + "post_attention_layernorm.weight")
        gate = linear(m, pre + "mlp.gate_proj")
        h = h + linear(gate / (1 + np.exp(-gate)) * linear(m, pre + "mlp.up_proj"), pre + "mlp.down_proj")
    head = t["model.embed_tokens.weight"] if config.get("tie_word_embeddings") else t["lm_head.weight"]
    return rms_norm(h, "norm.weight") @ head.T


def logits(directory, ids):
    with open(os.path.join(directory, "config.json")) as f:
        config = json.load(f)
    t = read_safetensors(os.path.join(directory, "model.safetensors"))
    if config["architectures"][0] == "GPT2LMHeadModel":
        return gpt2_logits(config, t, ids)
    return llama_logits(config, t, ids)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "logits":
        result = logits(sys.argv[2], [int(x) for x in sys.argv[3].split(",")])
        json.dump(result.tolist(), sys.stdout)
    else:
        sys.exit("usage: hf_reference.py write KIND DIR SEED | logits DIR IDS")
