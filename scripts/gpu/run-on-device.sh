#!/bin/bash
# Runs the GPU measurements on the lent GPU machine (no browser there; see scripts/gpu/README.md).
# Expects, carried from the repo root: .gl/ (libvulkan1 .deb), .gpu/ (webgpu-dawn.mjs from build.mjs,
# node.xz and dawn.node.xz). Writes webgpu.json, torch.json and their logs to $OUT.
set -u
OUT=${OUT:-/tmp/gpu-out}; mkdir -p "$OUT"
for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig
ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[ -f "$ICD" ] && export VK_DRIVER_FILES=$ICD VK_ICD_FILENAMES=$ICD
unxz() { xz -dc "$1" 2>/dev/null || python3 -c "import lzma,sys; sys.stdout.buffer.write(lzma.open(sys.argv[1]).read())" "$1"; }
mkdir -p /tmp/g
NODE=$(command -v node || true)
if [ -z "$NODE" ]; then unxz .gpu/node.xz > /tmp/g/node && chmod +x /tmp/g/node && NODE=/tmp/g/node; fi
unxz .gpu/dawn.node.xz > /tmp/g/dawn.node
{ nvidia-smi -L; "$NODE" --version; ls /usr/local/nvidia/share/vulkan/icd.d/ 2>&1; ldconfig -p | grep -i vulkan; nproc; } > "$OUT/machine.txt" 2>&1
cat "$OUT/machine.txt"
DAWN_NODE=/tmp/g/dawn.node timeout "${GPU_NODE_TIMEOUT:-240}" "$NODE" .gpu/webgpu-dawn.mjs public/samples > "$OUT/webgpu.json" 2> "$OUT/webgpu.log"
echo "webgpu rc=$?"; grep -v synchronously "$OUT/webgpu.log" | cut -c1-400 | tail -20
PYTHONUNBUFFERED=1 timeout "${GPU_TORCH_TIMEOUT:-150}" python3 scripts/gpu/torch_gpu.py > "$OUT/torch.json" 2> "$OUT/torch.log"
echo "torch rc=$?"; tail -3 "$OUT/torch.log"; head -c 1500 "$OUT/torch.json"
