#!/bin/sh
# Times the minibatch MLP and the GEMM in Java (JMH) and in PyTorch CPU, one after the other on
# the same machine, and prints both. Setup: installs Debian's python3-torch when torch is
# missing (needs root); nothing in the Maven build or the test suite does this.
# Usage: benchmarks/pytorch/run.sh [threads]   (default 1: the Java kernels use one thread)
set -e
cd "$(dirname "$0")/../.."
THREADS=${1:-1}
if ! python3 -c 'import torch' 2>/dev/null; then
  apt-get update && apt-get install -y python3-torch
fi
if [ ! -f benchmarks/target/benchmarks.jar ]; then
  mvn -B -q -Pbenchmarks -DskipTests package
fi
echo "== machine"
grep -m1 'model name' /proc/cpuinfo
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Java (JMH, one thread)"
java -jar benchmarks/target/benchmarks.jar 'MlpBatchBenchmark|GemmBenchmark' -f 1 -wi 3 -i 5 \
  -w 1 -r 1
echo "== PyTorch"
python3 benchmarks/pytorch/mlp_step.py --threads "$THREADS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
