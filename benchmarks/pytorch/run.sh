#!/bin/sh
# Times the minibatch MLP and the GEMM in Java (JMH) and in PyTorch CPU, one after the other on
# the same machine, and prints both, by the clock and then by the CPU time of the thread.
# Setup: installs Debian's python3-torch and OpenBLAS when missing (needs root); nothing in the
# Maven build or the test suite does this. Debian's torch does its matrix products through
# whichever libblas.so.3 the alternatives system points at: without libopenblas0 that is the
# reference BLAS, many times slower, so the setup installs OpenBLAS as well.
# Usage: benchmarks/pytorch/run.sh [threads]   (default 1: the Java kernels use one thread)
set -e
cd "$(dirname "$0")/../.."
THREADS=${1:-1}
# Debian's torch is installed for Debian's python, which a python3 earlier on PATH may not be.
PYTHON=${PYTHON:-/usr/bin/python3}
if ! "$PYTHON" -c 'import torch' 2>/dev/null \
    || [ ! -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ]; then
  apt-get update && apt-get install -y python3-torch libopenblas0-pthread
fi
export OPENBLAS_NUM_THREADS="$THREADS"
if [ ! -f benchmarks/target/benchmarks.jar ]; then
  mvn -B -q -Pbenchmarks -DskipTests package
fi
echo "== machine"
grep -m1 'model name' /proc/cpuinfo
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Java (JMH, one thread)"
java -jar benchmarks/target/benchmarks.jar 'MlpBatchBenchmark|GemmBenchmark' -f 1 -wi 3 -i 5 \
  -w 1 -r 1
echo "== PyTorch (wall time)"
"$PYTHON" benchmarks/pytorch/mlp_step.py --threads "$THREADS"
if [ "$THREADS" = 1 ]; then
  echo "== Java, CPU time of the thread"
  java -cp benchmarks/target/benchmarks.jar dev.tapeless.benchmarks.CpuTimes
  echo "== Java, CPU time of the thread, with the Vector API module (the runtime's vector kernel)"
  java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
    dev.tapeless.benchmarks.CpuTimes
  echo "== PyTorch, CPU time of the thread"
  "$PYTHON" benchmarks/pytorch/mlp_step.py --threads 1 --cpu-time
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
